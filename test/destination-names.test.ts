// Destinations are named as the manifest names them, in drift details, plan reasons and apply
// failures; IVS's id only for one the manifest does not know.
import { expect } from 'chai';
import type { DestinationConfiguration } from '../core/model/aws-shapes.js';
import { nameLiveDestinations } from '../core/model/live.js';
import { normalizeSpec } from '../core/model/spec.js';
import type { DesiredState } from '../core/model/desired.js';
import type { Plan } from '../core/model/plan.js';
import { buildPlan } from '../core/plan/build-plan.js';
import { renderPlanHuman } from '../core/render/human.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { cliEnv, runBuiltCli } from '../bench/child.js';
import { baseSeed, managedSeed, startSeededEmulator, TempProject } from './helpers/projects.js';
import { scenarioNamed } from './helpers/scenarios.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ARN = 'arn:aws:ivs:us-east-1:123456789012';
const CHANNEL: DestinationConfiguration = { channel: { channelArn: `${ARN}:channel/Ch1` } };
const S3: DestinationConfiguration = { s3: { storageConfigurationArn: `${ARN}:storage-configuration/St1`, encoderConfigurationArns: [`${ARN}:encoder-configuration/En1`] } };
const fullSpec = (...destinations: DestinationConfiguration[]) => normalizeSpec({ stageArn: `${ARN}:stage/Stg1`, destinations });
const spec = (...destinations: DestinationConfiguration[]) => fullSpec(...destinations).destinations;

describe('nameLiveDestinations', () => {
  const cases: { name: string; configuration?: DestinationConfiguration; desired: ReturnType<typeof spec>; expected: string }[] = [
    { name: 'a channel the manifest names', configuration: { ...CHANNEL, name: 'live' }, desired: spec({ ...CHANNEL, name: 'live' }, { ...S3, name: 'archive' }), expected: 'live' },
    { name: 'an S3 destination the manifest names', configuration: S3, desired: spec({ ...CHANNEL, name: 'live' }, { ...S3, name: 'archive' }), expected: 'archive' },
    { name: 'a renamed destination (the manifest wins)', configuration: { ...CHANNEL, name: 'old' }, desired: spec({ ...CHANNEL, name: 'live' }), expected: 'live' },
    { name: 'a destination the manifest leaves unnamed', configuration: S3, desired: spec(S3), expected: 's3' },
    { name: 'a kind the manifest does not have', configuration: { ...S3, name: 'archive' }, desired: spec({ ...CHANNEL, name: 'live' }), expected: '9gPc9LEgtlh3' },
    { name: 'no configuration to tell its kind', desired: spec({ ...CHANNEL, name: 'live' }), expected: '9gPc9LEgtlh3' },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} THEN it is "${c.expected}"`, () => {
      const destination = { id: '9gPc9LEgtlh3', state: 'ACTIVE' as const, ...(c.configuration ? { configuration: c.configuration } : {}) };
      expect(nameLiveDestinations({ destinations: [destination] }, c.desired)).to.deep.equal([c.expected]);
    });
  }

  it('GIVEN an attested composition (listed only, no configurations) THEN its destinations pair in order with the spec it was started with', () => {
    const started = fullSpec({ ...CHANNEL, name: 'live' }, { ...S3, name: 'archive' });
    const destinations = [
      { id: 'ChanDest0001', state: 'ACTIVE' as const },
      { id: 'S3Dest000002', state: 'RECONNECTING' as const },
    ];
    expect(nameLiveDestinations({ destinations, configurationSource: 'attested', canonical: started }, started.destinations)).to.deep.equal(['live', 'archive']);
    // Read in full but its configurations missing: nothing tells which is which.
    expect(nameLiveDestinations({ destinations, configurationSource: 'read', canonical: started }, started.destinations)).to.deep.equal(['ChanDest0001', 'S3Dest000002']);
  });
});

describe('destination names in command output (built CLI, emulator)', function () {
  this.timeout(30_000);
  let project: TempProject;
  let desired: DesiredState;
  let emulator: EmulatorHandle | undefined;

  beforeEach(async () => {
    project = new TempProject('studio').writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1', s3: true }]);
    desired = await project.load();
    emulator = await startSeededEmulator({ ...baseSeed([{ id: 'Show1' }], ['ChanShow1']), compositions: desired.compositions.map((w) => managedSeed(desired, w)) });
  });
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    project.remove();
  });

  const run = (...args: string[]) => runBuiltCli(args, { cwd: project.dir, env: cliEnv(emulator!.endpoint) });

  it('GIVEN a RECONNECTING S3 destination WHEN drift and plan THEN the detail names it "archive", not by its IVS id', async () => {
    const composition = emulator!.emulator.compositions()[0];
    const s3 = composition.destinations.find((d) => d.configuration.s3)!;
    emulator!.emulator.setDestinationState(composition.arn, s3.id, 'RECONNECTING');
    const [json, plan] = await Promise.all([run('drift', '--json'), run('plan')]);
    expect(json.code, json.stderr).to.equal(2);
    expect((JSON.parse(json.stdout) as { drift: { detail: string }[] }).drift.map((d) => d.detail)).to.deep.equal(['destination archive is RECONNECTING']);
    expect(plan.stdout).to.contain('      destination archive is RECONNECTING\n');
    expect(plan.stdout + json.stdout).not.to.contain(s3.id);
  });

  it('GIVEN a FAILED channel destination WHEN plan THEN the drift and the replacement\'s reason name it "live"', async () => {
    const composition = emulator!.emulator.compositions()[0];
    const channel = composition.destinations.find((d) => d.configuration.channel)!;
    emulator!.emulator.setDestinationState(composition.arn, channel.id, 'FAILED');
    const plan = await run('plan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.contain('      destination live is FAILED\n');
    expect(plan.stdout).to.contain('  # show/program must be replaced (destination live failed)\n');
    expect(plan.stdout).not.to.contain(channel.id);
  });
});

describe('the degraded reason in the human plan', () => {
  const { plan } = buildPlan(scenarioNamed('degraded').desired, scenarioNamed('degraded').live);

  it('GIVEN a plan naming its destinations (1.2) THEN the failed one is named in the headline', () => {
    expect(renderPlanHuman(plan, { color: false })).to.contain('must be replaced (destination broadcast failed)');
  });

  it('GIVEN a 1.1 plan without destinationNames THEN the headline keeps the general wording', () => {
    const older: Plan = { ...plan, changes: plan.changes.map((c) => (c.live ? { ...c, live: { ...c.live, destinationNames: undefined } } : c)) };
    expect(renderPlanHuman(older, { color: false })).to.contain('must be replaced (a destination failed)');
  });
});
