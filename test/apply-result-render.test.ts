// Golden files for the apply result renderings (see helpers/golden.ts: UPDATE_GOLDEN=1 rewrites them).
import { expect } from 'chai';
import { apiErrorName, type ApplyActionResult, type ApplyResult } from '../core/model/apply-result.js';
import { renderApplyResult, renderApplyResultJson } from '../core/render/apply-result.js';
import { expectGolden } from './helpers/golden.js';

const STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/Show1';
const arn = (id: string) => `arn:aws:ivs:us-east-1:123456789012:composition/${id}`;

function action(address: string, fields: Partial<ApplyActionResult> & Pick<ApplyActionResult, 'action' | 'outcome'>): ApplyActionResult {
  return { address, region: 'us-east-1', stageArn: STAGE, durationMs: 1234, ...fields };
}

function result(results: ApplyActionResult[], interrupted = false): ApplyResult {
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  const summary = {
    added: count('started') + count('replaced'),
    changed: count('tagged'),
    destroyed: count('stopped') + count('replaced'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
  return { project: 'studio', results, summary, interrupted, complete: summary.failed + summary.skipped === 0, durationMs: 5000 };
}

const CASES: { name: string; result: ApplyResult }[] = [
  {
    name: 'complete',
    result: result([
      action('show/adopted', { action: 'create', outcome: 'started', arn: arn('Adp1'), state: 'ACTIVE', adopted: true }),
      action('show/new', { action: 'create', outcome: 'started', arn: arn('New1'), state: 'ACTIVE' }),
      action('show/old', { action: 'delete', outcome: 'stopped', stoppedArn: arn('Old1') }),
      action('show/program', { action: 'replace-stop-first', outcome: 'replaced', stoppedArn: arn('Prg1'), arn: arn('Prg2'), state: 'STARTING' }),
      action('show/tags', { action: 'update-tags', outcome: 'tagged', arn: arn('Tag1') }),
    ]),
  },
  {
    name: 'incomplete',
    result: result([
      action('news/program', { action: 'create', outcome: 'failed', error: { code: apiErrorName('ResourceNotFoundException'), message: 'channel not found' } }),
      action('news/program-backup', { action: 'create', outcome: 'skipped', skippedBecause: 'news/program' }),
      action('show/program', { action: 'replace-stop-first', outcome: 'failed', stoppedArn: arn('Prg1'), arn: arn('Prg2'), error: { code: 'CompositionFailed', message: `${arn('Prg2')} is FAILED (destinations: live=FAILED, archive=ACTIVE)` } }),
      action('show/recording', { action: 'create', outcome: 'started', arn: arn('Rec1'), state: 'ACTIVE' }),
    ]),
  },
  {
    name: 'rollback',
    result: result([
      action('morning-show/program', {
        action: 'replace-stop-first',
        outcome: 'failed',
        stoppedArn: arn('Prg1'),
        error: { code: apiErrorName('ResourceNotFoundException'), message: 'Encoder configuration not found: arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Gone' },
        rollback: { outcome: 'rolled-back', arn: arn('Prg3'), channelArns: ['arn:aws:ivs:us-east-1:123456789012:channel/Main'], outageMs: 4210 },
      }),
      action('morning-show/recording', { action: 'create', outcome: 'started', arn: arn('Rec1'), state: 'ACTIVE' }),
    ]),
  },
  {
    name: 'rollback-failed',
    result: result([
      action('evening-show/program', {
        action: 'replace-stop-first',
        outcome: 'failed',
        stoppedArn: arn('Eve1'),
        error: { code: apiErrorName('InternalServerException'), message: 'Injected internal error' },
        rollback: {
          outcome: 'failed',
          error: { code: apiErrorName('AccessDeniedException'), message: 'not authorized to perform ivs:StartComposition' },
          channelArns: ['arn:aws:ivs:us-east-1:123456789012:channel/Eve'],
          outageMs: 2050,
        },
      }),
      action('morning-show/program', {
        action: 'replace-stop-first',
        outcome: 'failed',
        stoppedArn: arn('Prg1'),
        error: { code: apiErrorName('ServiceQuotaExceededException'), message: 'quota' },
        rollback: { outcome: 'rolled-back', arn: arn('Prg3'), channelArns: [], outageMs: 900 },
      }),
    ]),
  },
  {
    name: 'degraded',
    result: {
      ...result([
        action('show/program', {
          action: 'create',
          outcome: 'started',
          arn: arn('Prg2'),
          state: 'ACTIVE',
          unhealthyDestinations: [{ name: 'live', state: 'RECONNECTING' }],
        }),
        action('show/recording', {
          action: 'create',
          outcome: 'failed',
          arn: arn('Rec2'),
          state: 'ACTIVE',
          unhealthyDestinations: [{ name: 'archive', state: 'FAILED' }],
          error: { code: 'DestinationUnhealthy', message: `${arn('Rec2')} is ACTIVE but destination archive is FAILED` },
        }),
      ]),
      complete: false,
    },
  },
  {
    name: 'interrupted',
    result: result([
      action('show/a', { action: 'create', outcome: 'started', arn: arn('A1'), state: 'ACTIVE' }),
      action('show/b', { action: 'create', outcome: 'skipped', skippedBecause: 'interrupted' }),
    ], true),
  },
];

describe('apply result renderers (golden files)', () => {
  for (const { name, result: r } of CASES) {
    it(`GIVEN a ${name} apply WHEN rendered for people THEN it matches ${name}.txt`, () => expectGolden(`apply/${name}.txt`, renderApplyResult(r, { color: false })));
    it(`GIVEN a ${name} apply WHEN rendered as JSON THEN it matches ${name}.json`, () => expectGolden(`apply/${name}.json`, renderApplyResultJson(r)));
  }

  it('GIVEN colour WHEN rendered THEN symbols and outcomes are coloured; without it THEN no escape codes', () => {
    expect(renderApplyResult(CASES[0].result, { color: true })).to.include('\u001b[32m  +\u001b[0m');
    for (const { result: r } of CASES) expect(renderApplyResult(r, { color: false })).to.not.include('\u001b[');
  });

  it('GIVEN the same result twice WHEN rendered THEN the bytes are identical, with no durations', () => {
    const r = CASES[1].result;
    expect(renderApplyResult(r, { color: false })).to.equal(renderApplyResult(structuredClone(r), { color: false }));
    expect(renderApplyResultJson(r)).to.not.include('durationMs');
  });
});
