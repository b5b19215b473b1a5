// Apply never takes a show off the air: a stop-first replacement is one unit under signals, a start
// that fails after the stop is rolled back, results say what runs, tokens the API remembers do not
// stop a restart, tag writes keep the next plan honest, and a silent endpoint fails in bounded time.
// Built CLI, real SDK, the emulator on a free port.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { cliEnv, ROOT, runBuiltCli } from '../bench/child.js';
import { until, useCliTestBed, type CliTestBed } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ARN = 'arn:aws:ivs:us-east-1:123456789012';
const ADDRESSES = ['news/program', 'news/recording', 'show/program', 'show/recording'];

/** show/program (channel + S3, so stop-first) gets a new grid gap; the rest stays as applied. */
function changeShowProgram(bed: CliTestBed, gridGap: number): void {
  bed.project.writeManifest('show', 'Show1', [
    { name: 'program', channel: 'ChanShow1', s3: true, gridGap },
    { name: 'recording', s3: true },
  ]);
}

function runningFor(bed: CliTestBed, address: string): { arn: string; gridGap: unknown }[] {
  return bed.handle.emulator
    .compositions()
    .filter((c) => (c.state === 'STARTING' || c.state === 'ACTIVE') && c.tags['stageform:address'] === address)
    .map((c) => ({ arn: c.arn, gridGap: (c.layout.grid as { gridGap?: unknown } | undefined)?.gridGap }));
}

describe('apply safety: stop-first replacements and rollback (built CLI, emulator)', function () {
  this.timeout(90_000);
  const bed = useCliTestBed();
  const calls = (op: string): number => bed.handle.emulator.callCounts().calls[op] ?? 0;

  beforeEach(async () => {
    const first = await bed.runInProcess('apply', '--auto-approve', '.');
    expect(first.code, first.stderr).to.equal(0);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`GIVEN a stop-first replacement whose stop was sent WHEN ${signal} arrives THEN the successor is still started, then exit 130`, async () => {
      changeShowProgram(bed, 5);
      bed.handle.emulator.configureFaults({ StopComposition: { latencyMs: 400 }, StartComposition: { latencyMs: 400 } });
      const stopsBefore = calls('StopComposition');
      const cli = bed.start('apply', '--auto-approve', '.');
      await until(() => calls('StopComposition') > stopsBefore);
      cli.child.kill(signal);
      const result = await cli.done;
      expect(result.code, result.stderr).to.equal(130);
      expect(result.stderr).to.include('replacements already stopped start their successor first');
      const running = runningFor(bed, 'show/program');
      expect(running, 'one composition, on the new spec').to.have.length(1);
      expect(running[0].gridGap).to.equal(5);
      expect(result.stdout).to.match(/-\/\+ show\/program: replaced arn:\S+ -> arn:\S+/);
    });
  }

  it('GIVEN a stop-first replacement in flight WHEN a second signal arrives THEN it exits at once and names the address left without a composition', async () => {
    changeShowProgram(bed, 5);
    bed.handle.emulator.configureFaults({ StartComposition: { latencyMs: 5000 } });
    const cli = bed.start('apply', '--auto-approve', '.');
    await until(() => (bed.handle.emulator.callCounts().calls.StartComposition ?? 0) > 4);
    cli.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    cli.child.kill('SIGINT');
    const result = await cli.done;
    expect(result.code).to.equal(130);
    expect(result.stderr).to.match(/Interrupted again: exiting now\. Left without a composition \(stopped, successor not started\): show\/program\./);
  });

  for (const [kind, error] of [
    ['4xx', 'ResourceNotFoundException'],
    ['5xx', 'InternalServerException'],
  ] as const) {
    it(`GIVEN StartComposition fails (${kind}: ${error}) after the stop WHEN applying THEN the previous spec runs again, the outage window comes first, exit 1`, async () => {
      changeShowProgram(bed, 5);
      bed.handle.emulator.configureFaults({ StartComposition: { failRequests: [{ bodyContains: '"gridGap":5', error }] } });
      const result = await bed.run('apply', '--auto-approve', '.');
      expect(result.code, result.stderr).to.equal(1);
      const firstLine = result.stdout.split('\n').find((l) => l.startsWith('show/program:') || l.startsWith('ROLLBACK'));
      expect(firstLine).to.match(
        new RegExp(`^show/program: replacement failed; rolled back to the previous spec \\(arn:\\S+\\); channel ${ARN}:channel/ChanShow1 had no composition for \\d+\\.\\d s$`),
      );
      // It comes before the per-change results.
      expect(result.stdout.indexOf(firstLine!)).to.be.lessThan(result.stdout.indexOf('Apply results:'));
      expect(result.stdout).to.match(new RegExp(`! show/program: failed: ${error}: `));
      expect(result.stdout).to.not.include('Apply complete!');
      const running = runningFor(bed, 'show/program');
      expect(running).to.have.length(1);
      expect(running[0].gridGap).to.equal(2);
    });
  }

  it('GIVEN the start and the rollback both fail WHEN applying THEN ROLLBACK FAILED is the first line, exit 1', async () => {
    changeShowProgram(bed, 5);
    bed.handle.emulator.configureFaults({ StartComposition: { failRequests: [{ stageArn: `${ARN}:stage/Show1`, error: 'AccessDeniedException' }] } });
    const result = await bed.run('apply', '--auto-approve', '.');
    expect(result.code).to.equal(1);
    // The result block (after the plan and a blank line) begins with it.
    const lines = result.stdout.split('\n');
    const resultsAt = lines.indexOf('Apply results:');
    expect(lines[resultsAt - 3]).to.equal('');
    expect(lines[resultsAt - 2]).to.match(/^ROLLBACK FAILED: show\/program: replacement failed and the previous spec could not be started again \(AccessDeniedException: /);
    expect(runningFor(bed, 'show/program')).to.have.length(0);
  });

  it('GIVEN a start-first replacement whose start fails WHEN applying THEN the old composition is never stopped', async () => {
    bed.project.writeManifest('show', 'Show1', [
      { name: 'program', channel: 'ChanShow1', s3: true },
      { name: 'recording', s3: true, gridGap: 7 },
    ]);
    const before = runningFor(bed, 'show/recording');
    bed.handle.emulator.configureFaults({ StartComposition: { failRequests: [{ bodyContains: '"gridGap":7', error: 'ServiceQuotaExceededException' }] } });
    const stops = calls('StopComposition');
    const result = await bed.run('apply', '--auto-approve', '.');
    expect(result.code).to.equal(1);
    expect(calls('StopComposition')).to.equal(stops);
    expect(runningFor(bed, 'show/recording')).to.deep.equal(before);
  });
});

describe('apply safety: honest results (built CLI, emulator)', function () {
  this.timeout(60_000);
  const bed = useCliTestBed();

  it('GIVEN a channel taken by another source during the apply WHEN the start is ACTIVE THEN the change fails naming the FAILED destination, no "Apply complete!"', async () => {
    // The start is slow; meanwhile an outside composition on the other stage takes ChanShow1.
    bed.handle.emulator.configureFaults({ StartComposition: { latencyMs: 600 } });
    const cli = bed.start('apply', '--auto-approve', '--target', 'show/program', '.');
    await until(() => (bed.handle.emulator.callCounts().calls.StartComposition ?? 0) >= 1);
    bed.handle.emulator.handle('StartComposition', {
      stageArn: `${ARN}:stage/News1`,
      destinations: [{ channel: { channelArn: `${ARN}:channel/ChanShow1` } }],
    });
    const result = await cli.done;
    expect(result.code).to.equal(1);
    expect(result.stdout, result.stderr).to.match(/! show\/program: failed: DestinationUnhealthy: arn:\S+ is ACTIVE but destination live is FAILED/);
    expect(result.stdout).to.not.include('Apply complete!');
  });
});

describe('apply safety: --no-wait never reports an ended start as started (built CLI, emulator)', function () {
  this.timeout(60_000);
  const bed = useCliTestBed({ emulator: { idleTimeoutMs: 0 } });

  it('GIVEN a stage with no publisher and a zero idle timeout WHEN applying with --no-wait THEN the STOPPED start fails the change', async () => {
    bed.handle.emulator.leaveParticipant('Show1');
    const result = await bed.run('apply', '--auto-approve', '--no-wait', '--target', 'show/recording', '.');
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/! show\/recording: failed: CompositionStopped: arn:\S+ is STOPPED as it starts/);
    expect(result.stdout).to.not.match(/\+ show\/recording: started/);
  });
});

describe('apply safety: restarts with tokens the API remembers (built CLI, emulator)', function () {
  this.timeout(90_000);
  // Stopped compositions leave the listings after 200 ms; their tokens are remembered (24 h default).
  const bed = useCliTestBed({ emulator: { retentionMs: 200 } });

  it('GIVEN stop, age out of the listing, apply, three times THEN every apply converges with one composition per address', async () => {
    for (let cycle = 1; cycle <= 3; cycle++) {
      const result = await bed.run('apply', '--auto-approve', '.');
      expect(result.code, `cycle ${cycle}: ${result.stdout}${result.stderr}`).to.equal(0);
      expect(bed.runningByAddress()).to.deep.equal(Object.fromEntries(ADDRESSES.map((a) => [a, 1])));
      for (const c of bed.handle.emulator.compositions()) if (c.state === 'ACTIVE' || c.state === 'STARTING') bed.handle.emulator.stopCompositionExternally(c.arn);
      await until(() => bed.handle.emulator.compositions().length === 0);
    }
  });
});

describe('apply safety: tags (built CLI, emulator)', function () {
  this.timeout(60_000);
  const bed = useCliTestBed();
  const many = (last: string): Record<string, string> => {
    const tags: Record<string, string> = {};
    for (let i = 1; i < 47; i++) tags[`k${String(i).padStart(2, '0')}`] = 'v';
    tags[last] = 'v';
    return tags;
  };

  it('GIVEN 47 user tags WHEN a key is renamed THEN apply removes before it adds (50-tag limit) and the next plan is a no-op', async () => {
    bed.project.writeManifest('show', 'Show1', [{ name: 'recording', s3: true, tags: many('k47') }]);
    expect((await bed.runInProcess('apply', '--auto-approve', '--target', 'show/recording', '.')).code).to.equal(0);
    bed.project.writeManifest('show', 'Show1', [{ name: 'recording', s3: true, tags: many('renamed') }]);
    const result = await bed.run('apply', '--auto-approve', '--target', 'show/recording', '.');
    expect(result.code, result.stdout).to.equal(0);
    const plan = await bed.run('plan', '--detailed-exitcode', '--target', 'show/recording', '.');
    expect(plan.code, plan.stdout).to.equal(0);
  });

  it('GIVEN the user tags write fails after the removal WHEN planning again THEN it plans the tag change, not an edit outside stageform', async () => {
    bed.project.writeManifest('show', 'Show1', [{ name: 'recording', s3: true, tags: { team: 'a', old: 'x' } }]);
    expect((await bed.runInProcess('apply', '--auto-approve', '--target', 'show/recording', '.')).code).to.equal(0);
    bed.project.writeManifest('show', 'Show1', [{ name: 'recording', s3: true, tags: { team: 'b' } }]);
    bed.handle.emulator.configureFaults({ TagResource: { failRequests: [{ tag: { key: 'team', value: 'b' }, error: 'AccessDeniedException' }] } });
    const failed = await bed.run('apply', '--auto-approve', '--target', 'show/recording', '.');
    expect(failed.code).to.equal(1);
    const plan = await bed.run('plan', '--target', 'show/recording', '.');
    expect(plan.stdout).to.not.include('outside stageform');
    expect(plan.stdout).to.match(/show\/recording.*will be updated in-place|~ show\/recording/);
    bed.handle.emulator.configureFaults({});
    expect((await bed.run('apply', '--auto-approve', '--target', 'show/recording', '.')).code).to.equal(0);
    expect((await bed.run('plan', '--detailed-exitcode', '--target', 'show/recording', '.')).code).to.equal(0);
  });
});

describe('bounded network (built CLI)', function () {
  this.timeout(60_000);
  let silent: TcpServer;
  const sockets: Socket[] = [];
  let notIvs: Server;

  before(async () => {
    // Accepts connections and never answers.
    silent = createTcpServer((socket) => sockets.push(socket));
    notIvs = createServer((req, res) => {
      if (req.url?.startsWith('/html')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>It works!</body></html>');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await Promise.all([new Promise<void>((r) => silent.listen(0, '127.0.0.1', r)), new Promise<void>((r) => notIvs.listen(0, '127.0.0.1', r))]);
  });
  after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
    notIvs.closeAllConnections();
    notIvs.close();
  });

  it('GIVEN an endpoint that accepts and never answers WHEN planning with --request-timeout 1s THEN one clear line naming the operation and endpoint, within the bound', async () => {
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const began = Date.now();
    const result = await runBuiltCli(['plan', '--request-timeout', '1s', 'examples'], { cwd: ROOT, env: cliEnv(endpoint) });
    const elapsed = Date.now() - began;
    expect(result.code).to.equal(1);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(new RegExp(`^Error: \\w+ failed: NetworkError: \\w+ to ${endpoint.replace(/\./g, '\\.')}: no answer in time after 5 attempts`));
    // 5 attempts of 1 s plus the SDK's back-off (and the CLI's start-up): generously bounded.
    expect(elapsed).to.be.lessThan(30_000);
  });

  it('GIVEN an endpoint answering HTTP 404 with an empty body WHEN planning THEN the error says it is not the IVS API', async () => {
    const endpoint = `http://127.0.0.1:${(notIvs.address() as AddressInfo).port}`;
    const result = await runBuiltCli(['plan', 'examples'], { cwd: ROOT, env: cliEnv(endpoint) });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/failed: NotIvsApi: .* answered \w+ with HTTP 404 and no AWS error in the body \(empty\?\): that is not the IVS Real-Time API/);
    expect(result.stderr).to.not.include('UnknownError');
  });

  it('GIVEN an endpoint answering with an HTML page WHEN planning THEN the error says so', async () => {
    const endpoint = `http://127.0.0.1:${(notIvs.address() as AddressInfo).port}/html`;
    const result = await runBuiltCli(['plan', 'examples'], { cwd: ROOT, env: cliEnv(endpoint) });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/failed: NotIvsApi: .* with HTTP 200 and an HTML page: that is not the IVS Real-Time API/);
  });
});
