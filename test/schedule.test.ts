import { expect } from 'chai';
import {
  cronError,
  cronEverMatches,
  formatScheduleInstant,
  isKnownTimeZone,
  isScheduleOpen,
  nextScheduleTransition,
  parseScheduleInstant,
  scheduleTransitions,
  type Schedule,
} from '../core/model/schedule.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function schedule(timezone: string, windows: Schedule['windows'], deny: Schedule['deny'] = []): Schedule {
  return { timezone, windows, deny };
}

describe('schedule: presence at an instant', () => {
  const cases: { name: string; schedule: Schedule; instant: string; open: boolean }[] = [
    // Berlin mornings, 08:00-10:00 local. CET is UTC+1 in winter, CEST UTC+2 in summer.
    { name: 'Berlin winter, inside', schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * MON-FRI', durationMs: 2 * H }]), instant: '2026-12-01T07:30:00Z', open: true },
    { name: 'Berlin winter, at the close (half-open)', schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * MON-FRI', durationMs: 2 * H }]), instant: '2026-12-01T09:00:00Z', open: false },
    { name: 'Berlin winter, at the open', schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * MON-FRI', durationMs: 2 * H }]), instant: '2026-12-01T07:00:00Z', open: true },
    { name: 'Berlin summer, 08:30 CEST', schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * MON-FRI', durationMs: 2 * H }]), instant: '2026-06-01T06:30:00Z', open: true },
    { name: 'Berlin summer, 07:30 UTC is 09:30 CEST', schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * MON-FRI', durationMs: 2 * H }]), instant: '2026-06-01T07:30:00Z', open: true },
    { name: 'Berlin summer, 08:30 UTC is 10:30 CEST', schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * MON-FRI', durationMs: 2 * H }]), instant: '2026-06-01T08:30:00Z', open: false },
    { name: 'Berlin, Saturday', schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * MON-FRI', durationMs: 2 * H }]), instant: '2026-12-05T07:30:00Z', open: false },
    // A window that spans midnight stays open into the next day.
    { name: 'across midnight', schedule: schedule('UTC', [{ cron: '0 23 * * *', durationMs: 3 * H }]), instant: '2026-12-02T01:59:00Z', open: true },
    // Month ends and leap day.
    { name: 'last day of a 30-day month', schedule: schedule('UTC', [{ cron: '0 12 30 * *', durationMs: H }]), instant: '2026-11-30T12:30:00Z', open: true },
    { name: 'no 30th in February', schedule: schedule('UTC', [{ cron: '0 12 30 * *', durationMs: 48 * H }]), instant: '2027-03-01T12:30:00Z', open: false },
    { name: 'leap day 2028', schedule: schedule('UTC', [{ cron: '0 0 29 2 *', durationMs: 24 * H }]), instant: '2028-02-29T18:00:00Z', open: true },
    { name: 'no leap day 2027', schedule: schedule('UTC', [{ cron: '0 0 29 2 *', durationMs: 24 * H }]), instant: '2027-03-01T00:30:00Z', open: false },
    // One-offs and deny.
    {
      name: 'one-off window',
      schedule: schedule('Europe/Berlin', [{ startMs: at('2026-12-24T17:00:00Z'), endMs: at('2026-12-24T19:30:00Z') }]),
      instant: '2026-12-24T19:29:59Z',
      open: true,
    },
    {
      name: 'deny overlapping an allow window wins',
      schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * *', durationMs: 2 * H }], [{ startMs: at('2026-12-24T23:00:00Z'), endMs: at('2026-12-25T23:00:00Z') }]),
      instant: '2026-12-25T07:30:00Z',
      open: false,
    },
    {
      name: 'deny over, allow again',
      schedule: schedule('Europe/Berlin', [{ cron: '0 8 * * *', durationMs: 2 * H }], [{ startMs: at('2026-12-24T23:00:00Z'), endMs: at('2026-12-25T23:00:00Z') }]),
      instant: '2026-12-26T07:30:00Z',
      open: true,
    },
    { name: 'no windows: never open', schedule: schedule('UTC', []), instant: '2026-12-01T00:00:00Z', open: false },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} WHEN evaluated at ${c.instant} THEN ${c.open ? 'open' : 'closed'}`, () => {
      expect(isScheduleOpen(c.schedule, at(c.instant))).to.equal(c.open);
    });
  }
});

describe('schedule: transitions across daylight-saving switches', () => {
  it('GIVEN a daily 08:00 Berlin show WHEN the clocks spring forward (29 March 2026) THEN it opens at 07:00 UTC before and 06:00 UTC after', () => {
    const s = schedule('Europe/Berlin', [{ cron: '0 8 * * *', durationMs: 2 * H }]);
    const got = scheduleTransitions(s, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z')).map((t) => `${t.opens ? 'open' : 'close'} ${iso(t.atMs)}`);
    expect(got).to.deep.equal(['open 2026-03-28T07:00:00Z', 'close 2026-03-28T09:00:00Z', 'open 2026-03-29T06:00:00Z', 'close 2026-03-29T08:00:00Z']);
  });

  it('GIVEN a daily 02:30 Berlin window WHEN 02:30 does not exist (spring forward) THEN it opens once that day, at 03:00 local', () => {
    const s = schedule('Europe/Berlin', [{ cron: '30 2 * * *', durationMs: H }]);
    const opens = scheduleTransitions(s, at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z')).filter((t) => t.opens);
    expect(opens.map((t) => iso(t.atMs))).to.deep.equal(['2026-03-29T01:00:00Z']);
  });

  it('GIVEN a daily 01:30 New York window WHEN 01:30 happens twice (fall back, 1 November 2026) THEN it opens once', () => {
    const s = schedule('America/New_York', [{ cron: '30 1 * * *', durationMs: 30 * 60_000 }]);
    const opens = scheduleTransitions(s, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z')).filter((t) => t.opens);
    expect(opens).to.have.length(1);
  });

  it('GIVEN a New York 20:00 show WHEN the clocks fall back THEN it opens at 00:00 UTC before and 01:00 UTC after', () => {
    const s = schedule('America/New_York', [{ cron: '0 20 * * *', durationMs: H }]);
    const opens = scheduleTransitions(s, at('2026-10-31T12:00:00Z'), at('2026-11-02T12:00:00Z'))
      .filter((t) => t.opens)
      .map((t) => iso(t.atMs));
    expect(opens).to.deep.equal(['2026-11-01T00:00:00Z', '2026-11-02T01:00:00Z']);
  });

  it('GIVEN overlapping windows WHEN they chain THEN the schedule opens once and closes once', () => {
    const s = schedule('UTC', [
      { cron: '0 8 * * *', durationMs: 2 * H },
      { cron: '0 9 * * *', durationMs: 2 * H },
    ]);
    const got = scheduleTransitions(s, at('2026-12-01T00:00:00Z'), at('2026-12-01T23:00:00Z')).map((t) => `${t.opens} ${iso(t.atMs)}`);
    expect(got).to.deep.equal(['true 2026-12-01T08:00:00Z', 'false 2026-12-01T11:00:00Z']);
  });

  it('GIVEN a deny inside an open window WHEN listed THEN it closes at the deny and reopens after it', () => {
    const s = schedule('UTC', [{ cron: '0 8 * * *', durationMs: 4 * H }], [{ startMs: at('2026-12-01T09:00:00Z'), endMs: at('2026-12-01T10:00:00Z') }]);
    const got = scheduleTransitions(s, at('2026-12-01T00:00:00Z'), at('2026-12-01T23:00:00Z')).map((t) => `${t.opens} ${iso(t.atMs)}`);
    expect(got).to.deep.equal(['true 2026-12-01T08:00:00Z', 'false 2026-12-01T09:00:00Z', 'true 2026-12-01T10:00:00Z', 'false 2026-12-01T12:00:00Z']);
  });

  it('GIVEN a yearly window WHEN asked for the next transition THEN it is found months ahead', () => {
    const s = schedule('UTC', [{ cron: '0 18 24 12 *', durationMs: 2 * H }]);
    const next = nextScheduleTransition(s, at('2026-01-10T00:00:00Z'));
    expect(next && iso(next.atMs)).to.equal('2026-12-24T18:00:00Z');
    expect(next?.opens).to.equal(true);
  });

  it('GIVEN a window that already closed for good WHEN asked for the next transition THEN there is none', () => {
    const s = schedule('UTC', [{ startMs: at('2026-01-01T00:00:00Z'), endMs: at('2026-01-02T00:00:00Z') }]);
    expect(nextScheduleTransition(s, at('2026-06-01T00:00:00Z'))).to.equal(undefined);
  });
});

describe('schedule: parsing helpers', () => {
  it('GIVEN cron expressions WHEN checked THEN bad ones are named and never-matching ones found', () => {
    expect(cronError('0 8 * * MON-FRI')).to.equal(undefined);
    expect(cronError('0 25 * * *')).to.be.a('string');
    expect(cronError('every morning')).to.be.a('string');
    expect(cronEverMatches('0 0 30 2 *', 'UTC')).to.equal(false);
    expect(cronEverMatches('0 0 29 2 *', 'UTC')).to.equal(true);
  });

  it('GIVEN time zone names WHEN checked THEN IANA names pass and others fail', () => {
    expect(isKnownTimeZone('Europe/Berlin')).to.equal(true);
    expect(isKnownTimeZone('UTC')).to.equal(true);
    expect(isKnownTimeZone('Mars/Olympus')).to.equal(false);
  });

  it('GIVEN instants with and without an offset WHEN parsed THEN local ones are read in the zone, daylight saving included', () => {
    expect(parseScheduleInstant('2026-12-24T18:00:00+01:00', 'UTC')).to.equal(at('2026-12-24T17:00:00Z'));
    expect(parseScheduleInstant('2026-12-24T18:00:00Z', 'Europe/Berlin')).to.equal(at('2026-12-24T18:00:00Z'));
    expect(parseScheduleInstant('2026-12-24T18:00:00', 'Europe/Berlin')).to.equal(at('2026-12-24T17:00:00Z'));
    expect(parseScheduleInstant('2026-07-01T18:00:00', 'Europe/Berlin')).to.equal(at('2026-07-01T16:00:00Z'));
    expect(parseScheduleInstant('24.12.2026 18:00', 'UTC')).to.equal(undefined);
    expect(parseScheduleInstant('2026-13-40T18:00:00Z', 'UTC')).to.equal(undefined);
  });

  it('GIVEN an instant WHEN formatted for a zone THEN it reads as local time with the zone abbreviation', () => {
    expect(formatScheduleInstant(at('2026-12-01T07:00:00Z'), 'Europe/Berlin')).to.equal('2026-12-01 08:00 CET');
    expect(formatScheduleInstant(at('2026-07-01T06:00:00Z'), 'Europe/Berlin')).to.equal('2026-07-01 08:00 CEST');
  });
});
