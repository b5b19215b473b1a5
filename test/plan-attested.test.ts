// A composition whose ownership tags attest its configuration is not read with GetComposition;
// the plan built from such a read must be the plan a full read gives, in every situation.
import { expect } from 'chai';
import { buildPlan } from '../core/plan/build-plan.js';
import type { DesiredState } from '../core/model/desired.js';
import type { LiveComposition, LiveState } from '../core/model/live.js';
import { findAttestedCompositions, fingerprintLive, toListedComposition } from '../core/observe/observe-live.js';
import { channelDestination, deepFreeze, desiredComposition, desiredState, liveFor, liveFromSpec, liveStage, liveState, s3Destination } from './helpers/builders.js';
import { SCENARIOS, type Scenario } from './helpers/scenarios.js';

/** What observe returns for the same world by default: attested compositions as the listing shows them. */
function attestedRead(desired: DesiredState, live: LiveState): { live: LiveState; attested: number } {
  const attested = findAttestedCompositions(
    desired,
    live.regions.flatMap((r) => r.compositions),
  );
  const wanted = new Map(desired.compositions.map((c) => [c.address, c]));
  const asListed = (c: LiveComposition): LiveComposition => {
    if (!attested.has(c.arn)) return c;
    const { layout: _, ...rest } = c;
    return toListedComposition({ ...rest, destinations: c.destinations.map(({ configuration: __, ...d }) => d) }, wanted.get(c.tags['stageform:address']));
  };
  return { live: { ...live, regions: live.regions.map((r) => ({ ...r, compositions: r.compositions.map(asListed) })) }, attested: attested.size };
}

const channelHeld: Scenario = (() => {
  const inputs = [
    { address: 'morning-show/program', stage: 'Morning1', destinations: [channelDestination('Shared1', 'live')] },
    { address: 'late-show/program', stage: 'Late1', destinations: [channelDestination('Shared1', 'live'), s3Destination({}, 'archive')] },
  ];
  const desired = desiredState(inputs);
  const holder = desired.compositions.find((c) => c.address === 'morning-show/program')!;
  return {
    name: 'channel-held',
    description: 'a new composition wants the channel an unchanged running one holds',
    desired,
    live: liveState([liveStage('Morning1'), liveStage('Late1')], [liveFor(holder, { id: 'Prog1' })]),
  };
})();

describe('buildPlan: attested live reads plan exactly as full reads', () => {
  // How many compositions each situation's default read attests: the comparison means something only where it is not 0.
  const attestedCounts: Record<string, number> = {
    create: 0,
    'no-op': 2,
    'replace-stop-first': 0,
    'replace-start-first': 0,
    delete: 1,
    unmanaged: 1,
    failed: 0,
    degraded: 1,
    reconnecting: 1,
    'idle-start': 0,
    'idle-skip': 0,
    stopped: 0,
    'tags-only': 1,
    'tags-edited-outside': 1,
    'quota-exceeded': 1,
    many: 19,
    'channel-handover': 0,
    duplicate: 0,
    'quota-stop-first': 0,
    targeted: 19,
    'channel-held': 1,
    'scheduled-closed': 0,
    'outside-schedule': 1,
    'scheduled-open': 0,
  };
  for (const s of [...SCENARIOS, channelHeld]) {
    it(`GIVEN ${s.name}: ${s.description} WHEN ${attestedCounts[s.name]} attested THEN plan, errors and live fingerprint equal the full read's`, () => {
      const attested = attestedRead(s.desired, s.live);
      expect(attested.attested, 'attested compositions').to.equal(attestedCounts[s.name]);
      const full = buildPlan(s.desired, s.live, { targets: s.targets, atMs: s.atMs });
      const fromTags = buildPlan(s.desired, deepFreeze(attested.live), { targets: s.targets, atMs: s.atMs });
      expect(fromTags).to.deep.equal(full);
      expect(fingerprintLive(attested.live)).to.equal(fingerprintLive(s.live));
    });
  }

  it('GIVEN an attested composition holding a channel WHEN another composition wants it THEN CHANNEL_IN_USE, as with a full read', () => {
    const { plan, errors } = buildPlan(channelHeld.desired, attestedRead(channelHeld.desired, channelHeld.live).live);
    expect(errors.map((e) => e.code)).to.deep.equal(['CHANNEL_IN_USE']);
    expect(plan.changes.map((c) => `${c.address} ${c.action}`)).to.deep.equal(['late-show/program create', 'morning-show/program no-op']);
  });

  it('GIVEN user tags edited outside stageform on an attested composition WHEN planned THEN before is the desired spec with the live user tags', () => {
    const recording = desiredComposition({ address: 'show/recording', stage: 'Show1', layout: { pip: { pipParticipantAttribute: 'host' } }, destinations: [s3Destination()], tags: { team: 'media' } });
    const desired = desiredState([{ address: recording.address, stage: 'Show1', layout: { pip: { pipParticipantAttribute: 'host' } }, destinations: [s3Destination()], tags: { team: 'media' } }]);
    const live = liveState([liveStage('Show1')], [liveFor(recording, { id: 'Rec1', tags: { team: 'sports' } })]);
    const { plan } = buildPlan(desired, attestedRead(desired, live).live);
    const [change] = plan.changes;
    expect(change.action).to.equal('update-tags');
    expect(change.before).to.deep.equal({ ...change.after, tags: { team: 'sports' } });
    expect(plan.drift.map((d) => d.kind)).to.deep.equal(['tags-changed']);
  });

  it('GIVEN a composition marked attested whose tag names an older spec WHEN planned THEN it is replaced, the spec hash telling the change', () => {
    const inputs = [{ address: 'show/recording', stage: 'Show1', destinations: [s3Destination()] }];
    const desired = desiredState(inputs);
    const older = desiredComposition({ ...inputs[0], layout: { grid: { gridGap: 9 } } });
    const read = liveFromSpec(older.spec, older.address, older.specHash, older.tags, { id: 'Rec1' });
    const { layout: _, ...listed } = read;
    const live = liveState([liveStage('Show1')], [{ ...listed, destinations: read.destinations.map(({ configuration: __, ...d }) => d), configurationSource: 'attested' }]);
    const { plan } = buildPlan(desired, live);
    expect(plan.changes.map((c) => `${c.action} ${c.reasons.join('+')}`)).to.deep.equal(['replace-start-first spec-changed']);
  });
});
