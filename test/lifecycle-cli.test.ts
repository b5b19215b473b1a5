// The lifecycle commands through the built CLI against the emulator: destroy, --replace, protect.
import { expect } from 'chai';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT, REGION } from './helpers/builders.js';
import { DEFAULT_STAGES, useCliTestBed } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}`;
const ADDRESSES = ['news/program', 'news/recording', 'show/program', 'show/recording'];

describe('lifecycle commands (built CLI, emulator)', function () {
  this.timeout(90_000);
  const bed = useCliTestBed();
  const { run, runningByAddress } = bed;

  /** The starting point of a test (in this process: what is tested is the command after it). */
  async function applyAll(): Promise<void> {
    const applied = await bed.runInProcess('apply', '--auto-approve', '.');
    expect(applied.code, applied.stderr).to.equal(0);
    expect(runningByAddress()).to.deep.equal(Object.fromEntries(ADDRESSES.map((a) => [a, 1])));
  }

  /** A composition started by a script, without stageform's tags, on the News1 stage (by default one no manifest describes). */
  function startByHand(input: Record<string, unknown> = {}): string {
    const started = bed.handle.emulator.handle('StartComposition', {
      stageArn: `${ARN}:stage/News1`,
      destinations: [
        { s3: { storageConfigurationArn: `${ARN}:storage-configuration/Store1`, encoderConfigurationArns: [`${ARN}:encoder-configuration/Enc720p`] } },
      ],
      ...input,
    }) as { composition: { arn: string } };
    return started.composition.arn;
  }

  /** news/program as its manifest describes it (grid defaults, the ChanNews1 channel), started by a script. */
  function startNewsProgramByHand(tags?: Record<string, string>): string {
    return startByHand({ destinations: [{ name: 'live', channel: { channelArn: `${ARN}:channel/ChanNews1` } }], ...(tags ? { tags } : {}) });
  }

  function runningArnOf(address: string): string | undefined {
    return bed.handle.emulator.compositions().find((c) => c.tags['stageform:address'] === address && (c.state === 'ACTIVE' || c.state === 'STARTING'))?.arn;
  }

  function stopCalls(): number {
    return bed.handle.emulator.callCounts().calls.StopComposition ?? 0;
  }

  describe('adopt', () => {
    it('GIVEN a hand-started composition on a declared channel WHEN adopted THEN apply only tags it (0 stops), and plan afterwards has no changes', async () => {
      const hand = startNewsProgramByHand({ owner: 'script' });

      const blocked = await run('plan', '.');
      expect(blocked.code).to.equal(1);
      expect(blocked.stderr).to.include('error[CHANNEL_IN_USE]');
      expect(blocked.stderr).to.include('adopt it without a stop (adopt: true, or --adopt news/program)');

      const planned = await run('plan', '--adopt', 'news/program', '.');
      expect(planned.code, planned.stderr).to.equal(0);
      expect(planned.stdout).to.include(' <= adopt a running composition (tags only: nothing stops or starts)');
      expect(planned.stdout).to.include('# news/program will be adopted (started outside stageform, matches the manifest)');
      expect(planned.stdout).to.include(`# live: ${hand} (ACTIVE)`);
      expect(planned.stdout).to.include('Plan: 1 to adopt, 3 to add, 0 to change, 0 to destroy.');
      const json = JSON.parse((await run('plan', '--adopt', 'news/program', '--json', '.')).stdout) as { summary: { actions: Record<string, number> }; changes: { address: string; action: string }[] };
      expect(json.changes.find((c) => c.address === 'news/program')?.action).to.equal('adopt');
      expect(json.summary.actions.adopt).to.equal(1);

      const applied = await run('apply', '--auto-approve', '--adopt-all', '.');
      expect(applied.code, applied.stderr).to.equal(0);
      expect(applied.stdout).to.include(`news/program: tagged ${hand} (adopted: ownership tags written)`);
      expect(stopCalls()).to.equal(0);
      expect(runningArnOf('news/program')).to.equal(hand);
      const tags = bed.handle.emulator.compositions().find((c) => c.arn === hand)!.tags;
      expect([tags['stageform:project'], tags['stageform:address'], tags.owner]).to.deep.equal(['cli-test', 'news/program', undefined]);
      expect(runningByAddress()).to.deep.equal(Object.fromEntries(ADDRESSES.map((a) => [a, 1])));
      expect((await run('plan', '--detailed-exitcode', '.')).code).to.equal(0);
    });

    it("GIVEN adopt: true in the manifest and another project's composition on the channel THEN it is never adopted", async () => {
      bed.project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1', adopt: true }, { name: 'recording', s3: true, gridGap: 6 }]);
      startNewsProgramByHand({ 'stageform:project': 'other', 'stageform:address': 'x/y' });
      const planned = await run('plan', '--adopt-all', '.');
      expect(planned.code).to.equal(1);
      expect(planned.stderr).to.include('error[CHANNEL_IN_USE]');
      expect(planned.stdout).to.not.include('will be adopted');
    });

    it('GIVEN a hand-started composition that differs from the manifest THEN plan names the differing fields and adopts nothing', async () => {
      startByHand({ destinations: [{ name: 'live', channel: { channelArn: `${ARN}:channel/ChanNews1` } }], layout: { grid: { gridGap: 9 } } });
      const planned = await run('plan', '--adopt', 'news/program', '.');
      expect(planned.code).to.equal(1);
      expect(planned.stderr).to.include('error[CHANNEL_IN_USE]');
      expect(planned.stderr).to.match(/hint: not adopted: arn:\S+ \(layout\.grid\.gridGap\) differs from the manifest; adopting it would need a replacement/);
    });
  });

  describe('moved', () => {
    it('GIVEN a renamed composition and a moved: entry WHEN applied THEN the running composition is retagged with 0 stops, and plan afterwards has no changes', async () => {
      await applyAll();
      const arn = runningArnOf('show/program');
      bed.project.writeManifest('show', 'Show1', [{ name: 'main', channel: 'ChanShow1', s3: true }, { name: 'recording', s3: true }]);
      bed.project.writeFile('stageform.yaml', readFileSync(join(bed.project.dir, 'stageform.yaml'), 'utf8') + 'moved:\n  - from: show/program\n    to: show/main\n');

      const planned = await run('plan', '.');
      expect(planned.code, planned.stderr).to.equal(0);
      expect(planned.stdout).to.include('# show/main has moved from show/program');
      expect(planned.stdout).to.include('Plan: 1 to move, 0 to add, 0 to change, 0 to destroy.');

      const applied = await run('apply', '--auto-approve', '.');
      expect(applied.code, applied.stderr).to.equal(0);
      expect(applied.stdout).to.include(`show/main: tagged ${arn} (moved: stageform:address rewritten)`);
      expect(stopCalls()).to.equal(0);
      expect(runningArnOf('show/main')).to.equal(arn);
      const after = await run('plan', '--detailed-exitcode', '.');
      expect(after.code, after.stdout).to.equal(0);
      expect(after.stdout).to.include('Warning: show/main: moved: show/program -> show/main moves nothing (nothing runs at show/program)');
    });
  });

  describe('destroy', () => {
    it("GIVEN the project's compositions and a hand-started one WHEN destroyed THEN only the project's stop, and a second destroy has nothing to do", async () => {
      await applyAll();
      const hand = startByHand();

      const planned = await run('plan', '--destroy', '--detailed-exitcode', '.');
      expect(planned.code, planned.stderr).to.equal(2);
      expect(planned.stdout).to.include('Destroy: every running composition project "cli-test" manages is stopped.');
      expect(planned.stdout).to.include('# news/program will be destroyed (stageform destroy)');
      expect(planned.stdout).to.include('Plan: 0 to add, 0 to change, 4 to destroy.');
      expect(planned.stdout).to.include(hand);

      const json = JSON.parse((await run('plan', '--destroy', '--json', '.')).stdout) as { destroy?: boolean; changes: { address: string; action: string }[] };
      expect(json.destroy).to.equal(true);
      expect(json.changes.map((c) => `${c.address} ${c.action}`)).to.deep.equal(ADDRESSES.map((a) => `${a} delete`));

      const refused = await run('destroy', '.');
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.match(/^Error: apply needs confirmation/);
      expect(stopCalls()).to.equal(0);

      const destroyed = await run('destroy', '--auto-approve', '.');
      expect(destroyed.code, destroyed.stderr).to.equal(0);
      expect(destroyed.stdout).to.include('Apply complete! Resources: 0 added, 0 changed, 4 destroyed.');
      expect(runningByAddress()).to.deep.equal({ unmanaged: 1 });
      expect(bed.handle.emulator.compositions().find((c) => c.arn === hand)?.state).to.equal('ACTIVE');

      const again = await run('destroy', '--auto-approve', '.');
      expect(again.code).to.equal(0);
      expect(again.stdout).to.include('No changes. No composition of this project is running.');
    });

    it('GIVEN --target WHEN destroying THEN only that address stops', async () => {
      await applyAll();
      const destroyed = await run('destroy', '--auto-approve', '--target', 'show/recording', '--json', '.');
      expect(destroyed.code, destroyed.stderr).to.equal(0);
      const result = JSON.parse(destroyed.stdout) as { results: { address: string; outcome: string }[] };
      expect(result.results.map((r) => `${r.address} ${r.outcome}`)).to.deep.equal(['show/recording stopped']);
      expect(runningByAddress()).to.deep.equal({ 'news/program': 1, 'news/recording': 1, 'show/program': 1 });
    });
  });

  describe('--replace', () => {
    it('GIVEN a converged project WHEN applied with --replace show/recording THEN that address alone is replaced, and plan afterwards has no changes', async () => {
      await applyAll();
      const before = Object.fromEntries(ADDRESSES.map((a) => [a, runningArnOf(a)]));

      const planned = await run('plan', '--replace', 'show/recording', '.');
      expect(planned.code, planned.stderr).to.equal(0);
      expect(planned.stdout).to.include('# show/recording must be replaced (replacement requested with --replace)');
      expect(planned.stdout).to.include('Plan: 1 to add, 0 to change, 1 to destroy.');

      const applied = await run('apply', '--auto-approve', '--replace', 'show/recording', '.');
      expect(applied.code, applied.stderr).to.equal(0);
      expect(applied.stdout).to.include('Apply complete! Resources: 1 added, 0 changed, 1 destroyed.');
      for (const address of ADDRESSES) {
        if (address === 'show/recording') expect(runningArnOf(address), address).to.not.equal(before[address]);
        else expect(runningArnOf(address), address).to.equal(before[address]);
      }
      expect((await run('plan', '--detailed-exitcode', '.')).code).to.equal(0);
    });

    it('GIVEN --replace of an address no manifest declares THEN REPLACE_NOT_FOUND and exit 1', async () => {
      const result = await run('plan', '--replace', 'show/nothing', '.');
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include('error[REPLACE_NOT_FOUND]: --replace show/nothing matches no declared composition');
    });
  });

  describe('protect', () => {
    function protectNewsProgram(gridGap?: number): void {
      bed.project.writeManifest('news', 'News1', [
        { name: 'program', channel: 'ChanNews1', protect: true, ...(gridGap !== undefined ? { gridGap } : {}) },
        { name: 'recording', s3: true, gridGap: 6 },
      ]);
    }

    it('GIVEN protect: true WHEN a change, a removed manifest or destroy would stop it THEN PROTECTED (exit 1, nothing stopped) unless --allow-stop names it', async () => {
      protectNewsProgram();
      await applyAll();
      expect(bed.handle.emulator.compositions().find((c) => c.arn === runningArnOf('news/program'))?.tags['stageform:protect']).to.equal('true');
      expect((await run('plan', '--detailed-exitcode', '.')).code).to.equal(0);

      // A change that forces a replacement.
      protectNewsProgram(9);
      const replaced = await run('apply', '--auto-approve', '.');
      expect(replaced.code).to.equal(1);
      expect(replaced.stderr).to.match(/stages\/news\.yaml:\d+:\d+: error\[PROTECTED\]: `news\/program` is protected and this plan would stop it: it must be replaced \(layout\.grid\.gridGap changed\)/);
      expect(replaced.stderr).to.include('--allow-stop news/program');
      expect(stopCalls()).to.equal(0);
      const allowed = await run('plan', '--allow-stop', 'news/program', '.');
      expect(allowed.code, allowed.stderr).to.equal(0);
      expect(allowed.stdout).to.include('# news/program must be replaced');

      // The manifest removed: the tag still protects it.
      rmSync(join(bed.project.dir, 'stages', 'news.yaml'));
      const removed = await run('plan', '.');
      expect(removed.code).to.equal(1);
      expect(removed.stderr).to.include('error[PROTECTED]: `news/program` is protected and this plan would stop it: it was removed from the manifests');

      // destroy.
      protectNewsProgram();
      const destroy = await run('destroy', '--auto-approve', '.');
      expect(destroy.code).to.equal(1);
      expect(destroy.stderr).to.include('error[PROTECTED]: `news/program` is protected and this plan would stop it: stageform destroy stops it');
      expect(stopCalls()).to.equal(0);
      const forced = await run('destroy', '--auto-approve', '--allow-stop', 'news/program', '.');
      expect(forced.code, forced.stderr).to.equal(0);
      expect(runningByAddress()).to.deep.equal({});
    });

    it('GIVEN a running composition WHEN protect is turned on, then off THEN only its stageform:protect tag changes, with no stop', async () => {
      await applyAll();
      protectNewsProgram();
      const on = await run('apply', '--auto-approve', '.');
      expect(on.code, on.stderr).to.equal(0);
      expect(on.stdout).to.include('the stageform:protect tag is set');
      const arn = runningArnOf('news/program')!;
      expect(bed.handle.emulator.compositions().find((c) => c.arn === arn)?.tags['stageform:protect']).to.equal('true');
      expect((await run('plan', '--detailed-exitcode', '.')).code).to.equal(0);

      bed.project.writeManifest('news', 'News1', DEFAULT_STAGES.news.compositions);
      const off = await run('apply', '--auto-approve', '.');
      expect(off.code, off.stderr).to.equal(0);
      expect(bed.handle.emulator.compositions().find((c) => c.arn === arn)?.tags['stageform:protect']).to.equal(undefined);
      expect(runningArnOf('news/program')).to.equal(arn);
      expect(stopCalls()).to.equal(0);
      expect((await run('plan', '--detailed-exitcode', '.')).code).to.equal(0);
    });
  });
});
