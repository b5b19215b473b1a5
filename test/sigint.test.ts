// Interrupting a real `stageform apply` process: the first SIGINT/SIGTERM finishes the calls in
// flight and reports; a second one exits at once. Either way a re-run converges.
import { expect } from 'chai';
import { until, useCliTestBed } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('interrupting stageform apply (built CLI, emulator)', function () {
  this.timeout(60_000);
  const bed = useCliTestBed();
  const { run, start } = bed;

  const starts = (): number => bed.handle.emulator.callCounts().calls.StartComposition ?? 0;

  it('GIVEN a slow StartComposition in flight WHEN SIGTERM arrives THEN apply waits for it, reports it and exits 130', async () => {
    bed.handle.emulator.configureFaults({ StartComposition: { latencyMs: 800 } });
    const cli = start('apply', '--auto-approve', '--parallelism', '1', '.');
    await until(() => starts() >= 1);
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    expect(result.code).to.equal(130);
    // The start in flight finished and is reported; nothing else was started.
    expect(result.stdout).to.match(/ {2}\+ \S+: started arn:/);
    expect(result.stdout).to.match(/Apply interrupted: 0 failed, 3 skipped\. Resources: 1 added/);
    expect(starts()).to.equal(1);
  });

  it('GIVEN a first SIGINT is being honoured WHEN a second SIGINT arrives THEN the process exits 130 at once', async () => {
    // The start in flight takes 15 s: exiting well before it answers is exiting at once, with room
    // for a loaded machine.
    bed.handle.emulator.configureFaults({ StartComposition: { latencyMs: 15_000 } });
    const cli = start('apply', '--auto-approve', '--parallelism', '1', '.');
    await until(() => starts() >= 1);
    cli.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    const second = Date.now();
    cli.child.kill('SIGINT');
    const result = await cli.done;
    expect(result.code).to.equal(130);
    expect(Date.now() - second).to.be.lessThan(8000);
    expect(result.stderr).to.include('Interrupted again: exiting now.');

    bed.handle.emulator.configureFaults({});
    const rerun = await run('apply', '--auto-approve', '.');
    expect(rerun.code, rerun.stderr).to.equal(0);
    const running = bed.handle.emulator.compositions().filter((c) => c.state === 'ACTIVE' || c.state === 'STARTING');
    expect(running.map((c) => c.tags['stageform:address']).sort()).to.deep.equal(['news/program', 'news/recording', 'show/program', 'show/recording']);
  });
});
