import { expect } from 'chai';
import { buildPlan } from '../core/plan/build-plan.js';
import { buildDriftReport, isDrifted, renderDriftLine } from '../core/render/drift-summary.js';
import { scenarioNamed } from './helpers/scenarios.js';

describe('drift summary line and exit decision', () => {
  const cases: { scenario: string; line: string; drifted: boolean }[] = [
    { scenario: 'no-op', line: 'drift: 0 changes, 0 drifted, 0 unmanaged', drifted: false },
    { scenario: 'unmanaged', line: 'drift: 0 changes, 0 drifted, 2 unmanaged', drifted: false },
    { scenario: 'idle-skip', line: 'drift: 0 changes, 0 drifted, 0 unmanaged', drifted: false },
    { scenario: 'reconnecting', line: 'drift: 0 changes, 1 drifted (1 degraded), 0 unmanaged', drifted: true },
    { scenario: 'create', line: 'drift: 2 changes, 0 drifted, 0 unmanaged', drifted: true },
    { scenario: 'failed', line: 'drift: 1 change, 1 drifted (1 failed), 0 unmanaged', drifted: true },
    { scenario: 'idle-start', line: 'drift: 1 change, 1 drifted (1 stopped-idle), 0 unmanaged', drifted: true },
    { scenario: 'tags-edited-outside', line: 'drift: 1 change, 1 drifted (1 tags-changed), 0 unmanaged', drifted: true },
    { scenario: 'many', line: 'drift: 6 changes, 0 drifted, 0 unmanaged', drifted: true },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.scenario} THEN "${c.line}" and ${c.drifted ? 'exit 2' : 'exit 0'}`, () => {
      const s = scenarioNamed(c.scenario);
      const { plan } = buildPlan(s.desired, s.live, {});
      expect(renderDriftLine(plan)).to.equal(c.line + '\n');
      expect(buildDriftReport(plan).drifted).to.equal(c.drifted);
      expect(isDrifted(plan)).to.equal(c.drifted);
    });
  }
});
