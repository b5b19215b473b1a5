import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, ROOT, runNode } from '../bench/child.js';
import { runEventHintBench } from '../bench/event-hint-bench.js';
import { measureMemory, renderEventHint } from '../bench/reconcile-bench.js';
import { computeFloor, computeRatio, median, publishedRateOf } from '../bench/floor.js';

describe('bench floor arithmetic', () => {
  it('GIVEN calls of several operations WHEN the floor is computed THEN the slowest operation at its quota sets it, plus one round trip', () => {
    // GetComposition: 100 / 5 = 20 s; ListStages: 10 / 5 = 2 s; TagResource: 30 / 10 = 3 s.
    const floor = computeFloor({ ListStages: 10, ListCompositions: 1, GetComposition: 100, TagResource: 30 }, 25);
    expect(floor.bindingOperation).to.equal('GetComposition');
    expect(floor.floorMs).to.equal(20_025);
    expect(floor.perOperationMs).to.deep.equal({ GetComposition: 20_000, ListCompositions: 200, ListStages: 2_000, TagResource: 3_000 });
  });

  it('GIVEN tag operations WHEN rated THEN they get 10 requests/s and the rest 5', () => {
    const table: [string, number][] = [
      ['TagResource', 10],
      ['UntagResource', 10],
      ['ListTagsForResource', 10],
      ['StartComposition', 5],
      ['GetStage', 5],
      ['ListStages', 5],
    ];
    for (const [operation, rate] of table) expect(publishedRateOf(operation), operation).to.equal(rate);
  });

  it('GIVEN tag calls outnumbering others WHEN the floor is computed THEN the tag quota is used', () => {
    const floor = computeFloor({ TagResource: 40, StartComposition: 15 }, 0);
    expect(floor.bindingOperation).to.equal('TagResource');
    expect(floor.floorMs).to.equal(4_000);
  });

  it('GIVEN no calls WHEN the floor is computed THEN it is zero and no ratio is given', () => {
    const floor = computeFloor({ ListStages: 0 }, 25);
    expect(floor).to.deep.equal({ floorMs: 0, bindingOperation: '', perOperationMs: {} });
    expect(computeRatio(1_000, floor.floorMs)).to.equal(undefined);
  });

  it('GIVEN a wall time and a floor WHEN compared THEN the ratio is wall / floor', () => {
    expect(computeRatio(23_000, 20_000)).to.equal(1.15);
  });

  it('GIVEN odd and even counts of runs WHEN the median is taken THEN it is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(() => median([])).to.throw(RangeError);
  });
});

describe('npm run bench: arguments', () => {
  it('GIVEN a misspelt flag WHEN the bench starts THEN it says so and exits 1 before any work', async () => {
    const run = await runNode([join(ROOT, 'dist', 'bench', 'run.js'), '--quik'], { cwd: ROOT, env: cliEnv('') });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/^bench failed: Unknown option '--quik'/);
    expect(run.stdout).to.equal('');
  });

  it('GIVEN bench:plan with --runs abc WHEN it starts THEN it names the flag in one line and exits 1, not a stack trace or a run of no runs', async () => {
    const run = await runNode([join(ROOT, 'dist', 'bench', 'plan-rows.js'), '--runs', 'abc'], { cwd: ROOT, env: cliEnv('') });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal('plan-rows failed: --runs must be a whole number of at least 1, got "abc"\n');
    expect(run.stdout).to.equal('');
  });
});

describe('npm run bench: the event-hint row, small', function () {
  // Real clock: three sessions of a publish, a 1 s start, a stop; a loaded machine makes it slower, never wrong.
  this.timeout(180_000);

  it('GIVEN the emulator posting its events to the Lambda handler in a child WHEN publishers join idle stages THEN every session is measured from the hint alone, each event read as a targeted pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stageform-hint-test-'));
    try {
      const r = await runEventHintBench({ shape: { stages: 20, compositions: 4 }, sessions: 3, dir, faults: { '*': { latencyMs: 5, jitterMs: 5, rateLimit: true } } });
      expect(r.samples).to.equal(3);
      // The emulator's STARTING -> ACTIVE, and nothing is ACTIVE sooner after a publish than that.
      expect(r.startP95Ms).to.equal(1000);
      expect(r.p50Ms).to.be.at.least(r.startP50Ms);
      expect(r.p95Ms).to.be.at.least(r.p50Ms);
      expect(r.targetMs).to.equal(r.startP95Ms + 1000);
      expect(r.pass).to.equal(r.p95Ms <= r.targetMs);
      // No loop and no schedule: every pass was an event's, and every session's start came from one.
      expect(r.fullPasses).to.equal(0);
      expect(r.failedInvocations).to.equal(0);
      expect(r.invocations).to.be.at.least(3);
      expect(r.passP95Ms).to.be.greaterThan(0);
      // An event's pass reads its stage, not the listing of every stage.
      expect(r.callsPerSession.StartComposition).to.equal(1);
      expect(r.callsPerSession.GetStage).to.be.greaterThan(0);
      expect(r.callsPerSession.ListStages ?? 0).to.equal(0);
      const [row, handler] = renderEventHint(r);
      expect(row).to.match(/^ {2}time to composition after the first publisher, event hint alone \(real clock.*: p50 \d+\.\d\d s, p95 \d+\.\d\d s over 3 \(target p95 <= start \(p95 1\.00 s\) \+ 1 s = 2\.00 s (ok|MISSED)\)$/);
      expect(handler).to.include('0 full passes, 0 failed').and.include('StartComposition 1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench steady memory', function () {
  this.timeout(120_000);

  it('GIVEN a few ticks WHEN the child runs with --expose-gc THEN it prints the median of its readings, taken after collecting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stageform-memory-child-'));
    try {
      const run = await runNode(['--expose-gc', join(ROOT, 'dist', 'bench', 'steady-memory-child.js'), join(dir, 'project'), '3', '3'], { cwd: ROOT, env: cliEnv('') });
      expect(run.code, run.stderr).to.equal(0);
      const reading = JSON.parse(run.stdout) as { rssMb: number; readingsMb: number[] };
      expect(reading.readingsMb).to.have.length(3);
      expect(reading.rssMb).to.equal(median(reading.readingsMb));
      expect(reading.rssMb).to.be.greaterThan(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN no --expose-gc THEN the child refuses (exit 2) rather than read RSS without collecting first', async () => {
    const run = await runNode([join(ROOT, 'dist', 'bench', 'steady-memory-child.js'), join(tmpdir(), 'unused'), '3'], { cwd: ROOT, env: cliEnv('') });
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('--expose-gc');
    expect(run.stdout).to.equal('');
  });

  it('GIVEN two sizes WHEN measured THEN each figure comes from fresh children and growth compares the two', async () => {
    const work = mkdtempSync(join(tmpdir(), 'stageform-memory-'));
    const lines: string[] = [];
    try {
      const memory = await measureMemory(work, [2, 4], (line) => lines.push(line));
      expect(memory.ticksA).to.equal(2);
      expect(memory.ticksB).to.equal(4);
      expect(memory.growth).to.be.closeTo(memory.rssBMb / memory.rssAMb - 1, 1e-12);
      expect(memory.pass).to.equal(memory.growth <= 0.1);
      expect(lines).to.have.length(2);
      expect(lines[0]).to.match(/RSS after 2 ticks: [\d.]+ MB \(median of [\d.]+, [\d.]+, [\d.]+\)/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
