// `stageform reconcile` as users run it: the built CLI against the emulator (real clock, short
// start and stop delays). --once exit codes, the budget's refusal, and the loop's log lines,
// /healthz, /metrics and SIGTERM.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestYaml, until, useCliTestBed } from './helpers/projects.js';

describe('stageform reconcile (built CLI, emulator)', function () {
  this.timeout(60_000);
  const bed = useCliTestBed();

  it('--once: 0 when live matches after the pass; 2 when a spec change is held under --heal; --sync applies it', async () => {
    const first = await bed.run('reconcile', '--once');
    expect(first.code, first.stderr).to.equal(0);
    expect(bed.runningByAddress()).to.deep.equal({ 'news/program': 1, 'news/recording': 1, 'show/program': 1, 'show/recording': 1 });
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.event === 'action').map((l) => [l.address, l.outcome])).to.deep.equal([
      ['news/program', 'started'],
      ['news/recording', 'started'],
      ['show/program', 'started'],
      ['show/recording', 'started'],
    ]);
    expect(lines.at(-1)).to.include({ event: 'tick', status: 'in-sync' });

    writeFileSync(join(bed.project.dir, 'stages', 'news.yaml'), manifestYaml('news', 'News1', [{ name: 'program', channel: 'ChanNews1', gridGap: 3 }, { name: 'recording', s3: true, gridGap: 6 }]));
    const held = await bed.run('reconcile', '--once');
    expect(held.code, held.stderr).to.equal(2);
    expect(held.stdout).to.contain('"reason":"policy"');
    const synced = await bed.run('reconcile', '--once', '--sync');
    expect(synced.code, synced.stderr).to.equal(0);
    expect(synced.stdout).to.contain('"outcome":"replaced"');
  });

  it('--once: preflight reads only what the pass starts: a held change naming a missing channel is held (2), not a failed pass', async () => {
    const first = await bed.run('reconcile', '--once');
    expect(first.code, first.stderr).to.equal(0);

    // The program now names a channel that does not exist: a replacement --heal holds.
    writeFileSync(join(bed.project.dir, 'stages', 'news.yaml'), manifestYaml('news', 'News1', [{ name: 'program', channel: 'ChanGone' }, { name: 'recording', s3: true, gridGap: 6 }]));
    const held = await bed.run('reconcile', '--once');
    expect(held.code, held.stderr).to.equal(2);
    expect(held.stdout).to.contain('"reason":"policy"');
    // --sync would start it: preflight refuses the pass before anything is stopped.
    const synced = await bed.run('reconcile', '--once', '--sync');
    expect(synced.code).to.equal(1);
    expect(synced.stdout + synced.stderr).to.contain('CHANNEL_NOT_FOUND');
    expect(bed.runningByAddress()).to.deep.equal({ 'news/program': 1, 'news/recording': 1, 'show/program': 1, 'show/recording': 1 });
  });

  it('refuses an --interval the budget cannot hold, naming the shortest it can', async () => {
    // 5% of the rate limits (one request every 4 s per operation): a tick's reads (listings, and
    // preflight's reads before the first starts) need longer than a second. The measuring pass is
    // paced to the same share, so a smaller share only makes this test slower.
    const run = await bed.run('reconcile', '--budget', '5%', '--interval', '1s');
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('--interval 1s needs more than 5% of the rate limits');
    const shortest = /use --interval (\d+)s or longer/.exec(run.stderr);
    expect(shortest, run.stderr).to.not.equal(null);
    expect(Number(shortest![1])).to.be.greaterThan(1);
    expect(bed.runningByAddress()).to.deep.equal({});
  });

  it('the loop: one JSON line per tick and action, /healthz and /metrics on loopback, SIGTERM exits 0 after the unit in flight', async () => {
    const running = bed.start('reconcile', '--interval', '1s', '--listen', '127.0.0.1:0');
    let out = '';
    running.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const records = (): Record<string, unknown>[] => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    await until(() => records().filter((r) => r.event === 'tick').length >= 2, 30_000);
    const port = records().find((r) => r.event === 'listen')!.port as number;
    const start = records().find((r) => r.event === 'start')!;
    expect(start).to.include({ policy: 'heal', intervalSeconds: 1, budgetShare: 0.5 });

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).to.equal(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).to.match(/stageform_reconcile_ticks_total\{result="in-sync"\} [1-9]/);
    expect(metrics).to.match(/stageform_reconcile_actions_total\{action="create",result="started"\} 4/);
    expect(metrics).to.match(/stageform_api_calls_total\{operation="ListStages"\} [1-9]/);
    expect(metrics).to.contain('stageform_reconcile_duration_seconds_bucket');
    expect(metrics).to.contain('stageform_reconcile_backoff_addresses 0');

    // A composition FAILS; the loop replaces it within a tick.
    const arn = bed.handle.emulator.compositions().find((c) => c.tags['stageform:address'] === 'show/program')!.arn;
    bed.handle.emulator.failComposition(arn);
    await until(() => records().some((r) => r.event === 'action' && r.address === 'show/program' && r.outcome === 'replaced'), 20_000);

    running.child.kill('SIGTERM');
    const done = await running.done;
    expect(done.code, done.stderr).to.equal(0);
    expect(records().at(-1)).to.include({ event: 'stop' });
    expect(bed.runningByAddress()).to.deep.equal({ 'news/program': 1, 'news/recording': 1, 'show/program': 1, 'show/recording': 1 });
  });
});
