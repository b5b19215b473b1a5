// `stageform init --from-live` through the built CLI against the emulator: compositions started by
// hand become manifests that the next plan only adopts, apply only tags, and a plan after that
// finds in sync. Never a file overwritten; --stage narrows; init in a folder it cannot make ends.
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, runBuiltCli, startBuiltCli } from '../bench/child.js';
import { startEmulator, type EmulatorHandle, type SeedDocument } from '../emulator/index.js';
import { expectGolden } from './helpers/golden.js';
import { ACCOUNT, REGION } from './helpers/builders.js';

const ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}`;
const S3 = { storageConfigurationArn: `${ARN}:storage-configuration/Store1`, encoderConfigurationArns: [`${ARN}:encoder-configuration/Enc720p`] };

/**
 * Started by scripts, without stageform's tags: a pip with non-default settings to a named channel
 * and S3 (non-default recording), a grid with a wider gap to an unnamed channel and a plain
 * recording on `news`; another project's composition on `other`; nothing on `empty`.
 */
const SEED: SeedDocument = {
  accountId: ACCOUNT,
  region: REGION,
  stages: [
    { id: 'Show1', name: 'Morning Show', participants: [{ userId: 'host' }] },
    { id: 'News1', name: 'news', participants: [{ userId: 'anchor' }] },
    { id: 'Other1', name: 'other', participants: [{ userId: 'guest' }] },
    { id: 'Empty1', name: 'empty' },
  ],
  channels: [{ id: 'ChanShow1', name: 'Main Feed' }, { id: 'ChanNews1' }, { id: 'ChanOther1' }],
  encoderConfigurations: [{ id: 'Enc720p' }],
  storageConfigurations: [{ id: 'Store1' }],
  compositions: [
    {
      stageArn: `${ARN}:stage/Show1`,
      layout: { pip: { pipPosition: 'TOP_LEFT', pipBehavior: 'DYNAMIC', gridGap: 4 } },
      destinations: [
        { name: 'live', channel: { channelArn: `${ARN}:channel/ChanShow1` } },
        { name: 'archive', s3: { ...S3, recordingConfiguration: { hlsConfiguration: { targetSegmentDurationSeconds: 6 } }, thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: ['LATEST'] }] } },
      ],
      tags: { team: 'media', show: 'morning' },
    },
    { stageArn: `${ARN}:stage/News1`, layout: { grid: { gridGap: 6 } }, destinations: [{ channel: { channelArn: `${ARN}:channel/ChanNews1` } }] },
    { stageArn: `${ARN}:stage/News1`, destinations: [{ s3: S3 }] },
    {
      stageArn: `${ARN}:stage/Other1`,
      destinations: [{ channel: { channelArn: `${ARN}:channel/ChanOther1` } }],
      tags: { 'stageform:project': 'elsewhere', 'stageform:address': 'other/program', 'stageform:spec': 'abc.def' },
    },
  ],
};

describe('stageform init --from-live (built CLI, emulator)', function () {
  this.timeout(120_000);
  let handle: EmulatorHandle;
  let root: string;
  beforeEach(async () => {
    // Pages of one: every listing is read page by page.
    handle = await startEmulator({ port: 0, clock: 'real', seed: SEED, startDelayMs: 60, stopDelayMs: 60, maxPageSize: 1 });
    root = mkdtempSync(join(tmpdir(), 'stageform-from-live-'));
  });
  afterEach(async () => {
    await handle.stop();
    rmSync(root, { recursive: true, force: true });
  });
  const run = (...args: string[]) => runBuiltCli(args, { cwd: root, env: cliEnv(handle.endpoint) });
  const calls = (operation: string) => handle.emulator.callCounts().calls[operation] ?? 0;

  it('GIVEN compositions started by hand WHEN init --from-live THEN plan shows only adopts, apply only tags them, and plan then has no changes', async () => {
    const init = await run('init', '--from-live', 'studio');
    expect(init.code, init.stderr).to.equal(0);
    expect(init.stdout).to.equal(
      [
        'Wrote studio/stageform.yaml',
        'Wrote studio/stages/morning-show.yaml: morning-show/main-feed',
        'Wrote studio/stages/news.yaml: news/program, news/recording',
        `No manifest for stage empty (${ARN}:stage/Empty1): nothing runs there that no stageform project owns`,
        `No manifest for stage other (${ARN}:stage/Other1): nothing runs there that no stageform project owns`,
        `Skipped ${handle.emulator.compositions().find((c) => c.tags['stageform:project'] === 'elsewhere')!.arn}: owned by stageform project elsewhere (other/program)`,
        '2 manifests, 3 compositions to adopt. Next: stageform plan (it shows them as adopt), then stageform apply (it only tags them).',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(root, 'studio', 'stageform.yaml'), 'utf8')).to.equal(
      '# yaml-language-server: $schema=node_modules/stageform/schema/stageform-config.schema.json\nproject: studio\nregion: us-east-1\n',
    );
    expectGolden('init-from-live/morning-show.yaml', readFileSync(join(root, 'studio', 'stages', 'morning-show.yaml'), 'utf8'));

    const planned = await run('plan', '--detailed-exitcode', '--json', 'studio');
    expect(planned.code, planned.stderr).to.equal(2);
    const plan = JSON.parse(planned.stdout) as { changes: { address: string; action: string }[] };
    expect(plan.changes.map((c) => `${c.address} ${c.action}`)).to.deep.equal(['morning-show/main-feed adopt', 'news/program adopt', 'news/recording adopt']);

    handle.emulator.resetCounters();
    const applied = await run('apply', '--auto-approve', 'studio');
    expect(applied.code, applied.stderr).to.equal(0);
    // Two TagResource calls per adopted composition (the ownership tags, then `stageform:spec` with
    // the user tags' hash); its own tags are in the manifest already, so none is removed or rewritten.
    expect([calls('StartComposition'), calls('StopComposition'), calls('TagResource'), calls('UntagResource')]).to.deep.equal([0, 0, 6, 0]);
    const show = handle.emulator.compositions().find((c) => c.stageArn === `${ARN}:stage/Show1`)!;
    expect([show.state, show.tags['stageform:address'], show.tags.team, show.tags.show]).to.deep.equal(['ACTIVE', 'morning-show/main-feed', 'media', 'morning']);

    const after = await run('plan', '--detailed-exitcode', 'studio');
    expect(after.code, after.stdout + after.stderr).to.equal(0);
    expect(after.stdout).to.include('No changes.');
  });

  it('GIVEN the same live state twice THEN the files are the same byte for byte', async () => {
    expect((await run('init', '--from-live', 'a')).code).to.equal(0);
    expect((await run('init', '--from-live', 'b')).code).to.equal(0);
    for (const file of ['stages/morning-show.yaml', 'stages/news.yaml']) {
      expect(readFileSync(join(root, 'b', file), 'utf8')).to.equal(readFileSync(join(root, 'a', file), 'utf8'));
    }
  });

  it('GIVEN --stage THEN only that stage gets a manifest; a stage that does not exist is one error line and nothing is written', async () => {
    const narrowed = await run('init', '--from-live', '--stage', `${ARN}:stage/News1`, '--json', 'studio');
    expect(narrowed.code, narrowed.stderr).to.equal(0);
    const report = JSON.parse(narrowed.stdout) as { files: string[]; manifests: { name: string; compositions: { address: string }[] }[] };
    expect(report.files).to.deep.equal(['studio/stageform.yaml', 'studio/stages/news.yaml']);
    expect(report.manifests.map((m) => m.compositions.map((c) => c.address))).to.deep.equal([['news/program', 'news/recording']]);
    expect(existsSync(join(root, 'studio', 'stages', 'morning-show.yaml'))).to.equal(false);

    const missing = await run('init', '--from-live', '--stage', `${ARN}:stage/Nope1`, 'fresh');
    expect(missing.code).to.equal(1);
    expect(missing.stderr.split('\n')[0]).to.equal(`Error: STAGE_NOT_FOUND: --stage ${ARN}:stage/Nope1: no such stage in us-east-1`);
    expect(missing.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('  hint:'))).to.have.length(1);
    expect(existsSync(join(root, 'fresh'))).to.equal(false);
  });

  it('GIVEN a target file exists THEN init --from-live writes nothing, and says which file', async () => {
    mkdirSync(join(root, 'studio', 'stages'), { recursive: true });
    writeFileSync(join(root, 'studio', 'stages', 'news.yaml'), '# mine\n');
    const result = await run('init', '--from-live', 'studio');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.equal('Error: FILE_EXISTS: studio/stages/news.yaml already exists; init never overwrites a file\n  hint: write to a new folder, or move the files away first\n');
    expect(readFileSync(join(root, 'studio', 'stages', 'news.yaml'), 'utf8')).to.equal('# mine\n');
    expect(existsSync(join(root, 'studio', 'stageform.yaml'))).to.equal(false);
    expect(existsSync(join(root, 'studio', 'stages', 'morning-show.yaml'))).to.equal(false);
  });

  it('GIVEN a project declaring a stage already THEN its manifests are added beside, that stage is left alone, and the region must match', async () => {
    const dir = join(root, 'studio');
    mkdirSync(join(dir, 'stages'), { recursive: true });
    writeFileSync(join(dir, 'stageform.yaml'), 'project: studio\nregion: us-east-1\n');
    writeFileSync(
      join(dir, 'stages', 'morning.yaml'),
      `apiVersion: stageform/v1\nkind: StageCompositions\nmetadata:\n  name: news\nspec:\n  stageArn: ${ARN}:stage/Show1\n  compositions: []\n`,
    );
    const other = await run('init', '--from-live', '--region', 'eu-west-1', 'studio');
    expect(other.code).to.equal(1);
    expect(other.stderr).to.match(/^Error: REGION_MISMATCH: --region eu-west-1 is not the project's region \(us-east-1 in stageform\.yaml\)\n/);

    const added = await run('init', '--from-live', 'studio');
    expect(added.code, added.stderr).to.equal(0);
    // `news` is the existing manifest's name: the news stage's manifest takes the next one.
    expect(added.stdout).to.include('Wrote studio/stages/news-2.yaml: news-2/program, news-2/recording\n');
    expect(added.stdout).to.include(`Skipped stage ${ARN}:stage/Show1: manifest news declares it already`);
    expect(added.stdout).not.to.include('stageform.yaml');
    expect(readFileSync(join(dir, 'stageform.yaml'), 'utf8')).to.equal('project: studio\nregion: us-east-1\n');
    const planned = await run('plan', '--detailed-exitcode', '--json', 'studio');
    expect(planned.code, planned.stderr).to.equal(2);
    expect((JSON.parse(planned.stdout) as { changes: { action: string }[] }).changes.map((c) => c.action)).to.deep.equal(['adopt', 'adopt']);
  });
});

describe('stageform init in a folder it cannot make (built CLI)', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'stageform-init-odd-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** The built CLI, killed (and the test failed) if it has not ended within 20 s. */
  async function runBounded(...args: string[]) {
    const running = startBuiltCli(args, { cwd: root, env: { ...process.env, AWS_REGION: '' } });
    const timer = setTimeout(() => running.child.kill('SIGKILL'), 20_000);
    try {
      const result = await running.done;
      expect(result.signal, `stageform ${args.join(' ')} did not end`).to.equal(null);
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  it('GIVEN a folder below a regular file THEN one error line names the folder', async () => {
    writeFileSync(join(root, 'afile'), '');
    const result = await runBounded('init', 'afile/project');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.equal('Error: CANNOT_WRITE: cannot create the folder afile/project: ENOTDIR\n  hint: pass a folder you can write to\n');
  });

  it('GIVEN a folder under /proc (mkdir answers ENOENT although /proc exists) THEN it ends with one error line instead of hanging', async function () {
    if (!existsSync('/proc/self')) this.skip();
    const result = await runBounded('init', '/proc/stageform-nope');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.equal('Error: CANNOT_WRITE: cannot create the folder /proc/stageform-nope: ENOENT\n  hint: pass a folder you can write to\n');
  });
});
