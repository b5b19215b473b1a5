import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runShowCommand } from '../cli/commands/show.js';
import type { CliIo } from '../cli/io.js';
import { buildPlan } from '../core/plan/build-plan.js';
import { UserError } from '../core/model/diagnostics.js';
import type { PlanProvenance } from '../core/model/plan.js';
import { renderPlanHuman } from '../core/render/human.js';
import { renderPlanJson } from '../core/render/json.js';
import { createSavedPlan, parseSavedPlan, serializeSavedPlan } from '../core/plan/saved-plan.js';
import { scenarioNamed } from './helpers/scenarios.js';

const PROVENANCE: PlanProvenance = { manifestDigest: 'd1', project: 'studio', regions: ['us-east-1'], endpoint: '', liveFingerprint: 'f1', manifests: [] };
const s = scenarioNamed('replace-stop-first');
const plan = buildPlan(s.desired, s.live, {}).plan;
const text = serializeSavedPlan(createSavedPlan(plan, PROVENANCE));

function edited(edit: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(text);
  edit(doc);
  return JSON.stringify(doc);
}

describe('saved plans', () => {
  it('GIVEN a saved plan THEN it round-trips through the one serializer byte for byte', () => {
    const parsed = parseSavedPlan(text, 'p.sfplan');
    expect(parsed.plan).to.deep.equal(plan);
    expect(serializeSavedPlan(parsed)).to.equal(text);
    expect(JSON.parse(text).plan).to.deep.equal(JSON.parse(renderPlanJson(plan)));
  });

  it('GIVEN a replacement THEN the file keeps the documented action "replace" with its replaceOrder, and reads back as replace-stop-first', () => {
    expect(plan.changes.map((c) => c.action)).to.include('replace-stop-first');
    const written = JSON.parse(text).plan.changes.find((c: { address: string }) => c.address === plan.changes.find((p) => p.action === 'replace-stop-first')?.address);
    expect([written.action, written.replaceOrder]).to.deep.equal(['replace', 'stop-first']);
  });

  it('GIVEN a 1.0 plan (no summary counts per action and kind) THEN it is read and the counts are made as build-plan makes them', () => {
    const parsed = parseSavedPlan(
      edited((d) => {
        d.formatVersion = '1.0';
        d.plan.formatVersion = '1.0';
        for (const key of ['changes', 'actions', 'driftByKind']) delete d.plan.summary[key];
      }),
      'p.sfplan',
    );
    expect(parsed.plan.summary).to.deep.equal(plan.summary);
  });

  it('GIVEN a newer minor version with extra fields THEN it is read, extra fields kept', () => {
    const parsed = parseSavedPlan(edited((d) => ((d.formatVersion = '1.7'), (d.plan.newField = 1))), 'p.sfplan');
    expect((parsed.plan as unknown as { newField: number }).newField).to.equal(1);
  });

  const bad: { name: string; text: string; code: string; message: RegExp }[] = [
    { name: 'not JSON', text: 'plan: yes', code: 'INVALID_PLAN_FILE', message: /p\.sfplan is not a stageform plan: it is not valid JSON/ },
    { name: 'another kind', text: '{"kind":"terraform-plan"}', code: 'INVALID_PLAN_FILE', message: /"kind" is not "stageform-plan"/ },
    { name: 'a future major version', text: edited((d) => (d.formatVersion = '2.0')), code: 'UNSUPPORTED_PLAN_VERSION', message: /plan format 2\.0; this stageform reads 1\.x/ },
    { name: 'no provenance', text: edited((d) => delete d.provenance), code: 'INVALID_PLAN_FILE', message: /"provenance" is missing/ },
    { name: 'an unknown action', text: edited((d) => (d.plan.changes[0].action = 'recreate')), code: 'INVALID_PLAN_FILE', message: /changes\[0\]\.action" is not one of/ },
    { name: 'a replacement without order', text: edited((d) => delete d.plan.changes[0].replaceOrder), code: 'INVALID_PLAN_FILE', message: /replaceOrder" must be/ },
    { name: 'a project that differs from its provenance', text: edited((d) => (d.plan.project = 'other')), code: 'INVALID_PLAN_FILE', message: /does not match its provenance/ },
  ];
  for (const c of bad) {
    it(`GIVEN ${c.name} THEN ${c.code} with a clear message`, () => {
      let caught: unknown;
      try {
        parseSavedPlan(c.text, 'p.sfplan');
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(UserError);
      expect((caught as UserError).code).to.equal(c.code);
      expect((caught as UserError).message).to.match(c.message);
    });
  }
});

describe('show command (in-process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stageform-show-'));
    writeFileSync(join(dir, 'p.sfplan'), text);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function io(tty: boolean, env: NodeJS.ProcessEnv = {}): CliIo & { out: () => string; err: () => string } {
    let out = '';
    let err = '';
    return {
      stdout: { write: (c: string) => (out += c), isTTY: tty },
      stderr: { write: (c: string) => (err += c), isTTY: tty },
      cwd: dir,
      env,
      out: () => out,
      err: () => err,
    };
  }

  const cases: { name: string; tty: boolean; opts: Record<string, unknown>; env?: NodeJS.ProcessEnv; expected: () => string }[] = [
    { name: 'not a terminal: no colour', tty: false, opts: {}, expected: () => renderPlanHuman(plan, { color: false }) },
    { name: 'a terminal: colour', tty: true, opts: {}, expected: () => renderPlanHuman(plan, { color: true }) },
    { name: 'a terminal with --no-color', tty: true, opts: { color: false }, expected: () => renderPlanHuman(plan, { color: false }) },
    { name: 'a terminal with NO_COLOR', tty: true, opts: {}, env: { NO_COLOR: '1' }, expected: () => renderPlanHuman(plan, { color: false }) },
    { name: '--json on a terminal', tty: true, opts: { json: true }, expected: () => renderPlanJson(plan) },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} WHEN show THEN exactly the matching rendering, exit 0`, async () => {
      const streams = io(c.tty, c.env);
      expect(await runShowCommand('p.sfplan', c.opts, streams)).to.equal(0);
      expect(streams.out()).to.equal(c.expected());
      expect(streams.err()).to.equal('');
    });
  }
});
