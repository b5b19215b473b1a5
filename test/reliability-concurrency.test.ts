// Concurrency: three applies of one project at once leave exactly one composition per address,
// and the losers' errors are one clear line. Also the planner rule the scenario uncovered.
import { expect } from 'chai';
import { buildPlan } from '../core/plan/build-plan.js';
import { idempotencyTokenFor } from '../core/model/ownership.js';
import { runConcurrencyScenario } from '../reliability/concurrency.js';
import { channelDestination, compositionArn, desiredComposition, desiredState, liveFor, liveStage, liveState, PROJECT, s3Destination } from './helpers/builders.js';

describe('reliability: concurrent applies', function () {
  this.timeout(60_000);

  it('GIVEN 3 applies of the same project started at once, 2 rounds THEN every figure passes', async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const figures = await runConcurrencyScenario({ rounds: 2, stages: 3 });
    expect(figures.filter((f) => !f.pass)).to.deep.equal([]);
  });

  // Bug found by the scenario: an apply that observed the predecessor while another apply was
  // stopping it (STOPPING) planned a create whose token named an older predecessor, so both
  // applies started the same spec: two compositions for one address.
  it('GIVEN the old composition is STOPPING (a concurrent stop-first replace) WHEN planning THEN a stop-first replace waits for it and sends the token naming it', () => {
    const input = { address: 'show/program', stage: 'Stage1', destinations: [channelDestination('C1'), s3Destination()] };
    const want = desiredComposition(input);
    const old = desiredComposition({ ...input, layout: { grid: { gridGap: 9 } } });
    const live = liveState(
      [liveStage('Stage1')],
      [
        liveFor(old, { id: 'Older1', state: 'STOPPED', startTime: '2026-01-01T09:00:00.000Z', endTime: '2026-01-01T10:00:00.000Z' }),
        liveFor(old, { id: 'Stopping1', state: 'STOPPING', startTime: '2026-01-01T10:00:01.000Z' }),
      ],
    );
    const { plan } = buildPlan(desiredState([input]), live, {});
    const change = plan.changes.find((c) => c.address === 'show/program');
    expect(change?.action).to.equal('replace-stop-first');
    expect(change?.live?.arn).to.equal(compositionArn('Stopping1'));
    expect(change?.idempotencyToken).to.equal(idempotencyTokenFor(PROJECT, 'show/program', want.specHash, compositionArn('Stopping1')));
  });
});
