// The Lambda handler (`stageform/lambda`) in this process against the emulator (real SDK, manual
// clock): EventBridge events of the shapes IVS documents name a stage, and the handler runs a pass
// for that stage from what it observes. Last, the emulator's own events drive it end to end.
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createLambdaHandler, LambdaPassError, type LambdaHandler } from '../cli/lambda/handler.js';
import { scopeOfEvent, type EventBridgeEvent } from '../cli/lambda/event-keys.js';
import type { EmulatorHandle, IvsEvent } from '../emulator/index.js';
import { ACCOUNT, REGION } from './helpers/builders.js';
import { baseSeed, startSeededEmulator, TempProject, until } from './helpers/projects.js';

const STAGE = (id: string): string => `arn:aws:ivs:${REGION}:${ACCOUNT}:stage/${id}`;

/** As IVS sends it ("Using Amazon EventBridge with IVS Real-Time Streaming"). */
function stageUpdate(stageId: string, eventName: 'Participant Published' | 'Participant Unpublished'): EventBridgeEvent {
  return {
    version: '0',
    id: '12345678-1a23-4567-a1bc-1a2b34567890',
    'detail-type': 'IVS Stage Update',
    source: 'aws.ivs',
    account: ACCOUNT,
    time: '2026-11-30T08:00:00Z',
    region: REGION,
    resources: [STAGE(stageId)],
    detail: { session_id: 'st-ZyXwvu1T2s3r4', event_name: eventName, user_id: 'host', participant_id: 'xYz1c2d3e4f' },
  } as EventBridgeEvent;
}

function compositionChange(stageId: string, eventName: string, compositionArn: string): EventBridgeEvent {
  return {
    version: '0',
    id: '01234567-0123-0123-0123-012345678901',
    'detail-type': 'IVS Composition State Change',
    source: 'aws.ivs',
    account: ACCOUNT,
    time: '2026-11-30T08:00:00Z',
    region: REGION,
    resources: [compositionArn],
    detail: { event_name: eventName, stage_arn: STAGE(stageId), id: '' },
  } as EventBridgeEvent;
}

const SCHEDULED: EventBridgeEvent = {
  source: 'aws.events',
  'detail-type': 'Scheduled Event',
  resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/stageform-safety-net`],
  detail: {},
};

describe('lambda: which stage an event names', () => {
  const cases: [string, EventBridgeEvent, ReturnType<typeof scopeOfEvent>][] = [
    ['Participant Published: its stage', stageUpdate('Show1', 'Participant Published'), { kind: 'stages', stageArns: [STAGE('Show1')], reason: 'IVS Stage Update: Participant Published' }],
    ['Session End: the stage_arn of its detail', compositionChange('News1', 'Session End', `arn:aws:ivs:${REGION}:${ACCOUNT}:composition/Abc123`), { kind: 'stages', stageArns: [STAGE('News1')], reason: 'IVS Composition State Change: Session End' }],
    ['a composition event without stage_arn: everything', { source: 'aws.ivs', 'detail-type': 'IVS Composition State Change', resources: [`arn:aws:ivs:${REGION}:${ACCOUNT}:composition/Abc123`], detail: { event_name: 'Destination Failure' } }, { kind: 'all', reason: 'IVS Composition State Change: Destination Failure' }],
    ['the schedule: everything', SCHEDULED, { kind: 'all', reason: 'Scheduled Event' }],
    ['another service: ignored', { source: 'aws.s3', 'detail-type': 'Object Created', resources: [STAGE('Show1')] }, { kind: 'ignored', reason: 'Object Created' }],
    ['another IVS event: ignored', { source: 'aws.ivs', 'detail-type': 'IVS Participant Recording State Change', resources: [STAGE('Show1')] }, { kind: 'ignored', reason: 'IVS Participant Recording State Change' }],
  ];
  for (const [name, event, scope] of cases) {
    it(name, () => expect(scopeOfEvent(event)).to.deep.equal(scope));
  }
});

describe('lambda handler against the emulator (real SDK, manual clock)', function () {
  this.timeout(60_000);
  let handle: EmulatorHandle;
  let project: TempProject;
  let handler: LambdaHandler;
  let logs: string[];

  beforeEach(async () => {
    handle = await startSeededEmulator(baseSeed([{ id: 'Show1', active: false }, { id: 'News1', active: false }], ['ChanShow1', 'ChanNews1']), { startDelayMs: 1000, stopDelayMs: 1000 });
    project = new TempProject('studio', 'whenIdle: skip\nrateLimits:\n  composition: 100\n  stage: 100\n  tag: 100\n')
      .writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1' }])
      .writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1' }]);
    logs = [];
    handler = createLambdaHandler({
      env: { STAGEFORM_DIR: project.dir, AWS_ENDPOINT_URL_IVS_REALTIME: handle.endpoint, AWS_ACCESS_KEY_ID: 'emulator', AWS_SECRET_ACCESS_KEY: 'emulator', AWS_REGION: REGION },
      stdout: { write: (line: string) => logs.push(line) },
      now: () => handle.emulator.now(),
      sleep: async (ms) => handle.emulator.advanceClock(ms),
    });
  });
  afterEach(async () => {
    await handle.stop();
    project.remove();
  });

  function running(): string[] {
    return handle.emulator
      .compositions()
      .filter((c) => c.state === 'ACTIVE' || c.state === 'STARTING')
      .map((c) => c.tags['stageform:address']!)
      .sort();
  }

  it('GIVEN both stages live WHEN Participant Published names one THEN only that stage is reconciled; the schedule then covers the other', async () => {
    handle.emulator.joinParticipant('show1', { userId: 'host' });
    handle.emulator.joinParticipant('news1', { userId: 'anchor' });

    const targeted = await handler(stageUpdate('Show1', 'Participant Published'));
    expect(targeted).to.deep.include({ scope: 'stages', status: 'in-sync', stageArns: [STAGE('Show1')] });
    expect(targeted.applied).to.deep.equal([{ address: 'show/program', action: 'create', outcome: 'started' }]);
    expect(running()).to.deep.equal(['show/program']);

    const full = await handler(SCHEDULED);
    expect(full).to.deep.include({ scope: 'all', status: 'in-sync' });
    expect(full.applied.map((a) => a.address)).to.deep.equal(['news/program']);
    expect(running()).to.deep.equal(['news/program', 'show/program']);
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.event === 'action').map((l) => [l.address, l.outcome])).to.deep.equal([
      ['show/program', 'started'],
      ['news/program', 'started'],
    ]);
  });

  it('GIVEN events late or out of order WHEN they arrive THEN the handler acts on what it observes, not on what they say', async () => {
    // A stale "published" for a stage that is idle again: nothing to start.
    const stale = await handler(stageUpdate('Show1', 'Participant Published'));
    expect(stale).to.deep.include({ status: 'in-sync', applied: [] });
    // "Unpublished" arriving after a new publisher joined: the stage is live, so the composition starts.
    handle.emulator.joinParticipant('show1', { userId: 'host' });
    const reordered = await handler(stageUpdate('Show1', 'Participant Unpublished'));
    expect(reordered.applied).to.deep.equal([{ address: 'show/program', action: 'create', outcome: 'started' }]);
    // The same event again (EventBridge may deliver twice): no second composition.
    const duplicate = await handler(stageUpdate('Show1', 'Participant Published'));
    expect(duplicate).to.deep.include({ status: 'in-sync', applied: [] });
    expect(running()).to.deep.equal(['show/program']);
  });

  it('GIVEN a running composition that FAILED WHEN Session Failure arrives THEN the pass replaces it; an event for an undeclared stage changes nothing', async () => {
    handle.emulator.joinParticipant('show1', { userId: 'host' });
    await handler(stageUpdate('Show1', 'Participant Published'));
    const [first] = handle.emulator.compositions();
    handle.emulator.failComposition(first!.arn);
    const healed = await handler(compositionChange('Show1', 'Session Failure', first!.arn));
    expect(healed.status).to.equal('in-sync');
    expect(healed.applied.map((a) => [a.address, a.outcome])).to.deep.equal([['show/program', 'replaced']]);
    expect(running()).to.deep.equal(['show/program']);

    const elsewhere = await handler(stageUpdate('Other1', 'Participant Published'));
    expect(elsewhere).to.deep.include({ scope: 'stages', status: 'in-sync', applied: [] });
  });

  it('GIVEN an event naming a stage WHEN handled THEN its pass reads that stage alone (GetStage) and every composition, not the listing of every stage; an undeclared stage costs no call', async () => {
    handle.emulator.joinParticipant('show1', { userId: 'host' });
    handle.emulator.resetCounters();
    const targeted = await handler(stageUpdate('Show1', 'Participant Published'));
    expect(targeted.applied.map((a) => a.outcome)).to.deep.equal(['started']);
    const calls = handle.emulator.callCounts().calls;
    expect(calls).to.include({ GetStage: 1, ListParticipants: 1, StartComposition: 1 });
    expect(calls.ListCompositions).to.be.at.least(1);
    expect(calls.ListStages ?? 0).to.equal(0);

    handle.emulator.resetCounters();
    const elsewhere = await handler(stageUpdate('Other1', 'Participant Published'));
    expect(elsewhere).to.deep.include({ status: 'in-sync', applied: [] });
    expect(handle.emulator.callCounts().calls).to.deep.equal({});
  });

  it('GIVEN a warm handler WHEN a manifest is removed between invocations THEN the next pass plans from the files as they are now', async () => {
    handle.emulator.joinParticipant('show1', { userId: 'host' });
    handle.emulator.joinParticipant('news1', { userId: 'anchor' });
    expect((await handler(stageUpdate('Show1', 'Participant Published'))).applied).to.have.length(1);
    rmSync(join(project.dir, 'stages', 'news.yaml'));
    const afterRemoval = await handler(stageUpdate('News1', 'Participant Published'));
    expect(afterRemoval).to.deep.include({ status: 'in-sync', applied: [] });
    expect(running()).to.deep.equal(['show/program']);
  });

  it('GIVEN manifests that do not load WHEN invoked THEN the invocation fails with the diagnostic codes (Lambda counts an error)', async () => {
    project.writeFile('stages/broken.yaml', 'apiVersion: stageform/v1\nkind: StageCompositions\nmetadata: {}\n');
    const failure = await handler(SCHEDULED).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(LambdaPassError);
    expect((failure as LambdaPassError).codes.length).to.be.greaterThan(0);
    expect(logs.map((l) => JSON.parse(l) as Record<string, unknown>).some((l) => l.event === 'lambda' && l.status === 'error')).to.equal(true);
  });

  it('GIVEN the emulator posting its events to a webhook that invokes the handler WHEN a host joins and later the composition fails THEN the composition starts and is replaced with no poll', async () => {
    const received: IvsEvent[] = [];
    const passes: Promise<unknown>[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const event = JSON.parse(body) as IvsEvent;
        received.push(event);
        passes.push(handler(event as EventBridgeEvent));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      handle.emulator.setEventWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/events`);
      handle.emulator.joinParticipant('show1', { userId: 'host' });
      await handle.emulator.flushEvents();
      await until(() => passes.length >= 1);
      await Promise.all(passes);
      expect(received[0]).to.deep.include({ 'detail-type': 'IVS Stage Update', source: 'aws.ivs', account: ACCOUNT, region: REGION, resources: [STAGE('Show1')] });
      expect(received[0]!.detail).to.include({ event_name: 'Participant Published', user_id: 'host' });
      expect(running()).to.deep.equal(['show/program']);

      const [composition] = handle.emulator.compositions();
      handle.emulator.failComposition(composition!.arn);
      await handle.emulator.flushEvents();
      await until(() => received.some((e) => e.detail.event_name === 'Session Failure'));
      await until(() => passes.length === received.length);
      await Promise.all(passes);
      const failure = received.find((e) => e.detail.event_name === 'Session Failure')!;
      expect(failure).to.deep.include({ 'detail-type': 'IVS Composition State Change', resources: [composition!.arn] });
      expect(failure.detail).to.include({ stage_arn: STAGE('Show1') });
      expect(running()).to.deep.equal(['show/program']);
      expect(handle.emulator.compositions().filter((c) => c.tags['stageform:address'] === 'show/program')).to.have.length(2);
      expect(handle.emulator.eventWebhook).to.deep.include({ failed: 0 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
