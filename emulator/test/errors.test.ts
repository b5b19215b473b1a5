// The emulator's own errors: each kind of mistake has its class and stable code, and cli/ shows them
// as it shows its own errors (same code, message and hint), with no import of core/ in the emulator.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../cli/connect.js';
import type { CliIo } from '../../cli/io.js';
import { reportError } from '../../cli/report-error.js';
import { UserError } from '../../core/model/diagnostics.js';
import { desiredState } from '../../test/helpers/builders.js';
import { acquireLock } from '../persistence.js';
import { createEmulator, EmulatorAdminError, EmulatorError, EmulatorLockError, EmulatorSeedError, loadSeedFile, openLocalEmulator, startEmulator } from '../index.js';
import { rejectionOf, WORLD } from './helpers.js';

function thrownBy(action: () => unknown): EmulatorError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(EmulatorError);
    return error as EmulatorError;
  }
  throw new Error('expected the call to throw, and it returned');
}

describe('emulator errors', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stageform-emulator-errors-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const adminMistakes: { name: string; action: (e: ReturnType<typeof createEmulator>) => unknown; message: RegExp }[] = [
    { name: 'joining an unknown stage', action: (e) => e.joinParticipant('nowhere'), message: /^no stage "nowhere" in the emulator$/ },
    { name: 'a participant leaving who is not there', action: (e) => e.leaveParticipant('morning-show', 'ghost'), message: /^participant ghost is not on stage arn:/ },
    { name: 'failing an unknown composition', action: (e) => e.failComposition('arn:aws:ivs:us-east-1:123456789012:composition/none'), message: /^no composition .* in the emulator$/ },
    { name: 'moving the clock backwards', action: (e) => e.advanceClock(-1), message: /^advanceClock: expected a duration >= 0 ms, got -1$/ },
    { name: 'an event webhook that is not an http(s) URL', action: (e) => e.setEventWebhook('127.0.0.1:9000/events'), message: /^the event webhook must be an http\(s\) URL, got "127\.0\.0\.1:9000\/events"$/ },
  ];
  for (const m of adminMistakes) {
    it(`GIVEN ${m.name} WHEN called THEN an EmulatorAdminError with code EMULATOR_ADMIN_REQUEST`, () => {
      const error = thrownBy(() => m.action(createEmulator({ clock: 'manual', seed: WORLD })));
      expect(error).to.be.instanceOf(EmulatorAdminError);
      expect(error.code).to.equal('EMULATOR_ADMIN_REQUEST');
      expect(error.message).to.match(m.message);
    });
  }

  it('GIVEN --event-webhook with no scheme WHEN the emulator is created THEN the same admin error as through the admin API, not a webhook failing silently', () => {
    const error = thrownBy(() => createEmulator({ clock: 'manual', eventWebhook: 'localhost:9000' }));
    expect([error.code, error.message]).to.deep.equal(['EMULATOR_ADMIN_REQUEST', 'the event webhook must be an http(s) URL, got "localhost:9000"']);
  });

  it('GIVEN the admin API WHEN an event webhook without http(s) is set THEN 400 with the message, and an empty url stops sending', async () => {
    const handle = await startEmulator({ clock: 'manual' });
    try {
      const set = (url: string) => fetch(`${handle.endpoint}/_emulator/events/webhook`, { method: 'POST', body: JSON.stringify({ url }) });
      const refused = await set('ftp://example.test/events');
      expect([refused.status, await refused.json()]).to.deep.equal([400, { error: 'the event webhook must be an http(s) URL, got "ftp://example.test/events"' }]);
      const cleared = await set('');
      expect([cleared.status, await cleared.json()]).to.deep.equal([200, { webhook: null }]);
    } finally {
      await handle.stop();
    }
  });

  it('GIVEN a seed with one participant twice WHEN the emulator is created THEN a seed error, not an admin error', () => {
    const seed = { stages: [{ name: 's', participants: [{ participantId: 'p1' }, { participantId: 'p1' }] }] };
    const error = thrownBy(() => createEmulator({ clock: 'manual', seed }));
    expect(error).to.be.instanceOf(EmulatorSeedError);
    expect(error.code).to.equal('EMULATOR_SEED_INVALID');
    expect(error.message).to.match(/^seed: participant p1 is already on stage arn:aws:ivs:us-east-1:123456789012:stage\//);
  });

  it('GIVEN seed files that are missing, not YAML or not a mapping WHEN loaded THEN seed errors naming the file and where', () => {
    const missing = thrownBy(() => loadSeedFile(join(dir, 'none.yaml')));
    expect([missing.code, missing.message]).to.deep.equal(['EMULATOR_SEED_UNREADABLE', `${join(dir, 'none.yaml')}: cannot read the seed file (ENOENT)`]);
    writeFileSync(join(dir, 'bad.yaml'), 'stages:\n  - name: [unclosed\n');
    const bad = thrownBy(() => loadSeedFile(join(dir, 'bad.yaml')));
    expect(bad.code).to.equal('EMULATOR_SEED_INVALID');
    expect(bad.message).to.match(/bad\.yaml:\d+:\d+: the seed file is not valid YAML or JSON$/);
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(thrownBy(() => loadSeedFile(join(dir, 'list.yaml'))).message).to.match(/list\.yaml: a seed file must be a mapping/);
  });

  it('GIVEN a project folder that cannot be made (under /proc, where mkdir -p would loop forever) WHEN opened THEN an EmulatorStateError naming the folder, at once', async () => {
    const error = await rejectionOf(openLocalEmulator('/proc/stageform-nope', { lockTimeoutMs: 150 }));
    expect(error).to.be.instanceOf(EmulatorError);
    expect((error as EmulatorError).code).to.equal('EMULATOR_STATE_INVALID');
    expect((error as EmulatorError).message).to.match(/cannot create the folder \/proc\/stageform-nope: ENOENT/);
  });

  it('GIVEN a project locked by a live process WHEN opening it briefly THEN an EmulatorLockError with a hint', async () => {
    const release = await acquireLock(join(dir, '.stageform', 'emulator.lock'));
    try {
      const error = await rejectionOf(openLocalEmulator(dir, { lockTimeoutMs: 150 }));
      expect(error).to.be.instanceOf(EmulatorLockError);
      expect((error as EmulatorLockError).code).to.equal('EMULATOR_LOCKED');
      expect((error as EmulatorLockError).hint).to.match(/wait for the other stageform command/);
    } finally {
      release();
    }
  });

  it('GIVEN a corrupt state file WHEN a command connects with --local THEN a UserError with the same code, message and hint', async () => {
    mkdirSync(join(dir, '.stageform'));
    writeFileSync(join(dir, '.stageform', 'emulator-state.json'), '{ nope');
    const desired = { ...desiredState([]), rootDir: dir };
    const sink = { write: () => true };
    const io: CliIo = { stdout: sink, stderr: sink, cwd: dir, env: {} };
    const error = await rejectionOf(connect(desired, { local: true, parallelism: 1 }, io));
    expect(error).to.be.instanceOf(UserError);
    expect((error as UserError).code).to.equal('EMULATOR_STATE_INVALID');
    expect((error as UserError).message).to.equal(`${join(dir, '.stageform', 'emulator-state.json')}: the emulator state file is not valid JSON (corrupt?)`);
    expect((error as UserError).hint).to.match(/^delete the file/);
  });

  it('GIVEN an emulator error WHEN reported THEN one Error line and its hint, exit 1, no stack', () => {
    let err = '';
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (text: string) => ((err += text), true) }, cwd: dir, env: { STAGEFORM_DEBUG: '1' } };
    const code = reportError(io, new EmulatorLockError('/p/.stageform/emulator.lock', 42));
    expect([code, err]).to.deep.equal([
      1,
      'Error: /p/.stageform/emulator.lock: the local emulator is in use by another process (pid 42)\n' +
        '  hint: wait for the other stageform command to finish, or remove the lock file if that process is gone\n',
    ]);
  });
});
