import { GetCompositionCommand, ListStagesCommand, StartCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorLockError, EmulatorStateError, openLocalEmulator, startEmulator } from '../index.js';
import { createClient, rejectionOf, S3_DESTINATION, STAGE_ARN, WORLD } from './helpers.js';

describe('emulator persistence, local project mode and admin API', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stageform-emulator-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a state file WHEN the emulator restarts from it THEN compositions, clock offset and tokens survive', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ stateFile, seed: WORLD, startDelayMs: 0 });
    const client = createClient(first.endpoint);
    const input = { stageArn: STAGE_ARN, destinations: [S3_DESTINATION], idempotencyToken: 'persisted' };
    const { composition } = await client.send(new StartCompositionCommand(input));
    first.emulator.advanceClock(3_600_000);
    const nowBefore = first.emulator.now();
    client.destroy();
    await first.stop();

    const doc = JSON.parse(readFileSync(stateFile, 'utf8')) as { kind: string; version: number };
    expect([doc.kind, doc.version]).to.deep.equal(['stageform-emulator-state', 1]);

    const second = await startEmulator({ stateFile, seed: { stages: [{ name: 'ignored-because-state-exists' }] } });
    const client2 = createClient(second.endpoint);
    try {
      expect(second.emulator.now() - nowBefore).to.be.within(0, 5_000);
      const got = await client2.send(new GetCompositionCommand({ arn: composition!.arn }));
      expect(got.composition!.state).to.equal('ACTIVE');
      const again = await client2.send(new StartCompositionCommand(input));
      expect(again.composition!.arn).to.equal(composition!.arn);
      const stages = await client2.send(new ListStagesCommand({}));
      expect(stages.stages!.map((s) => s.name)).to.deep.equal(['morning-show', 'empty']);
    } finally {
      client2.destroy();
      await second.stop();
    }
  });

  const corrupt: { name: string; text: string; message: RegExp }[] = [
    { name: 'not JSON', text: '{"kind": "stageform-emu', message: /not valid JSON/ },
    { name: 'a foreign JSON file', text: '{"name": "package"}', message: /not an emulator state file/ },
    { name: 'a newer version', text: '{"kind": "stageform-emulator-state", "version": 99}', message: /version 99 is not supported/ },
  ];
  for (const c of corrupt) {
    it(`GIVEN a state file that is ${c.name} WHEN starting THEN a one-line EmulatorStateError naming the file`, async () => {
      const stateFile = join(dir, 'state.json');
      writeFileSync(stateFile, c.text);
      const error = await rejectionOf(startEmulator({ stateFile }));
      expect(error).to.be.instanceOf(EmulatorStateError);
      expect(error.message).to.match(c.message).and.include(stateFile).and.not.include('\n');
    });
  }

  it('GIVEN a project with a seed file WHEN opened twice in a row THEN the seed applies once and state persists under .stageform/', async () => {
    writeFileSync(join(dir, 'stageform.seed.yaml'), 'stages:\n  - id: AbCdEfGh1234\n    name: morning-show\n');
    const first = await openLocalEmulator(dir);
    first.emulator.joinParticipant('morning-show');
    await first.stop();
    expect(existsSync(join(dir, '.stageform', 'emulator.lock'))).to.equal(false);
    const second = await openLocalEmulator(dir);
    try {
      expect(second.emulator.stages().map((s) => [s.name, s.participants.length])).to.deep.equal([['morning-show', 1]]);
    } finally {
      await second.stop();
    }
  });

  it('GIVEN a live lock holder WHEN another open waits THEN it gets the lock once released', async () => {
    const first = await openLocalEmulator(dir);
    const waiting = openLocalEmulator(dir, { lockTimeoutMs: 5_000 });
    let opened = false;
    void waiting.then(() => {
      opened = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(opened).to.equal(false);
    await first.stop();
    const second = await waiting;
    await second.stop();
  });

  it('GIVEN a stale lock of a dead process WHEN opening THEN it is taken over', async () => {
    const lockFile = join(dir, '.stageform', 'emulator.lock');
    mkdirSync(join(dir, '.stageform'), { recursive: true });
    writeFileSync(lockFile, '999999999');
    const handle = await openLocalEmulator(dir, { lockTimeoutMs: 1_000 });
    try {
      expect(readFileSync(lockFile, 'utf8')).to.equal(String(process.pid));
    } finally {
      await handle.stop();
    }
    expect(existsSync(lockFile)).to.equal(false);
  });

  it('GIVEN a lock of another live process WHEN opening THEN it is not taken over: EmulatorLockError naming that process', async () => {
    const lockFile = join(dir, '.stageform', 'emulator.lock');
    mkdirSync(join(dir, '.stageform'), { recursive: true });
    writeFileSync(lockFile, String(process.ppid));
    const error = await rejectionOf(openLocalEmulator(dir, { lockTimeoutMs: 300 }));
    expect(error).to.be.instanceOf(EmulatorLockError);
    expect(error.message).to.include(`(pid ${process.ppid})`);
    expect(readFileSync(lockFile, 'utf8')).to.equal(String(process.ppid));
  });

  it('GIVEN the admin HTTP API WHEN a subscriber joins and a publisher unpublishes THEN status shows who publishes and the composition stops 60 s later', async () => {
    const handle = await startEmulator({ clock: 'manual', seed: WORLD, startDelayMs: 0 });
    const admin = async (path: string, body: object): Promise<Record<string, unknown>> => {
      const res = await fetch(`${handle.endpoint}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${res.status} ${String(json.error)}`);
      return json;
    };
    const client = createClient(handle.endpoint);
    try {
      const { participantId: viewer } = await admin('participants/join', { stage: 'morning-show', userId: 'viewer', publish: false });
      const { composition } = await client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
      const host = handle.emulator.stages().find((s) => s.arn === STAGE_ARN)!.participants.find((p) => p.userId === 'host-1')!.participantId;
      await admin('participants/publish', { stage: 'morning-show', participantId: host, publishing: false });
      const publishing = handle.emulator.stages().find((s) => s.arn === STAGE_ARN)!.participants.map((p) => [p.participantId, p.publishing]);
      expect(publishing).to.deep.equal([
        [host, false],
        [viewer, false],
      ]);
      handle.emulator.advanceClock(60_000);
      expect(handle.emulator.compositions().find((c) => c.arn === composition!.arn)!.state).to.equal('STOPPED');
      const error = await rejectionOf(admin('participants/publish', { stage: 'morning-show', participantId: 'nobody', publishing: true }));
      expect(error.message).to.match(/^400 participant nobody is not on stage/);
    } finally {
      client.destroy();
      await handle.stop();
    }
  });

  it('GIVEN the admin HTTP API WHEN driving participants, clock, faults and counters THEN the world follows and admin calls are not counted', async () => {
    const handle = await startEmulator({ clock: 'manual', seed: WORLD, startDelayMs: 0 });
    const admin = async (method: string, path: string, body?: object): Promise<Record<string, unknown>> => {
      const res = await fetch(`${handle.endpoint}/_emulator/${path}`, { method, body: body ? JSON.stringify(body) : undefined });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${res.status} ${String(json.error)}`);
      return json;
    };
    const client = createClient(handle.endpoint);
    try {
      const { participantId } = await admin('POST', 'participants/join', { stage: 'empty', userId: 'guest' });
      expect(participantId).to.match(/^[a-zA-Z0-9]{12}$/);
      const { composition } = await client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
      await admin('POST', 'compositions/destination-state', { arn: composition!.arn, destination: 0, state: 'RECONNECTING' });
      await admin('POST', 'clock/advance', { ms: 1000 });
      const state = (await admin('GET', 'state')) as { compositions: { destinations: { state: string }[] }[] };
      expect(state.compositions[0]!.destinations[0]!.state).to.equal('RECONNECTING');
      await admin('POST', 'compositions/stop', { arn: composition!.arn });
      await admin('POST', 'faults', { GetStage: { internalErrorRate: 1 } });
      expect(await admin('GET', 'counters')).to.deep.equal({ calls: { StartComposition: 1 }, throttled: {}, injectedErrors: {} });
      await admin('POST', 'counters/reset');
      expect(await admin('GET', 'counters')).to.deep.equal({ calls: {}, throttled: {}, injectedErrors: {} });
      await admin('POST', 'reset');
      expect(handle.emulator.isEmpty()).to.equal(true);
      const error = await rejectionOf(admin('POST', 'participants/join', { stage: 'nope' }));
      expect(error.message).to.match(/^400 no stage "nope"/);
    } finally {
      client.destroy();
      await handle.stop();
    }
  });
});
