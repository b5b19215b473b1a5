// plan, drift and apply with and without --refresh-all through the built CLI against the emulator:
// the same output, fewer GetComposition calls by default.
import { expect } from 'chai';
import { join } from 'node:path';
import type { BuiltCliRun } from '../bench/child.js';
import { DEFAULT_STAGES, useCliTestBed } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('--refresh-all (built CLI, emulator)', function () {
  this.timeout(30_000);
  const bed = useCliTestBed({ once: true });
  const { run } = bed;

  before(async () => {
    const applied = await bed.runInProcess('apply', '--auto-approve', '.');
    expect(applied.code, applied.stderr).to.equal(0);
  });

  /** Runs one command alone, counting the GetComposition calls it made. */
  async function runCounted(...args: string[]): Promise<{ result: BuiltCliRun; gets: number }> {
    bed.handle.emulator.resetCounters();
    const result = await run(...args);
    return { result, gets: bed.handle.emulator.callCounts().calls.GetComposition ?? 0 };
  }

  it('GIVEN an applied project WHEN plan --json with and without --refresh-all THEN byte-identical output, and GetComposition only with the flag', async () => {
    const attested = await runCounted('plan', '--json', '.');
    const full = await runCounted('plan', '--json', '--refresh-all', '.');
    expect(attested.result.code, attested.result.stderr).to.equal(0);
    expect(full.result.code, full.result.stderr).to.equal(0);
    expect(attested.result.stdout).to.equal(full.result.stdout);
    expect(JSON.parse(attested.result.stdout).summary).to.include({ add: 0, change: 0, destroy: 0, noop: 4 });
    expect([attested.gets, full.gets]).to.deep.equal([0, 4]);
  });

  it('GIVEN changed tags in the manifests WHEN plan --json and drift with and without --refresh-all THEN the same update-tags plan and drift line', async () => {
    bed.project.writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1', s3: true, tags: { tier: 'gold' } }, DEFAULT_STAGES.show.compositions[1]]);
    try {
      const [plan, planFull, drift, driftFull] = await Promise.all([
        run('plan', '--json', '.'),
        run('plan', '--json', '--refresh-all', '.'),
        run('drift', '.'),
        run('drift', '--refresh-all', '.'),
      ]);
      expect(plan.code, plan.stderr).to.equal(0);
      expect(plan.stdout).to.equal(planFull.stdout);
      const changes = (JSON.parse(plan.stdout) as { changes: { address: string; action: string }[] }).changes.filter((c) => c.action !== 'no-op');
      expect(changes.map((c) => `${c.address} ${c.action}`)).to.deep.equal(['show/program update-tags']);
      expect(drift.code).to.equal(2);
      expect(drift.stdout).to.equal(driftFull.stdout);
    } finally {
      bed.project.writeManifest('show', 'Show1', DEFAULT_STAGES.show.compositions);
    }
  });

  it('GIVEN a plan saved without --refresh-all WHEN applied with it THEN the live fingerprints agree and apply runs', async () => {
    bed.project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1', tags: { tier: 'gold' } }, DEFAULT_STAGES.news.compositions[1]]);
    const saved = await run('plan', '--out', 'tags.sfplan', '.');
    expect(saved.code, saved.stderr).to.equal(0);
    const applied = await run('apply', '--refresh-all', join(bed.project.dir, 'tags.sfplan'));
    expect(applied.stderr).not.to.match(/stale/i);
    expect(applied.code, applied.stderr).to.equal(0);
    expect(applied.stdout).to.contain('news/program');
    const after = await run('plan', '--detailed-exitcode', '.');
    expect(after.code, after.stdout).to.equal(0);
  });
});
