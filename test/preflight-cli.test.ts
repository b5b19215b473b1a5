// Preflight through the built CLI against the emulator (real SDK, both APIs): each check refuses
// the plan before anything is applied, at the ARN's place in the manifest.
import { expect } from 'chai';
import { useCliTestBed } from './helpers/projects.js';
import { ACCOUNT, REGION } from './helpers/builders.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}`;
const NEWS_STAGE = `${ARN}:stage/News1`;

/** news/program with these references, written so that each ARN's line and column are known. */
function newsManifest(refs: { channel: string; encoder?: string; storage?: string; s3Encoder?: string }): string {
  return [
    'apiVersion: stageform/v1', // 1
    'kind: StageCompositions', // 2
    'metadata:', // 3
    '  name: news', // 4
    'spec:', // 5
    `  stageArn: ${NEWS_STAGE}`, // 6
    '  compositions:', // 7
    '    - name: program', // 8
    '      destinations:', // 9
    '        - name: live', // 10
    '          channel:', // 11
    `            channelArn: ${ARN}:channel/${refs.channel}`, // 12, value at column 25
    ...(refs.encoder ? [`            encoderConfigurationArn: ${ARN}:encoder-configuration/${refs.encoder}`] : []), // 13, column 38
    '    - name: recording',
    '      layout:',
    '        grid:',
    '          gridGap: 6',
    '      destinations:',
    '        - name: archive',
    '          s3:',
    `            storageConfigurationArn: ${ARN}:storage-configuration/${refs.storage ?? 'Store1'}`,
    '            encoderConfigurationArns:',
    `              - ${ARN}:encoder-configuration/${refs.s3Encoder ?? 'Enc720p'}`,
    '',
  ].join('\n');
}

describe('preflight (built CLI, emulator)', function () {
  this.timeout(60_000);
  const bed = useCliTestBed();
  const { run } = bed;
  const calls = (): Record<string, number> => bed.handle.emulator.callCounts().calls;

  async function converge(): Promise<void> {
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code, result.stdout + result.stderr).to.equal(0);
  }

  function newsProgram(): { arn: string; state: string } {
    const running = bed.handle.emulator.compositions().filter((c) => c.tags['stageform:address'] === 'news/program' && c.state === 'ACTIVE');
    expect(running).to.have.length(1);
    return running[0]!;
  }

  it('GIVEN a fresh project WHEN applied THEN each distinct ARN is read once; WHEN in sync THEN plan makes no preflight call', async () => {
    bed.handle.emulator.resetCounters();
    await converge();
    // Enc720p and Store1 are shared by three compositions; two channels.
    expect(calls()).to.include({ GetEncoderConfiguration: 1, GetStorageConfiguration: 1, GetChannel: 2, GetStream: 2 });
    bed.handle.emulator.resetCounters();
    const plan = await run('plan', '--detailed-exitcode', '.');
    expect(plan.code, plan.stderr).to.equal(0);
    for (const op of ['GetEncoderConfiguration', 'GetStorageConfiguration', 'GetChannel', 'GetStream']) expect(calls()[op] ?? 0, op).to.equal(0);
  });

  it('GIVEN a replacement naming a missing encoder and storage configuration WHEN applying THEN both are reported at their ARNs, exit 1, nothing is stopped', async () => {
    await converge();
    const before = newsProgram();
    bed.project.writeFile('stages/news.yaml', newsManifest({ channel: 'ChanNews1', encoder: 'EncMissing', storage: 'StoreMissing' }));
    bed.handle.emulator.resetCounters();
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include(`stages/news.yaml:13:38: error[ENCODER_CONFIGURATION_NOT_FOUND]: news/program uses encoder configuration ${ARN}:encoder-configuration/EncMissing, which does not exist in ${REGION}`);
    expect(result.stderr).to.match(/stages\/news\.yaml:21:38: error\[STORAGE_CONFIGURATION_NOT_FOUND\]: news\/recording uses storage configuration \S+StoreMissing, which does not exist/);
    expect(result.stderr).to.not.match(/\n\s+at /);
    expect(calls().StopComposition ?? 0).to.equal(0);
    expect(calls().StartComposition ?? 0).to.equal(0);
    expect(newsProgram().arn).to.equal(before.arn);
  });

  it('GIVEN a channel live from an outside broadcast WHEN plan and apply THEN CHANNEL_BUSY names it, exit 1, 0 StopComposition; once it ends, apply converges', async () => {
    await converge();
    const before = newsProgram();
    bed.handle.emulator.seed({ channels: [{ id: 'ChanOutside', live: true }] });
    bed.project.writeFile('stages/news.yaml', newsManifest({ channel: 'ChanOutside' }));
    const plan = await run('plan', '.');
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.match(
      new RegExp(`^stages/news\\.yaml:12:25: error\\[CHANNEL_BUSY\\]: news/program needs channel ${ARN}:channel/ChanOutside, which is live from an outside broadcast \\(stream st-\\w+ since `, 'm'),
    );
    bed.handle.emulator.resetCounters();
    const apply = await run('apply', '--auto-approve', '.');
    expect(apply.code).to.equal(1);
    expect(apply.stderr).to.include('error[CHANNEL_BUSY]');
    expect(calls().StopComposition ?? 0).to.equal(0);
    expect(newsProgram().arn).to.equal(before.arn);

    bed.handle.emulator.stopOutsideBroadcast('ChanOutside');
    const after = await run('apply', '--auto-approve', '.');
    expect(after.code, after.stdout + after.stderr).to.equal(0);
    expect(newsProgram().arn).to.not.equal(before.arn);
  });

  it('GIVEN a composition on an undeclared stage broadcasting to a declared channel WHEN applying THEN CHANNEL_BUSY names its ARN and stage, 0 StopComposition', async () => {
    await converge();
    const before = newsProgram();
    bed.handle.emulator.seed({ stages: [{ id: 'Other1' }], channels: [{ id: 'ChanShared' }] });
    bed.handle.emulator.seed({ compositions: [{ stageArn: `${ARN}:stage/Other1`, destinations: [{ channel: { channelArn: `${ARN}:channel/ChanShared` } }] }] });
    const other = bed.handle.emulator.compositions().find((c) => c.stageArn.endsWith('/Other1'))!;
    bed.project.writeFile('stages/news.yaml', newsManifest({ channel: 'ChanShared' }));
    bed.handle.emulator.resetCounters();
    const result = await run('apply', '--auto-approve', '.');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include(
      `stages/news.yaml:12:25: error[CHANNEL_BUSY]: news/program needs channel ${ARN}:channel/ChanShared, which composition ${other.arn} on stage ${ARN}:stage/Other1 (not managed by stageform) broadcasts to`,
    );
    expect(calls().StopComposition ?? 0).to.equal(0);
    // Observe reads the changed address's composition; preflight only the undeclared stage's one.
    expect(calls().GetComposition ?? 0).to.equal(2);
    expect(newsProgram().arn).to.equal(before.arn);
  });

  it('GIVEN a missing channel and --skip-preflight WHEN planning THEN no check is made and every rendering says it was skipped', async () => {
    bed.project.writeFile('stages/news.yaml', newsManifest({ channel: 'ChanMissing' }));
    bed.handle.emulator.resetCounters();
    const human = await run('plan', '--skip-preflight', '.');
    expect(human.code, human.stderr).to.equal(0);
    expect(human.stdout).to.match(/^Warning: preflight checks skipped \(--skip-preflight\): channels and configurations of the 4 compositions to start were not read/m);
    expect(calls().GetChannel ?? 0).to.equal(0);
    const json = JSON.parse((await run('plan', '--skip-preflight', '--json', '.')).stdout) as { warnings: { code: string }[] };
    expect(json.warnings.map((w) => w.code)).to.include('PREFLIGHT_SKIPPED');
    expect((await run('plan', '--skip-preflight', '--format', 'markdown', '.')).stdout).to.match(/> \[!CAUTION\]\n(> - .*\n)*> - preflight checks skipped \(--skip-preflight\)/);
    const drift = await run('drift', '--skip-preflight', '.');
    expect(drift.code).to.equal(2);
    expect(drift.stdout).to.match(/; preflight skipped\n$/);
    const driftJson = JSON.parse((await run('drift', '--skip-preflight', '--json', '.')).stdout) as { preflightSkipped?: boolean };
    expect(driftJson.preflightSkipped).to.equal(true);
    expect(calls().GetChannel ?? 0).to.equal(0);

    const checked = await run('plan', '.');
    expect(checked.code).to.equal(1);
    expect(checked.stderr).to.match(/^stages\/news\.yaml:12:25: error\[CHANNEL_NOT_FOUND\]/m);
  });
});
