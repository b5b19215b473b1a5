// `stageform local admin play FILE`: a scripted show day on the emulator's manual clock, and the
// EventBridge events the emulator derives from it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runLocalAdminCommand } from '../cli/commands/local.js';
import { parseShowDay } from '../cli/show-day.js';
import { UserError } from '../core/model/diagnostics.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { baseSeed, startSeededEmulator, TempProject } from './helpers/projects.js';

describe('show day: the file', () => {
  it('GIVEN steps out of order WHEN parsed THEN they are played by time, same times in file order', () => {
    const steps = parseShowDay('- { at: 10m, leave: show1, user: host }\n- { at: 0s, join: show1, user: host }\n- { at: 0s, join: show1, user: guest }\n', 'day.yaml');
    expect(steps.map((s) => [s.atMs, s.action.kind, 'user' in s.action ? s.action.user : ''])).to.deep.equal([
      [0, 'join', 'host'],
      [0, 'join', 'guest'],
      [600_000, 'leave', 'host'],
    ]);
  });

  it('GIVEN several mistakes WHEN parsed THEN one error names every step at fault', () => {
    let error: unknown;
    try {
      parseShowDay('- { at: soon, join: show1 }\n- { join: show1, leave: show1 }\n- { at: 1m, degrade: x/y, state: BROKEN }\n', 'day.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UserError);
    expect((error as UserError).code).to.equal('SHOW_DAY_INVALID');
    expect((error as UserError).message).to.match(/step 1: at:.*step 2: expected exactly one.*step 3: state:/);
  });
});

describe('show day: where a mistake is', () => {
  it('GIVEN a step at fault WHEN parsed THEN the error names its file, line and column', () => {
    expect(() => parseShowDay('- { at: 0s, join: show1 }\n- { at: soon, join: show1 }\n', 'day.yaml')).to.throw(UserError, /^day\.yaml:2:3: step 2: at:/);
  });

  it('GIVEN text that is not YAML WHEN parsed THEN the error names the position of the first fault, with a hint', () => {
    let error: unknown;
    try {
      parseShowDay('- { at: 0s, join: [\n', 'day.yaml');
    } catch (e) {
      error = e;
    }
    expect((error as UserError).message).to.match(/^day\.yaml:\d+:\d+: not YAML or JSON/);
    expect((error as UserError).hint).to.be.a('string');
  });
});

describe('show day: played on the emulator', function () {
  this.timeout(30_000);
  let handle: EmulatorHandle;
  let project: TempProject;

  beforeEach(async () => {
    handle = await startSeededEmulator(baseSeed([{ id: 'Show1', active: false }], ['ChanShow1']));
    handle.emulator.keepEvents();
    project = new TempProject();
  });
  afterEach(async () => {
    await handle.stop();
    project.remove();
  });

  it('GIVEN a morning show WHEN played through local admin THEN the clock moves step by step and the stage update events follow the participants', async () => {
    const file = join(project.dir, 'day.yaml');
    writeFileSync(file, ['- { at: 0s, join: show1, user: host }', '- { at: 30s, join: show1, user: guest }', '- { at: 45m, leave: show1, user: guest }', '- { at: 1h, leave: show1 }', ''].join('\n'));
    const start = handle.emulator.now();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runLocalAdminCommand('play', ['day.yaml'], { endpoint: handle.endpoint }, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: project.dir, env: {} });
    expect(err.join('')).to.equal('');
    expect(code).to.equal(0);
    expect(out.join('')).to.match(/^\+00:00:00 host \(\w+\) joined show1\n\+00:00:30 guest .*\n\+00:45:00 guest left show1\n\+01:00:00 everyone left show1\nplayed 4 steps over 3600s of emulator time\n$/);
    expect(handle.emulator.now() - start).to.equal(3_600_000);
    const events = handle.emulator.recentEvents().map((e) => [e['detail-type'], e.detail.event_name, e.detail.user_id, e.time]);
    const at = (ms: number): string => new Date(start + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(events).to.deep.equal([
      ['IVS Stage Update', 'Participant Published', 'host', at(0)],
      ['IVS Stage Update', 'Participant Published', 'guest', at(30_000)],
      ['IVS Stage Update', 'Participant Unpublished', 'guest', at(2_700_000)],
      ['IVS Stage Update', 'Participant Unpublished', 'host', at(3_600_000)],
    ]);
  });

  it('GIVEN a step for a user who never joined WHEN played THEN it stops there with a one-line error', async () => {
    writeFileSync(join(project.dir, 'day.yaml'), '- { at: 5s, leave: show1, user: nobody }\n');
    const err: string[] = [];
    const code = await runLocalAdminCommand('play', ['day.yaml'], { endpoint: handle.endpoint }, { stdout: { write: () => {} }, stderr: { write: (s: string) => err.push(s) }, cwd: project.dir, env: {} });
    expect(code).to.equal(1);
    expect(err.join('')).to.include('nobody leaves show1 but did not join it');
  });
});
