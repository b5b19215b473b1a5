import { GetCompositionCommand, ListCompositionsCommand, ListStagesCommand, ResourceNotFoundException, ServiceQuotaExceededException, StartCompositionCommand, StopCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import { expect } from 'chai';
import { createEmulator, EmulatorSeedError } from '../index.js';
import { CHANNEL_DESTINATION, createClient, EMPTY_STAGE_ARN, rejectionOf, S3_DESTINATION, STAGE_ARN, startWorld, stopWorld, WORLD, type TestWorld } from './helpers.js';

describe('emulator lifecycle on a driven clock', () => {
  let world: TestWorld;
  afterEach(async () => {
    await stopWorld(world);
  });

  async function start(stageArn = STAGE_ARN, destinations: object[] = [S3_DESTINATION]): Promise<string> {
    const r = await world.client.send(new StartCompositionCommand({ stageArn, destinations: destinations as never }));
    return r.composition!.arn!;
  }
  async function stateOf(arn: string): Promise<[string | undefined, (string | undefined)[]]> {
    const { composition } = await world.client.send(new GetCompositionCommand({ arn }));
    return [composition!.state, composition!.destinations!.map((d) => d.state)];
  }

  it('GIVEN startDelayMs WHEN the clock passes it THEN STARTING -> ACTIVE, destinations too', async () => {
    world = await startWorld({ startDelayMs: 500 });
    const arn = await start();
    world.handle.emulator.advanceClock(499);
    expect(await stateOf(arn)).to.deep.equal(['STARTING', ['STARTING']]);
    world.handle.emulator.advanceClock(1);
    expect(await stateOf(arn)).to.deep.equal(['ACTIVE', ['ACTIVE']]);
  });

  it('GIVEN StopComposition WHEN stopDelayMs passes THEN STOPPING -> STOPPED with endTime, then gone after retention', async () => {
    world = await startWorld({ startDelayMs: 0, stopDelayMs: 300, retentionMs: 10_000 });
    const arn = await start();
    await world.client.send(new StopCompositionCommand({ arn }));
    expect(await stateOf(arn)).to.deep.equal(['STOPPING', ['STOPPING']]);
    world.handle.emulator.advanceClock(300);
    const { composition } = await world.client.send(new GetCompositionCommand({ arn }));
    expect([composition!.state, composition!.destinations![0]!.state]).to.deep.equal(['STOPPED', 'STOPPED']);
    expect(composition!.endTime).to.be.instanceOf(Date);
    world.handle.emulator.advanceClock(9_999);
    expect((await world.client.send(new ListCompositionsCommand({}))).compositions).to.have.length(1);
    world.handle.emulator.advanceClock(1);
    expect(await rejectionOf(world.client.send(new GetCompositionCommand({ arn })))).to.be.instanceOf(ResourceNotFoundException);
    expect((await world.client.send(new ListCompositionsCommand({}))).compositions).to.deep.equal([]);
  });

  it('GIVEN an empty stage WHEN a composition starts there THEN it stops by itself after idleTimeoutMs', async () => {
    world = await startWorld({ startDelayMs: 100, idleTimeoutMs: 60_000 });
    const arn = await start(EMPTY_STAGE_ARN);
    world.handle.emulator.advanceClock(59_999);
    expect((await stateOf(arn))[0]).to.equal('ACTIVE');
    world.handle.emulator.advanceClock(1);
    const { composition } = await world.client.send(new GetCompositionCommand({ arn }));
    expect(composition!.state).to.equal('STOPPED');
    expect(composition!.endTime!.getTime() - composition!.startTime!.getTime()).to.equal(60_000);
  });

  it('GIVEN a composition on a live stage WHEN the last participant leaves THEN it stops 60 s later, not before; a rejoin cancels it', async () => {
    world = await startWorld({ startDelayMs: 0 });
    const emulator = world.handle.emulator;
    const arn = await start();
    emulator.advanceClock(120_000);
    expect((await stateOf(arn))[0]).to.equal('ACTIVE');
    emulator.leaveParticipant(STAGE_ARN);
    emulator.advanceClock(30_000);
    emulator.joinParticipant(STAGE_ARN, { userId: 'back' });
    emulator.advanceClock(60_000);
    expect((await stateOf(arn))[0]).to.equal('ACTIVE');
    emulator.leaveParticipant(STAGE_ARN);
    emulator.advanceClock(60_000);
    expect((await stateOf(arn))[0]).to.equal('STOPPED');
  });

  it('GIVEN a channel in use WHEN a second composition broadcasts to it THEN that destination FAILED, and the composition FAILED if nothing else runs', async () => {
    world = await startWorld({ startDelayMs: 0 });
    const first = await start(STAGE_ARN, [CHANNEL_DESTINATION]);
    const mixed = await start(STAGE_ARN, [CHANNEL_DESTINATION, S3_DESTINATION]);
    const only = await start(STAGE_ARN, [CHANNEL_DESTINATION]);
    expect(await stateOf(first)).to.deep.equal(['ACTIVE', ['ACTIVE']]);
    expect(await stateOf(mixed)).to.deep.equal(['ACTIVE', ['FAILED', 'ACTIVE']]);
    expect(await stateOf(only)).to.deep.equal(['FAILED', ['FAILED']]);
  });

  it('GIVEN the channel user stopped WHEN a new composition broadcasts to it THEN it runs', async () => {
    world = await startWorld({ startDelayMs: 0, stopDelayMs: 100 });
    const first = await start(STAGE_ARN, [CHANNEL_DESTINATION]);
    await world.client.send(new StopCompositionCommand({ arn: first }));
    world.handle.emulator.advanceClock(100);
    const second = await start(STAGE_ARN, [CHANNEL_DESTINATION]);
    expect(await stateOf(second)).to.deep.equal(['ACTIVE', ['ACTIVE']]);
  });

  it('GIVEN the account quota WHEN exceeded THEN ServiceQuotaExceededException; stopped and failed ones do not count', async () => {
    world = await startWorld({ quotas: { compositionsPerAccount: 2, compositionsPerStage: 5 }, startDelayMs: 0, stopDelayMs: 0 });
    const a = await start();
    await start(EMPTY_STAGE_ARN);
    expect(await rejectionOf(world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] })))).to.be.instanceOf(
      ServiceQuotaExceededException,
    );
    await world.client.send(new StopCompositionCommand({ arn: a }));
    await start();
  });

  it('GIVEN the default quotas WHEN a 6th composition starts in the account THEN ServiceQuotaExceededException; one stage may hold all 5', async () => {
    world = await startWorld({ startDelayMs: 0, stopDelayMs: 0 });
    for (let i = 0; i < 5; i++) await start();
    const error = await rejectionOf(world.client.send(new StartCompositionCommand({ stageArn: EMPTY_STAGE_ARN, destinations: [S3_DESTINATION] })));
    expect(error).to.be.instanceOf(ServiceQuotaExceededException);
  });

  it('GIVEN a per-stage limit set on the emulator WHEN the stage is full THEN ServiceQuotaExceededException; another stage still starts', async () => {
    world = await startWorld({ quotas: { compositionsPerStage: 1 }, startDelayMs: 0, stopDelayMs: 0 });
    await start();
    expect(await rejectionOf(world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] })))).to.be.instanceOf(ServiceQuotaExceededException);
    await start(EMPTY_STAGE_ARN);
  });

  it('GIVEN admin controls WHEN fail, degrade and external stop THEN the states follow', async () => {
    world = await startWorld({ startDelayMs: 0, stopDelayMs: 100 });
    const emulator = world.handle.emulator;
    const a = await start(STAGE_ARN, [CHANNEL_DESTINATION, S3_DESTINATION]);
    emulator.setDestinationState(a, 0, 'RECONNECTING');
    expect(await stateOf(a)).to.deep.equal(['ACTIVE', ['RECONNECTING', 'ACTIVE']]);
    emulator.setDestinationState(a, 0, 'FAILED');
    emulator.setDestinationState(a, 1, 'FAILED');
    expect((await stateOf(a))[0]).to.equal('FAILED');
    const b = await start();
    emulator.failComposition(b);
    expect(await stateOf(b)).to.deep.equal(['FAILED', ['FAILED']]);
    const c = await start();
    emulator.stopCompositionExternally(c);
    emulator.advanceClock(100);
    expect((await stateOf(c))[0]).to.equal('STOPPED');
    expect(emulator.compositions().map((x) => x.state)).to.deep.equal(['FAILED', 'FAILED', 'STOPPED']);
  });

  it('GIVEN a seed with unmanaged, failed and stopped compositions WHEN listed THEN they are there in their states', async () => {
    world = await startWorld({
      seed: {
        stages: [{ id: 'SeededStage1' }],
        storageConfigurations: [{ id: 'StOrAgEarch1' }],
        encoderConfigurations: [{ id: 'EnCoDeRhd720' }],
        compositions: [
          { stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/SeededStage1', destinations: [S3_DESTINATION], tags: { owner: 'x' } },
          { stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/SeededStage1', destinations: [S3_DESTINATION], state: 'FAILED' },
        ],
      },
    });
    const listed = await world.client.send(new ListCompositionsCommand({}));
    expect(listed.compositions!.map((c) => [c.state, c.tags])).to.deep.equal([
      ['ACTIVE', { owner: 'x' }],
      ['FAILED', {}],
    ]);
  });

  it('GIVEN a seeded composition with an unknown state WHEN the emulator is created THEN a seed error names the state', () => {
    const seed = { ...WORLD, compositions: [{ stageArn: STAGE_ARN, destinations: [S3_DESTINATION], state: 'RUNNING' as never }] };
    expect(() => createEmulator({ clock: 'manual', seed })).to.throw(EmulatorSeedError, /state must be ACTIVE, STARTING, FAILED, STOPPED, got "RUNNING"/);
  });

  describe('faults and rate limits', () => {
    it('GIVEN rate limits on a manual clock WHEN 6 ListStages at once THEN the 6th is throttled until the clock moves', async () => {
      world = await startWorld({ faults: { '*': { rateLimit: true } } });
      for (let i = 0; i < 5; i++) await world.client.send(new ListStagesCommand({}));
      const error = await rejectionOf(world.client.send(new ListStagesCommand({})));
      expect(error.name).to.equal('ThrottlingException');
      world.handle.emulator.advanceClock(200);
      await world.client.send(new ListStagesCommand({}));
      expect(world.handle.emulator.callCounts()).to.deep.equal({ calls: { ListStages: 7 }, throttled: { ListStages: 1 }, injectedErrors: {} });
    });

    it('GIVEN tag operations WHEN rate limited THEN their bucket holds 10', async () => {
      world = await startWorld({ faults: { '*': { rateLimit: true } } });
      const { handle } = world;
      const { ListTagsForResourceCommand } = await import('@aws-sdk/client-ivs-realtime');
      for (let i = 0; i < 10; i++) await world.client.send(new ListTagsForResourceCommand({ resourceArn: STAGE_ARN }));
      expect((await rejectionOf(world.client.send(new ListTagsForResourceCommand({ resourceArn: STAGE_ARN })))).name).to.equal('ThrottlingException');
      expect(handle.emulator.callCounts().throttled).to.deep.equal({ ListTagsForResource: 1 });
    });

    it('GIVEN half the calls throttled WHEN the SDK retries THEN calls succeed after retries and the counters show them', async () => {
      world = await startWorld({ faults: { ListStages: { throttleRate: 0.5 } }, randomSeed: 8 });
      const retrying = createClient(world.handle.endpoint, 10);
      try {
        for (let i = 0; i < 2; i++) await retrying.send(new ListStagesCommand({}));
      } finally {
        retrying.destroy();
      }
      const counts = world.handle.emulator.callCounts();
      expect(counts.calls.ListStages).to.equal(2 + (counts.throttled.ListStages ?? 0));
      expect(counts.throttled.ListStages).to.equal(2);
    });

    it('GIVEN latency WHEN called THEN the answer takes at least that long (real time)', async () => {
      world = await startWorld({ faults: { GetStage: { latencyMs: 60, jitterMs: 10 } } });
      const { GetStageCommand } = await import('@aws-sdk/client-ivs-realtime');
      const t0 = performance.now();
      await world.client.send(new GetStageCommand({ arn: STAGE_ARN }));
      expect(performance.now() - t0).to.be.at.least(55);
    });

    it('GIVEN a seeded fault rate WHEN replayed with the same seed THEN the same calls fail', async () => {
      const outcomes: string[][] = [];
      for (let run = 0; run < 2; run++) {
        world = await startWorld({ faults: { '*': { internalErrorRate: 0.5 } }, randomSeed: 42 });
        const seen: string[] = [];
        for (let i = 0; i < 12; i++) seen.push(await world.client.send(new ListStagesCommand({})).then(() => 'ok', (e: Error) => e.name));
        outcomes.push(seen);
        await stopWorld(world);
      }
      expect(outcomes[0]).to.deep.equal(outcomes[1]);
      expect(outcomes[0]).to.include('InternalServerException').and.include('ok');
    });
  });
});
