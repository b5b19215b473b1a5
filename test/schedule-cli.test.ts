// Schedules as a user meets them: the built CLI against the emulator, plan and drift previewed
// with --at inside and outside a window, apply acting at the present instant, and `stageform schedule`.
import { expect } from 'chai';
import type { DesiredState } from '../core/model/desired.js';
import type { Plan } from '../core/model/plan.js';
import { buildScheduleTimeline } from '../core/plan/schedule-timeline.js';
import { renderScheduleTimeline } from '../core/render/schedule-timeline.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { cliEnv, runBuiltCli } from '../bench/child.js';
import { expectGolden } from './helpers/golden.js';
import { baseSeed, managedSeed, startSeededEmulator, TempProject } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const STAGES = [{ id: 'Show1' }, { id: 'News1' }];
const CHANNELS = ['ChanShow1', 'ChanNews1'];
const MORNINGS = ['  schedule:', '    timezone: Europe/Berlin', '    windows:', '      - cron: "0 8 * * MON-FRI"', '        duration: 2h'].join('\n');
/** Monday 2026-11-30, Berlin time. */
const IN_WINDOW = '2026-11-30T08:30:00+01:00';
const AFTER_WINDOW = '2026-11-30T12:00:00+01:00';

describe('schedules with the built CLI against the emulator', function () {
  this.timeout(30_000);
  let project: TempProject;
  let desired: DesiredState;
  let emulator: EmulatorHandle | undefined;

  const setUp = async (showSchedule: string): Promise<void> => {
    project = new TempProject('studio')
      .writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1' }], showSchedule)
      .writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1' }]);
    desired = await project.load();
  };
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    project.remove();
  });

  const run = (...args: string[]) => runBuiltCli(args, { cwd: project.dir, env: cliEnv(emulator!.endpoint) });
  const want = (address: string) => desired.compositions.find((c) => c.address === address)!;
  const startEmulator = async (running: string[]): Promise<void> => {
    const seed = { ...baseSeed(STAGES, CHANNELS), compositions: running.map((a) => managedSeed(desired, want(a))) };
    emulator = await startSeededEmulator(seed, { clock: 'real', startDelayMs: 50, stopDelayMs: 50 });
  };
  const runningAddresses = () =>
    emulator!.emulator
      .compositions()
      .filter((c) => c.state === 'ACTIVE' || c.state === 'STARTING')
      .map((c) => c.tags['stageform:address'])
      .sort();

  it('GIVEN both running WHEN plan and drift --at inside the window THEN no changes and no drift, and the plan says when it stops', async () => {
    await setUp(MORNINGS);
    await startEmulator(['news/program', 'show/program']);
    const [human, json, drift] = await Promise.all([run('plan', '--at', IN_WINDOW), run('plan', '--json', '--at', IN_WINDOW), run('drift', '--at', IN_WINDOW)]);
    expect(human.code, human.stderr).to.equal(0);
    expect(human.stdout).to.contain('No changes.');
    expect(human.stdout).to.contain('Schedules at 2026-11-30 07:30 UTC:\n  show/program: open; stops 2026-11-30 10:00 CET, in 2 h');
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.formatVersion).to.equal('1.3');
    expect(plan.changes.find((c) => c.address === 'show/program')?.schedule).to.deep.equal({
      timezone: 'Europe/Berlin',
      evaluatedAt: '2026-11-30T07:30:00.000Z',
      open: true,
      next: { at: '2026-11-30T09:00:00.000Z', opens: false },
    });
    expect(plan.changes.find((c) => c.address === 'news/program')).not.to.have.property('schedule');
    expect(drift.code, drift.stdout + drift.stderr).to.equal(0);
  });

  it('GIVEN both running WHEN plan and drift --at after the window THEN the scheduled one is to be stopped (outside-schedule), the other kept', async () => {
    await setUp(MORNINGS);
    await startEmulator(['news/program', 'show/program']);
    const [human, json, drift] = await Promise.all([run('plan', '--detailed-exitcode', '--at', AFTER_WINDOW), run('plan', '--json', '--at', AFTER_WINDOW), run('drift', '--at', AFTER_WINDOW)]);
    expect(human.code, human.stderr).to.equal(2);
    expect(human.stdout).to.contain('# show/program will be destroyed (outside its schedule)');
    expect(human.stdout).to.contain('show/program: closed; starts 2026-12-01 08:00 CET, in 20 h');
    expect(human.stdout).to.contain('Plan: 0 to add, 0 to change, 1 to destroy.');
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.changes.map((c) => `${c.address} ${c.action} ${c.reasons.join('+')}`)).to.deep.equal(['news/program no-op ', 'show/program delete outside-schedule']);
    expect(drift.code).to.equal(2);
    // Nothing was changed by a preview.
    expect(runningAddresses()).to.deep.equal(['news/program', 'show/program']);
  });

  it('GIVEN the scheduled one not running WHEN plan and drift --at after the window THEN that is as it should be: no change, no drift', async () => {
    await setUp(MORNINGS);
    await startEmulator(['news/program']);
    const [plan, drift] = await Promise.all([run('plan', '--detailed-exitcode', '--at', AFTER_WINDOW), run('drift', '--at', AFTER_WINDOW)]);
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.contain('No changes.');
    expect(drift.code).to.equal(0);
    // Inside the window it is missing.
    const inside = await run('plan', '--detailed-exitcode', '--at', IN_WINDOW);
    expect(inside.code).to.equal(2);
    expect(inside.stdout).to.contain('# show/program will be created');
  });

  it('GIVEN apply --at THEN it is refused before anything is read or changed', async () => {
    await setUp(MORNINGS);
    await startEmulator([]);
    const applied = await run('apply', '--auto-approve', '--at', IN_WINDOW);
    expect(applied.code).to.equal(1);
    expect(applied.stderr).to.contain('apply acts now, so it evaluates schedules now');
    expect(applied.stderr).to.contain('plan --at');
    expect(runningAddresses()).to.deep.equal([]);
  });

  it('GIVEN a bad --at THEN plan says what it expects', async () => {
    await setUp(MORNINGS);
    await startEmulator([]);
    const planned = await run('plan', '--at', 'tomorrow');
    expect(planned.code).to.equal(1);
    expect(planned.stderr).to.contain('--at expects an ISO 8601 date-time');
    expect(planned.stderr).not.to.match(/\n\s+at /);
  });

  it('GIVEN a window over now and one long past WHEN apply THEN it starts the open one and stops the closed one, at the present instant', async () => {
    // Windows around now whatever the clock says: these outcomes do not depend on when the test runs.
    const open = ['  schedule:', '    windows:', '      - start: 2000-01-01T00:00:00Z', '        end: 2100-01-01T00:00:00Z'].join('\n');
    await setUp(open);
    project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1' }], ['  schedule:', '    windows:', '      - start: 2000-01-01T00:00:00Z', '        end: 2000-01-01T02:00:00Z'].join('\n'));
    desired = await project.load();
    await startEmulator(['news/program']);
    const applied = await run('apply', '--auto-approve');
    expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
    expect(applied.stdout).to.contain('# news/program will be destroyed (outside its schedule)');
    expect(applied.stdout).to.contain('# show/program will be created');
    expect(applied.stdout).to.contain('longer than the 24 h IVS lets a composition run');
    expect(runningAddresses()).to.deep.equal(['show/program']);
    const again = await run('plan', '--detailed-exitcode');
    expect(again.code, again.stdout).to.equal(0);
  });
});

describe('stageform schedule', function () {
  this.timeout(30_000);
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject('studio', 'timezone: Europe/Berlin\n')
      .writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1' }], ['  schedule:', '    windows:', '      - cron: "0 8 * * MON-FRI"', '        duration: 2h', '    deny:', '      - start: 2026-12-25T00:00:00', '        end: 2026-12-26T00:00:00'].join('\n'))
      .writeManifest('launch', 'Launch1', [{ name: 'program', channel: 'ChanLaunch1' }], ['  schedule:', '    timezone: America/New_York', '    windows:', '      - start: 2026-12-23T19:00:00', '        end: 2026-12-23T21:30:00'].join('\n'))
      .writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1' }]);
  });
  afterEach(() => project.remove());

  const FROM = Date.parse('2026-12-21T00:00:00Z');
  const TO = Date.parse('2026-12-28T00:00:00Z');

  it('GIVEN a week over Christmas WHEN rendered as text, Markdown and JSON THEN each matches its golden file', async () => {
    const timeline = buildScheduleTimeline(await project.load(), FROM, TO);
    expectGolden('schedule/christmas-week.txt', renderScheduleTimeline(timeline, 'human'));
    expectGolden('schedule/christmas-week.md', renderScheduleTimeline(timeline, 'markdown'));
    expectGolden('schedule/christmas-week.json', renderScheduleTimeline(timeline, 'json'));
  });

  it('GIVEN the built CLI WHEN schedule --from --to --json THEN it prints the same timeline, without AWS', async () => {
    const run = await runBuiltCli(['schedule', '--from', '2026-12-21T00:00:00Z', '--to', '2026-12-28T00:00:00Z', '--json'], { cwd: project.dir, env: cliEnv('http://127.0.0.1:9') });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal(renderScheduleTimeline(buildScheduleTimeline(await project.load(), FROM, TO), 'json'));
  });

  it('GIVEN --to before --from THEN it refuses', async () => {
    const run = await runBuiltCli(['schedule', '--from', '2026-12-21T00:00:00Z', '--to', '2026-12-20T00:00:00Z'], { cwd: project.dir, env: cliEnv('http://127.0.0.1:9') });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('--to must come after --from');
  });
});
