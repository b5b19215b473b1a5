// `stageform apply` through the built CLI against the emulator on a free port, as a user runs it.
import { expect } from 'chai';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCli } from '../bench/child.js';
import { TestProject, until, useCliTestBed } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ADDRESSES = ['news/program', 'news/recording', 'show/program', 'show/recording'];

describe('stageform apply (built CLI, emulator)', function () {
  this.timeout(60_000);
  const bed = useCliTestBed();
  const { run, runningByAddress } = bed;

  function expectConverged(): void {
    expect(runningByAddress()).to.deep.equal(Object.fromEntries(ADDRESSES.map((a) => [a, 1])));
  }

  async function expectNoChanges(): Promise<void> {
    const plan = await run('plan', '--detailed-exitcode', '.');
    expect(plan.stderr).to.equal('');
    expect(plan.code, plan.stdout).to.equal(0);
  }

  it('GIVEN no terminal and no --auto-approve WHEN applying THEN it refuses, names --auto-approve and starts nothing', async () => {
    const result = await run('apply', '.');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^Error: apply needs confirmation, and there is no terminal to ask on\n {2}hint: .*--auto-approve/);
    expect(result.stdout).to.include('stageform will perform the following actions');
    expect(bed.handle.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
  });

  it('GIVEN --auto-approve WHEN applying THEN every composition runs, progress goes to stderr, and plan afterwards is a no-op', async () => {
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    expect(result.stdout).to.match(/\+ show\/program: started arn:aws:ivs:us-east-1:123456789012:composition\/\S+\n/);
    expect(result.stderr).to.match(/^show\/program: starting\.\.\.$/m);
    expect(result.stderr).to.match(/^show\/program: started arn:\S+ \[\d+\.\ds\]$/m);
    expect(result.stdout).to.not.match(/\u001b\[/);
    expectConverged();
    await expectNoChanges();
    const again = await run('apply', '--auto-approve', '.');
    expect(again.code).to.equal(0);
    expect(again.stdout).to.include('No changes. Live compositions match the manifests.');
  });

  it('GIVEN --json WHEN applying THEN stdout is the result as data, sorted by address', async () => {
    const result = await run('apply', '--auto-approve', '--json', '.');
    expect(result.code, result.stderr).to.equal(0);
    const doc = JSON.parse(result.stdout) as { complete: boolean; summary: unknown; results: { address: string; outcome: string; arn: string }[] };
    expect(doc.complete).to.equal(true);
    expect(doc.summary).to.deep.equal({ added: 4, changed: 0, destroyed: 0, failed: 0, skipped: 0 });
    expect(doc.results.map((r) => `${r.address} ${r.outcome}`)).to.deep.equal(ADDRESSES.map((a) => `${a} started`));
  });

  it('GIVEN a saved plan WHEN applied unchanged THEN it runs without asking; WHEN the manifests or live changed THEN it is refused as stale', async () => {
    expect((await run('plan', '--out', 'a.sfplan', '.')).code).to.equal(0);
    const applied = await run('apply', 'a.sfplan');
    expect(applied.code, applied.stderr).to.equal(0);
    expect(applied.stdout).to.include('Apply complete! Resources: 4 added');
    expectConverged();

    // Manifests edited after the plan was saved.
    bed.project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1', gridGap: 9 }, { name: 'recording', s3: true, gridGap: 6 }]);
    expect((await run('plan', '--out', 'b.sfplan', '.')).code).to.equal(0);
    bed.project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1', gridGap: 8 }, { name: 'recording', s3: true, gridGap: 6 }]);
    const staleManifests = await run('apply', 'b.sfplan');
    expect(staleManifests.code).to.equal(1);
    expect(staleManifests.stderr).to.equal(
      'Error: Saved plan does not match the manifests: stages/news.yaml changed\n  hint: apply the plan to the project it was made from (stageform apply PLANFILE DIR), or run stageform plan again and apply the new plan\n',
    );

    // Live changed after the plan was saved.
    expect((await run('plan', '--out', 'c.sfplan', '.')).code).to.equal(0);
    const victim = bed.handle.emulator.compositions().find((c) => c.tags['stageform:address'] === 'show/recording')!;
    bed.handle.emulator.failComposition(victim.arn);
    const staleLive = await run('apply', 'c.sfplan');
    expect(staleLive.code).to.equal(1);
    expect(staleLive.stderr).to.match(/^Error: Saved plan is stale: live compositions changed since it was made\n/);
    expect(bed.handle.emulator.callCounts().calls.StopComposition ?? 0).to.equal(0);

    expect((await run('plan', '--out', 'd.sfplan', '.')).code).to.equal(0);
    const fresh = await run('apply', 'd.sfplan');
    expect(fresh.code, fresh.stderr).to.equal(0);
    expect(fresh.stdout).to.match(/news\/program: replaced/);
    expect(fresh.stdout).to.match(/show\/recording: replaced/);
  });

  it('GIVEN a saved plan WHEN the checkout moves or a copy applies it THEN it applies to the project at hand, and to another project only when the manifests match', async () => {
    const plan = await run('plan', '--out', '../moved.sfplan', '.');
    expect(plan.stdout).to.include('To apply exactly these changes, run: stageform apply ../moved.sfplan\n');
    const saved = readFileSync(join(bed.project.dir, '..', 'moved.sfplan'), 'utf8');
    expect(saved).to.not.include(bed.project.dir);
    const moved = `${bed.project.dir}-moved`;
    renameSync(bed.project.dir, moved);
    try {
      // Another project (different manifests) is refused, naming the files that differ.
      const other = new TestProject({ show: { stage: 'Show1', compositions: [{ name: 'program', channel: 'ChanShow1', s3: true }] } });
      const refused = await runBuiltCli(['apply', join(moved, '..', 'moved.sfplan'), other.dir], { cwd: moved, env: bed.env });
      other.remove();
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.match(/^Error: Saved plan does not match the manifests in \S+: stages\/news\.yaml removed, stages\/show\.yaml changed\n/, refused.stderr);
      expect(bed.handle.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);

      // The moved checkout: PLANFILE with the default directory, the current one.
      const applied = await runBuiltCli(['apply', '../moved.sfplan'], { cwd: moved, env: bed.env });
      expect(applied.code, applied.stderr).to.equal(0);
      expect(applied.stdout).to.include('Apply complete! Resources: 4 added');
      expectConverged();
    } finally {
      renameSync(moved, bed.project.dir);
      rmSync(join(bed.project.dir, '..', 'moved.sfplan'), { force: true });
    }
  });

  it('GIVEN a project directory and a second directory WHEN applying THEN it is an error naming the two forms', async () => {
    const result = await run('apply', '.', '.');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^Error: \. is a project directory; a second directory \(\.\) goes only after a saved plan\n/);
  });

  it('GIVEN a missing channel WHEN applying THEN preflight refuses the plan at the ARN, nothing is started, exit 1', async () => {
    bed.project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanMissing' }, { name: 'recording', s3: true, gridGap: 6 }]);
    bed.handle.emulator.resetCounters();
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^stages\/news\.yaml:\d+:\d+: error\[CHANNEL_NOT_FOUND\]: news\/program uses channel arn:aws:ivs:us-east-1:\d+:channel\/ChanMissing, which does not exist/m);
    expect(result.stderr).to.not.match(/\n\s+at /);
    const calls = bed.handle.emulator.callCounts().calls;
    expect(calls.StartComposition ?? 0).to.equal(0);
    expect(calls.GetChannel).to.equal(2); // ChanMissing and ChanShow1, each once
    expect(bed.handle.emulator.compositions()).to.deep.equal([]);
  });

  it('GIVEN a missing channel and --skip-preflight WHEN applying THEN that change fails with the AWS error, others finish, exit 1; after the fix a re-run converges', async () => {
    bed.project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanMissing' }, { name: 'recording', s3: true, gridGap: 6 }]);
    const first = await run('apply', '--auto-approve', '--skip-preflight', '.');
    expect(first.stdout).to.match(/Warning: preflight checks skipped \(--skip-preflight\)/);
    expect(first.code).to.equal(1);
    expect(first.stdout).to.match(/! news\/program: failed: ResourceNotFoundException: /);
    expect(first.stdout).to.include('Apply incomplete: 1 failed, 0 skipped. Resources: 3 added, 0 changed, 0 destroyed.');
    expect(first.stderr).to.match(/^news\/program: failed: ResourceNotFoundException/m);
    expect(first.stderr).to.not.match(/\n\s+at /); // no stack trace
    bed.handle.emulator.seed({ channels: [{ id: 'ChanMissing' }] });
    const second = await run('apply', '--auto-approve', '.');
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.include('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expectConverged();
  });

  it('GIVEN injected StartComposition failures WHEN applying THEN the SDK retries and apply converges', async () => {
    bed.handle.emulator.configureFaults({ StartComposition: { internalErrorRate: 0.5 } });
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expectConverged();
  });

  it('GIVEN a channel composition whose layout changed and an S3 one whose layout changed WHEN applied THEN both are replaced in their order', async () => {
    expect((await bed.runInProcess('apply', '--auto-approve', '.')).code).to.equal(0);
    bed.project.writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1', s3: true, gridGap: 12 }, { name: 'recording', s3: true, gridGap: 12 }]);
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('Resources: 2 added, 0 changed, 2 destroyed.');
    // stop-first: stopped before starting; start-first: started before stopping.
    const lines = result.stderr.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/^show\/program: stopped /)).to.be.lessThan(at(/^show\/program: starting/));
    expect(at(/^show\/recording: started /)).to.be.lessThan(at(/^show\/recording: stopping /));
    expectConverged();
    await expectNoChanges();
  });

  it('GIVEN a manifest removed WHEN applying THEN its compositions are stopped and the rest are untouched', async () => {
    expect((await bed.runInProcess('apply', '--auto-approve', '.')).code).to.equal(0);
    rmSync(join(bed.project.dir, 'stages', 'news.yaml'));
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/ {2}- news\/program: stopped arn:/);
    expect(result.stdout).to.include('Apply complete! Resources: 0 added, 0 changed, 2 destroyed.');
    expect(runningByAddress()).to.deep.equal({ 'show/program': 1, 'show/recording': 1 });
  });

  it('GIVEN an unmanaged composition and another project\'s on the same stage WHEN applying twice THEN neither is touched', async () => {
    // One manifest: its 2 compositions and these 2 stay within the default "Compositions" quota of 5.
    rmSync(join(bed.project.dir, 'stages', 'news.yaml'));
    const stageArn = bed.handle.emulator.stageArnOf('Show1');
    const s3 = { s3: { storageConfigurationArn: 'arn:aws:ivs:us-east-1:123456789012:storage-configuration/Store1', encoderConfigurationArns: ['arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Enc720p'] } };
    bed.handle.emulator.seed({
      compositions: [
        { stageArn, destinations: [s3], tags: { owner: 'compliance' } },
        { stageArn, destinations: [s3], tags: { 'stageform:project': 'other', 'stageform:address': 'show/program', 'stageform:spec': 'x.y' } },
      ],
    });
    const before = bed.handle.emulator.compositions().map((c) => c.arn);
    expect((await run('apply', '--auto-approve', '.')).code).to.equal(0);
    expect((await run('apply', '--auto-approve', '.')).code).to.equal(0);
    for (const arn of before) expect(bed.handle.emulator.compositions().find((c) => c.arn === arn)?.state).to.equal('ACTIVE');
  });

  it('GIVEN a bad --wait-timeout WHEN applying THEN one clear line and exit 1', async () => {
    const result = await run('apply', '--auto-approve', '--wait-timeout', 'soon', '.');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.equal('Error: --wait-timeout expects a duration like 90s, 2m or 1m30s, got "soon"\n  hint: units: ms, s, m, h\n');
  });

  it('GIVEN a project file written by hand WHEN the saved plan is not one THEN it says so', async () => {
    writeFileSync(join(bed.project.dir, 'notes.txt'), 'hello');
    const result = await run('apply', 'notes.txt');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^Error: .*notes\.txt/);
    expect(readFileSync(join(bed.project.dir, 'notes.txt'), 'utf8')).to.equal('hello');
  });

  it('GIVEN a saved plan the user cannot read WHEN applied THEN one line naming the file, no stack, exit 1', async () => {
    writeFileSync(join(bed.project.dir, 'plan.sfplan'), '{}');
    chmodSync(join(bed.project.dir, 'plan.sfplan'), 0o000);
    // Root reads any file: the CLI runs in a child for which file modes apply even as root.
    const result = await runBuiltCli(['apply', 'plan.sfplan'], { cwd: bed.project.dir, env: bed.env, enforceFilePermissions: true });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.equal('Error: cannot read plan.sfplan: EACCES\n  hint: pass a file written by stageform plan --out\n');
  });
});

describe('stageform apply: crashes, concurrency and interrupts (built CLI, emulator)', function () {
  this.timeout(40_000);
  const bed = useCliTestBed({ emulator: { startDelayMs: 150, stopDelayMs: 150 } });
  const { run, start, runningByAddress } = bed;
  const starts = (): number => bed.handle.emulator.callCounts().calls.StartComposition ?? 0;
  const stops = (): number => bed.handle.emulator.callCounts().calls.StopComposition ?? 0;

  const converged = { 'news/program': 1, 'news/recording': 1, 'show/program': 1, 'show/recording': 1 };

  for (const k of [1, 3]) {
    it(`GIVEN an apply killed with SIGKILL after StartComposition #${k} WHEN applied again THEN exactly one composition runs per address`, async () => {
      const cli = start('apply', '--auto-approve', '--parallelism', '2', '.');
      await until(() => starts() >= k);
      cli.child.kill('SIGKILL');
      const killed = await cli.done;
      expect(killed.signal).to.equal('SIGKILL');
      const rerun = await run('apply', '--auto-approve', '.');
      expect(rerun.code, rerun.stdout + rerun.stderr).to.equal(0);
      expect(runningByAddress()).to.deep.equal(converged);
      expect((await run('plan', '--detailed-exitcode', '.')).code).to.equal(0);
    });
  }

  it('GIVEN a replacement killed with SIGKILL after its StopComposition WHEN applied again THEN it converges and nothing unmanaged is stopped', async () => {
    const stageArn = bed.handle.emulator.stageArnOf('Show1');
    bed.handle.emulator.seed({ compositions: [{ stageArn, destinations: [{ s3: { storageConfigurationArn: 'arn:aws:ivs:us-east-1:123456789012:storage-configuration/Store1', encoderConfigurationArns: ['arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Enc720p'] } }], tags: { owner: 'compliance' } }] });
    const first = await run('apply', '--auto-approve', '.');
    expect(first.code, first.stdout + first.stderr).to.equal(0);
    bed.project.writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1', s3: true, gridGap: 12 }, { name: 'recording', s3: true, gridGap: 12 }]);
    const stopsBefore = stops();
    const cli = start('apply', '--auto-approve', '.');
    await until(() => stops() > stopsBefore);
    cli.child.kill('SIGKILL');
    await cli.done;
    const rerun = await run('apply', '--auto-approve', '.');
    expect(rerun.code, rerun.stdout + rerun.stderr).to.equal(0);
    expect(runningByAddress()).to.deep.equal({ ...converged, unmanaged: 1 });
    expect((await run('plan', '--detailed-exitcode', '.')).code).to.equal(0);
  });

  it('GIVEN two applies started at once WHEN both finish THEN exactly one composition runs per address', async () => {
    const [a, b] = await Promise.all([run('apply', '--auto-approve', '.'), run('apply', '--auto-approve', '.')]);
    expect(a.code, a.stdout + a.stderr).to.equal(0);
    expect(b.code, b.stdout + b.stderr).to.equal(0);
    expect(runningByAddress()).to.deep.equal(converged);
  });

  it('GIVEN two applies of a replacement at once WHEN both finish THEN one new composition runs per address', async () => {
    expect((await bed.runInProcess('apply', '--auto-approve', '.')).code).to.equal(0);
    bed.project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1', gridGap: 3 }, { name: 'recording', s3: true, gridGap: 3 }]);
    const [a, b] = await Promise.all([run('apply', '--auto-approve', '.'), run('apply', '--auto-approve', '.')]);
    // Either may find the other's composition mid-flight; neither may start a second one.
    for (const r of [a, b]) expect(r.code, r.stdout + r.stderr).to.be.oneOf([0, 1]);
    expect(runningByAddress()).to.deep.equal(converged);
    const settle = await run('apply', '--auto-approve', '.');
    expect(settle.code).to.equal(0);
    expect(runningByAddress()).to.deep.equal(converged);
  });

  it('GIVEN SIGINT during an apply WHEN it stops THEN it starts nothing new, prints what was done and exits 130; a re-run converges', async () => {
    const cli = start('apply', '--auto-approve', '--parallelism', '1', '.');
    await until(() => starts() >= 1);
    cli.child.kill('SIGINT');
    const result = await cli.done;
    expect(result.code).to.equal(130);
    expect(result.stdout).to.match(/Apply interrupted: \d+ failed, [1-3] skipped\./);
    expect(result.stdout).to.match(/skipped \(interrupted before it began\)/);
    expect(result.stderr).to.include('Interrupt received');
    expect(starts()).to.be.lessThan(4);
    const rerun = await run('apply', '--auto-approve', '.');
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(runningByAddress()).to.deep.equal(converged);
  });
});
