// The small version of reliability/reconcile-kill.ts (`npm run reliability` runs it at full size):
// the built CLI's reconcile loop as a real process, SIGKILLed and restarted while shows come and go.
import { expect } from 'chai';
import type { Figure } from '../reliability/harness.js';
import { runReconcileKillScenario } from '../reliability/reconcile-kill.js';

function failing(figures: readonly Figure[]): string[] {
  return figures.filter((f) => !f.pass).map((f) => `${f.figure} = ${f.value} (target ${f.target}) ${(f.details ?? []).join('; ')}`);
}

describe('reliability: the reconcile loop as a process, SIGKILLed and restarted (small)', function () {
  // Real time: about 30 s of shows; the bounds leave seconds of slack for a loaded machine.
  this.timeout(180_000);
  it('GIVEN shows coming and going on 2 stages, destination failures and 20-second limit stops WHEN the built CLI is SIGKILLed at random, right after a StartComposition and mid stop-first replacement, and restarted THEN no duplicate, nothing unmanaged written, every gap within the loop\'s down time + one tick + start, the cut replacement finished', async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const figures = await runReconcileKillScenario({ kills: 3, showStages: 2, slackMs: 5000, startDelayMs: 1000, stopDelayMs: 1000 });
    expect(failing(figures)).to.deep.equal([]);
    expect(figures[0].value).to.match(/^3 kills \(1 random, 1 after a StartComposition, 1 mid stop-first replacement, 0 fallen back to random\); 3 restarts/);
  });
});
