import { expect } from 'chai';
import { formatDuration, parseDuration } from '../cli/duration.js';
import { UserError } from '../core/model/diagnostics.js';

describe('--wait-timeout durations', () => {
  const valid: [string, number][] = [
    ['90s', 90_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    [' 45s ', 45_000],
  ];
  for (const [text, ms] of valid) it(`GIVEN "${text}" WHEN parsed THEN ${ms} ms`, () => expect(parseDuration(text)).to.equal(ms));

  for (const text of ['', '90', 'soon', '2 m', '-1s', '1m30', 's']) {
    it(`GIVEN "${text}" WHEN parsed THEN a UserError naming the flag`, () => {
      expect(() => parseDuration(text)).to.throw(UserError, /--wait-timeout expects a duration/);
    });
  }

  const shown: [number, string][] = [
    [0, '0.0s'],
    [3240, '3.2s'],
    [59_949, '59.9s'],
    [65_000, '1m05s'],
    [600_000, '10m00s'],
  ];
  for (const [ms, text] of shown) it(`GIVEN ${ms} ms WHEN formatted THEN "${text}"`, () => expect(formatDuration(ms)).to.equal(text));
});
