// Schedules from the manifests to the plan: what the loader builds, the presence function every
// command (and a reconcile loop) asks, and when a saved plan's schedule decision no longer holds.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProject } from '../core/load/load-project.js';
import { UserError } from '../core/model/diagnostics.js';
import { desiredPresence } from '../core/model/presence.js';
import type { Schedule } from '../core/model/schedule.js';
import { assertSchedulesUnchanged } from '../core/pipeline/plan-pass.js';
import { buildPlan } from '../core/plan/build-plan.js';
import { formatTimeUntil } from '../core/render/human.js';
import { parseDurationMs } from '../core/util/duration.js';
import { BEFORE_THE_SHOW, MORNING_SCHEDULE, scenarioNamed } from './helpers/scenarios.js';

const at = (iso: string): number => Date.parse(iso);

describe('desiredPresence: should an address run at an instant', () => {
  const always = { whenIdle: 'start' as const };
  const morning = { whenIdle: 'start' as const, schedule: MORNING_SCHEDULE };
  const morningSkip = { whenIdle: 'skip' as const, schedule: MORNING_SCHEDULE };
  const cases: { name: string; composition: { whenIdle: 'start' | 'skip'; schedule?: Schedule }; atMs: number; stageLive: boolean; want: string }[] = [
    { name: 'no schedule, idle stage, whenIdle start', composition: always, atMs: BEFORE_THE_SHOW, stageLive: false, want: 'run' },
    { name: 'no schedule, idle stage, whenIdle skip', composition: { whenIdle: 'skip' }, atMs: BEFORE_THE_SHOW, stageLive: false, want: 'stage-idle' },
    { name: 'before the window opens (07:59 Berlin)', composition: morning, atMs: at('2026-11-30T07:59:59+01:00'), stageLive: true, want: 'outside-schedule' },
    { name: 'as the window opens (08:00 Berlin)', composition: morning, atMs: at('2026-11-30T08:00:00+01:00'), stageLive: true, want: 'run' },
    { name: 'as the window closes (10:00 Berlin, half-open)', composition: morning, atMs: at('2026-11-30T10:00:00+01:00'), stageLive: true, want: 'outside-schedule' },
    { name: 'on Christmas Day, a Friday: deny wins', composition: morning, atMs: at('2026-12-25T09:00:00+01:00'), stageLive: true, want: 'outside-schedule' },
    { name: 'in the window, idle stage, whenIdle skip', composition: morningSkip, atMs: at('2026-11-30T09:00:00+01:00'), stageLive: false, want: 'stage-idle' },
    { name: 'out of the window, idle stage, whenIdle skip: the schedule says why', composition: morningSkip, atMs: BEFORE_THE_SHOW, stageLive: false, want: 'outside-schedule' },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} THEN ${c.want}`, () => {
      const presence = desiredPresence(c.composition, c.atMs, c.stageLive);
      expect(presence.run ? 'run' : presence.reason).to.equal(c.want);
    });
  }
});

describe('parseDurationMs: durations people write', () => {
  const cases: [string, number | undefined][] = [
    ['2h', 7_200_000],
    ['90m', 5_400_000],
    ['1h30m', 5_400_000],
    ['45s', 45_000],
    ['0m', 0],
    ['two hours', undefined],
    ['', undefined],
    ['2h 30m', undefined],
  ];
  for (const [text, want] of cases) it(`GIVEN "${text}" THEN ${String(want)}`, () => expect(parseDurationMs(text)).to.equal(want));
});

describe('formatTimeUntil', () => {
  const cases: [number, string][] = [
    [30_000, 'in 1 min'],
    [45 * 60_000, 'in 45 min'],
    [3 * 3_600_000, 'in 3 h'],
    [47 * 3_600_000, 'in 47 h'],
    [5 * 86_400_000, 'in 5 d'],
  ];
  for (const [ms, want] of cases) it(`GIVEN ${ms} ms THEN "${want}"`, () => expect(formatTimeUntil(ms)).to.equal(want));
});

describe('loading schedules', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stageform-schedule-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const composition = (name: string, schedule = ''): string =>
    [
      `    - name: ${name}`,
      '      destinations:',
      '        - s3:',
      '            storageConfigurationArn: arn:aws:ivs:us-east-1:123456789012:storage-configuration/Store1',
      '            encoderConfigurationArns: [arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Enc720p]',
      schedule,
    ]
      .filter((l) => l !== '')
      .join('\n');

  it("GIVEN a stage schedule, one composition's own and stageform.yaml's timezone WHEN loaded THEN each composition carries the schedule that applies, in the right zone", async () => {
    await writeFile(path.join(dir, 'stageform.yaml'), 'project: shows\nregion: us-east-1\ntimezone: Europe/Berlin\n');
    await writeFile(
      path.join(dir, 'show.yaml'),
      [
        'apiVersion: stageform/v1',
        'kind: StageCompositions',
        'metadata:',
        '  name: show',
        'spec:',
        '  stageArn: arn:aws:ivs:us-east-1:123456789012:stage/Show1',
        '  schedule:',
        '    windows:',
        '      - cron: "0 8 * * MON-FRI"',
        '        duration: 1h30m',
        '  compositions:',
        composition('program'),
        composition('replay', ['      schedule:', '        timezone: America/New_York', '        windows:', '          - start: 2026-12-24T18:00:00', '            end: 2026-12-24T20:30:00'].join('\n')),
        composition('archive', ['      schedule:', '        windows:', '          - start: 2026-12-24T18:00:00Z', '            end: 2026-12-24T20:30:00Z', '        deny:', '          - cron: "0 19 * * *"', '            duration: 30m'].join('\n')),
      ].join('\n') + '\n',
    );
    const { desired, diagnostics } = await loadProject(dir, { cwd: dir });
    expect(diagnostics).to.deep.equal([]);
    const byName = new Map(desired!.compositions.map((c) => [c.compositionName, c.schedule]));
    expect(byName.get('program')).to.deep.equal({ timezone: 'Europe/Berlin', windows: [{ cron: '0 8 * * MON-FRI', durationMs: 5_400_000 }], deny: [] });
    // Without an offset, a one-off time is read in the schedule's zone (EST: UTC-5).
    expect(byName.get('replay')).to.deep.equal({
      timezone: 'America/New_York',
      windows: [{ startMs: at('2026-12-24T23:00:00Z'), endMs: at('2026-12-25T01:30:00Z') }],
      deny: [],
    });
    expect(byName.get('archive')?.deny).to.deep.equal([{ cron: '0 19 * * *', durationMs: 1_800_000 }]);
  });

  it('GIVEN no schedule anywhere WHEN loaded THEN compositions carry none (they always run)', async () => {
    await writeFile(path.join(dir, 'stageform.yaml'), 'project: shows\nregion: us-east-1\n');
    await writeFile(
      path.join(dir, 'show.yaml'),
      ['apiVersion: stageform/v1', 'kind: StageCompositions', 'metadata:', '  name: show', 'spec:', '  stageArn: arn:aws:ivs:us-east-1:123456789012:stage/Show1', '  compositions:', composition('program')].join('\n') + '\n',
    );
    const { desired } = await loadProject(dir, { cwd: dir });
    expect(desired!.compositions[0]).not.to.have.property('schedule');
  });
});

describe('a saved plan and the schedules it was made at', () => {
  const s = scenarioNamed('scheduled-closed');
  const plan = buildPlan(s.desired, s.live, { atMs: BEFORE_THE_SHOW }).plan;
  const stale = (nowMs: number): string | undefined => {
    try {
      assertSchedulesUnchanged(plan, nowMs);
      return undefined;
    } catch (error) {
      expect(error).to.be.instanceOf(UserError);
      return (error as UserError).message;
    }
  };

  it('GIVEN the plan records the next opening THEN it says when', () => {
    expect(plan.changes[0].schedule).to.deep.equal({ timezone: 'Europe/Berlin', evaluatedAt: '2026-11-30T05:00:00.000Z', open: false, next: { at: '2026-11-30T07:00:00.000Z', opens: true } });
  });
  it('GIVEN no schedule opened or closed since THEN it still applies', () => expect(stale(at('2026-11-30T06:59:00Z'))).to.equal(undefined));
  it('GIVEN the window opened since THEN it is stale', () => expect(stale(at('2026-11-30T07:00:00Z'))).to.match(/schedule of morning-show\/program opened at 2026-11-30T07:00:00.000Z/));
  it('GIVEN a plan made for a later instant (plan --at) THEN it is refused', () => expect(stale(at('2026-11-30T04:00:00Z'))).to.match(/later instant than now/));
});
