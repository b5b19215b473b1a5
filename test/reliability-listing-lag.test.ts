// Listing lag, small: with ListCompositions 2 s behind, apply/plan rounds start nothing twice and
// the plan right after each apply shows no changes (reliability/run.ts runs 50 rounds).
import { expect } from 'chai';
import { runListingLagScenario } from '../reliability/listing-lag.js';

describe('reliability: listing lag', function () {
  this.timeout(120_000);

  it('GIVEN ListCompositions 2 s behind WHEN 3 apply/plan rounds (creations, replacements, a restart) THEN every figure passes', async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const figures = await runListingLagScenario({ rounds: 3, stages: 2 });
    expect(figures.filter((f) => !f.pass)).to.deep.equal([]);
  });
});
