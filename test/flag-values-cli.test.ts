// A bad flag value, or a flag the mode would drop, is refused before anything is loaded or
// called: the built CLI against the emulator, whose call counter must stay at 0.
import { expect } from 'chai';
import { readReconcileFlags } from '../cli/commands/reconcile.js';
import { UserError } from '../core/model/diagnostics.js';
import { useCliTestBed } from './helpers/projects.js';

describe('flag values are checked before any AWS call (built CLI, emulator)', function () {
  this.timeout(120_000);
  const bed = useCliTestBed({ once: true });

  const cases: { argv: string[]; error: string; hint?: string }[] = [
    { argv: ['reconcile', '--listen', '99999'], error: 'Error: --listen expects PORT or HOST:PORT, got "99999"', hint: '--listen 9464 (127.0.0.1:9464)' },
    { argv: ['reconcile', '--listen', 'bad_host!:9464'], error: 'Error: --listen expects PORT or HOST:PORT, got "bad_host!:9464"', hint: '--listen 9464' },
    { argv: ['reconcile', '--once', '--listen', '9464'], error: 'Error: --listen is for the loop; --once runs one pass and exits', hint: 'drop --listen' },
    { argv: ['reconcile', '--once', '--interval', 'soon'], error: 'Error: --interval is for the loop; --once runs one pass and exits', hint: 'drop --interval' },
    { argv: ['reconcile', '--interval', 'soon'], error: 'Error: --interval expects a duration like 90s, 2m or 1m30s, got "soon"', hint: 'units' },
    { argv: ['reconcile', '--interval', '500ms'], error: 'Error: --interval must be at least 1s, got "500ms"', hint: '--interval 30s' },
    { argv: ['reconcile', '--target', 'show/program'], error: 'Error: --target limits one pass (--once); the loop always reconciles the whole project', hint: 'add --once' },
    { argv: ['reconcile', '--once', '--budget', '150%'], error: 'Error: --budget expects a share of the rate limits between 0 and 1 (or 1%-100%), got "150%"', hint: '--budget 0.5' },
    { argv: ['reconcile', '--once', '--wait-timeout', '0s'], error: 'Error: --wait-timeout must be longer than 0, got "0s"', hint: '--wait-timeout 30s' },
    { argv: ['reconcile', '--once', '--log-format', 'xml'], error: "error: option '--log-format <format>' argument 'xml' is invalid. Allowed choices are json, text." },
    { argv: ['reconcile', '--once', '--region', 'EU'], error: "error: option '--region <region>' argument 'EU' is invalid. Expected an AWS region name like us-east-1 or eu-west-2." },
    { argv: ['plan', '--request-timeout', '0s'], error: 'Error: --request-timeout must be longer than 0, got "0s"', hint: '--request-timeout 30s' },
    { argv: ['drift', '--horizon', 'later'], error: 'Error: --horizon expects a duration like 90s, 2m or 1m30s, got "later"', hint: 'units' },
    { argv: ['plan', '--at', 'tomorrow'], error: 'Error: --at expects an ISO 8601 date-time like 2026-12-01T08:30:00+01:00, got "tomorrow"', hint: 'UTC' },
    { argv: ['apply', '--auto-approve', '--wait-timeout', '0s'], error: 'Error: --wait-timeout must be longer than 0, got "0s"', hint: '--wait-timeout 30s' },
    { argv: ['apply', '--auto-approve', '--request-timeout', 'never'], error: 'Error: --request-timeout expects a duration like 90s, 2m or 1m30s, got "never"', hint: 'units' },
  ];
  for (const { argv, error, hint } of cases) {
    it(`GIVEN stageform ${argv.join(' ')} THEN one error line${hint ? ' and a hint' : ''}, exit 1, no AWS call`, async () => {
      const run = await bed.run(...argv);
      const lines = run.stderr.trimEnd().split('\n');
      expect(run.code, run.stderr).to.equal(1);
      expect(lines[0]).to.equal(error);
      if (hint) {
        expect(lines).to.have.length(2);
        expect(lines[1]).to.match(/^ {2}hint: /).and.contain(hint);
      }
      expect(run.stdout).to.equal('');
      expect(bed.handle.emulator.callCounts().calls).to.deep.equal({});
    });
  }

  it('GIVEN good values THEN the same commands do call AWS (the counter above can move)', async () => {
    const run = await bed.run('drift', '--horizon', '2h', '--request-timeout', '10s');
    expect(run.code, run.stderr).to.equal(2);
    expect(Object.keys(bed.handle.emulator.callCounts().calls)).to.not.be.empty;
  });
});

describe('readReconcileFlags', () => {
  it('GIVEN no flags THEN the documented defaults: heal, half the budget, 10 in flight, 2m wait, json logs, no tick, no listener', () => {
    expect(readReconcileFlags({})).to.deep.equal({ policy: 'heal', budgetShare: 0.5, parallelism: 10, waitTimeoutMs: 120_000, intervalMs: undefined, listen: undefined, logFormat: 'json' });
  });

  it('GIVEN loop flags THEN each is read as the loop uses it', () => {
    expect(readReconcileFlags({ sync: true, budget: '25%', interval: '1m30s', listen: '9464', logFormat: 'text', waitTimeout: '90s', parallelism: 4 })).to.deep.equal({
      policy: 'sync',
      budgetShare: 0.25,
      parallelism: 4,
      waitTimeoutMs: 90_000,
      intervalMs: 90_000,
      listen: { host: '127.0.0.1', port: 9464 },
      logFormat: 'text',
    });
  });

  const refusals: { opts: Parameters<typeof readReconcileFlags>[0]; code: string }[] = [
    { opts: { heal: true, sync: true }, code: 'CONFLICTING_POLICY' },
    { opts: { once: true, listen: '9464' }, code: 'LOOP_FLAG_WITH_ONCE' },
    { opts: { target: ['show/program'] }, code: 'TARGET_WITHOUT_ONCE' },
    { opts: { interval: 'half a second' }, code: 'INVALID_DURATION' },
    { opts: { interval: '999ms' }, code: 'INVALID_INTERVAL' },
    { opts: { listen: 'localhost:port' }, code: 'INVALID_LISTEN' },
    { opts: { budget: '0' }, code: 'INVALID_BUDGET' },
    { opts: { waitTimeout: '0ms' }, code: 'INVALID_DURATION' },
  ];
  for (const { opts, code } of refusals) {
    it(`GIVEN ${JSON.stringify(opts)} THEN ${code}, with a hint`, () => {
      let caught: unknown;
      try {
        readReconcileFlags(opts);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(UserError);
      expect((caught as UserError).code).to.equal(code);
      expect((caught as UserError).hint).to.be.a('string');
    });
  }
});
