// The command table. Each command's module is imported only when it runs, so that
// `stageform --version` does not load the AWS SDK.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT_ERROR, EXIT_OK, type CliIo } from './io.js';
import { reportError } from './report-error.js';
import { isRegionName } from './connect.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_REQUEST_TIMEOUT_MS } from '../core/ivs/ivs-api.js';

/** `30s`: a whole-second default as the duration flags read it. */
const seconds = (ms: number): string => `${ms / 1000}s`;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

// Thrown from an option's parser, InvalidArgumentError becomes commander's one-line
// "error: option '--x <v>' argument 'y' is invalid. <message>", the accepted values in the message.
function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number, 1 or more.');
  return n;
}

function regionName(value: string): string {
  if (!isRegionName(value)) throw new InvalidArgumentError(`Expected an AWS region name like us-east-1 or eu-west-2.`);
  return value;
}

function connectionOptions(cmd: Command): Command {
  return cmd
    .option('--local', 'use the embedded local IVS Real-Time emulator (state under .stageform/)')
    .option('--region <region>', 'AWS region (default: stageform.yaml, then AWS_REGION)', regionName)
    .option('--profile <profile>', 'AWS shared-config profile')
    .option('--parallelism <n>', 'API calls in flight at once', positiveInt, 10)
    .option('--request-timeout <duration>', `give up an API request attempt after this long (connecting: ${seconds(DEFAULT_CONNECT_TIMEOUT_MS)}); at most ${DEFAULT_MAX_ATTEMPTS} attempts`, seconds(DEFAULT_REQUEST_TIMEOUT_MS))
    .option('--refresh-all', 'read every running composition in full, even those their stageform:spec tag vouches for')
    .option('--horizon <duration>', 'warn (MAX_DURATION) for compositions reaching the 24-hour limit within this time (e.g. 30m, 2h)', '1h')
    .option('--skip-preflight', 'do not read the channels and configurations of compositions to start (for credentials that cannot); the plan says so');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('stageform')
    .description('Plan and apply Amazon IVS Real-Time compositions from YAML manifests.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('validate')
    .description('check manifests and stageform.yaml without calling AWS')
    .argument('[paths...]', 'project directories or files', [])
    .addOption(new Option('--json', 'print diagnostics as JSON (same as --format json)').conflicts('format'))
    .addOption(new Option('--format <format>', 'output format; github: GitHub Actions annotations').choices(['human', 'json', 'github']))
    .option('--no-color', 'disable colour')
    .action(async (paths: string[], opts) => {
      const { runValidateCommand } = await import('./commands/validate.js');
      exitCode = await runValidateCommand(paths, opts, io);
    });

  program
    .command('init')
    .description('scaffold a project: stageform.yaml, an example manifest, a .gitignore; or with --from-live, manifests of the running compositions (never overwrites a file)')
    .argument('[dir]', 'project directory', '.')
    .option('--region <region>', 'the default region written to stageform.yaml (default: AWS_REGION, then us-east-1); with --from-live, the region read', regionName)
    .option('--from-live', 'write one manifest per stage from the compositions running there that no stageform project owns (adopt: true)')
    .option('--stage <arn>', 'with --from-live: only this stage (repeatable)', collect, [])
    .option('--local', 'with --from-live: read the embedded local emulator (state under .stageform/)')
    .option('--profile <profile>', 'with --from-live: AWS shared-config profile')
    .option('--parallelism <n>', 'with --from-live: API calls in flight at once (default 10)', positiveInt)
    .option('--request-timeout <duration>', `with --from-live: give up an API request attempt after this long (default ${seconds(DEFAULT_REQUEST_TIMEOUT_MS)})`)
    .option('--json', 'with --from-live: print what was written as JSON')
    .option('--no-color', 'disable colour')
    .action(async (dir: string, opts) => {
      const { runInitCommand } = await import('./commands/init.js');
      exitCode = await runInitCommand(dir, opts, io);
    });

  connectionOptions(
    program
      .command('plan')
      .description('show what apply would change')
      .argument('[dir]', 'project directory', '.')
      .option('--out <file>', 'save the plan for a later apply')
      .addOption(new Option('--json', 'print the plan as JSON (same as --format json)').conflicts('format'))
      .addOption(new Option('--format <format>', 'output format; github: errors as GitHub Actions annotations').choices(['human', 'json', 'markdown', 'github']))
      .option('--detailed-exitcode', 'exit 2 when there are changes')
      .option('--at <time>', 'evaluate schedules at this instant (ISO 8601, e.g. 2026-12-01T08:30:00+01:00) instead of now: a preview')
      .option('--target <address>', 'limit to this address (repeatable)', collect, [])
      .option('--destroy', 'plan to stop every composition this project manages')
      .option('--replace <address>', 'replace this composition even if it matches (repeatable)', collect, [])
      .option('--allow-stop <address>', 'let this run stop this protected composition (repeatable)', collect, [])
      .option('--adopt <address>', 'adopt a matching running composition stageform did not start for this address (repeatable)', collect, [])
      .option('--adopt-all', 'adopt matching running compositions for every declared address')
      .option('--no-color', 'disable colour'),
  ).action(async (dir: string, opts) => {
    const { runPlanCommand } = await import('./commands/plan.js');
    exitCode = await runPlanCommand(dir, opts, io);
  });

  program
    .command('show')
    .description('render a saved plan')
    .argument('<planfile>', 'a file written by plan --out')
    .addOption(new Option('--json', 'print the plan as JSON (same as --format json)').conflicts('format'))
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json', 'markdown']))
    .option('--no-color', 'disable colour')
    .action(async (file: string, opts) => {
      const { runShowCommand } = await import('./commands/show.js');
      exitCode = await runShowCommand(file, opts, io);
    });

  connectionOptions(
    program
      .command('drift')
      .description('exit 2 when live compositions differ from the manifests')
      .argument('[dir]', 'project directory', '.')
      .option('--json', 'print the drift report as JSON')
      .option('--at <time>', 'evaluate schedules at this instant (ISO 8601) instead of now: a preview')
      .option('--no-color', 'disable colour'),
  ).action(async (dir: string, opts) => {
    const { runDriftCommand } = await import('./commands/drift.js');
    exitCode = await runDriftCommand(dir, opts, io);
  });

  connectionOptions(
    program
      .command('apply')
      .description('start, stop and retag compositions until live matches the manifests')
      .argument('[dirOrPlan]', 'project directory or a saved plan file', '.')
      .argument('[dir]', 'with a saved plan: the project to apply it to (default: the current directory)')
      .option('--auto-approve', 'do not ask for confirmation')
      .option('--target <address>', 'limit to this address (repeatable)', collect, [])
      .option('--replace <address>', 'replace this composition even if it matches (repeatable)', collect, [])
      .option('--allow-stop <address>', 'let this run stop this protected composition (repeatable)', collect, [])
      .option('--adopt <address>', 'adopt a matching running composition stageform did not start for this address (repeatable)', collect, [])
      .option('--adopt-all', 'adopt matching running compositions for every declared address')
      .option('--wait-timeout <duration>', 'how long to wait for ACTIVE/STOPPED (e.g. 90s, 2m)', '2m')
      .option('--no-wait', 'do not wait for compositions to become ACTIVE')
      .option('--json', 'print the apply result as JSON')
      .addOption(new Option('--at <time>', 'refused: apply acts at the present instant (preview with plan --at)').hideHelp())
      .option('--no-color', 'disable colour'),
  ).action(async (target: string, dir: string | undefined, opts) => {
    const { runApplyCommand } = await import('./commands/apply.js');
    exitCode = await runApplyCommand(target, opts, io, dir);
  });

  connectionOptions(
    program
      .command('destroy')
      .description('stop every composition this project manages (what plan --destroy shows)')
      .argument('[dir]', 'project directory', '.')
      .option('--auto-approve', 'do not ask for confirmation')
      .option('--target <address>', 'limit to this address (repeatable)', collect, [])
      .option('--allow-stop <address>', 'let this run stop this protected composition (repeatable)', collect, [])
      .option('--wait-timeout <duration>', 'how long to wait for STOPPED (e.g. 90s, 2m)', '2m')
      .option('--no-wait', 'do not wait for compositions to stop')
      .option('--json', 'print the apply result as JSON')
      .option('--no-color', 'disable colour'),
  ).action(async (dir: string, opts) => {
    const { runApplyCommand } = await import('./commands/apply.js');
    exitCode = await runApplyCommand(dir, { ...opts, destroy: true }, io);
  });
  program
    .command('reconcile')
    .description('keep live compositions true to the manifests: a loop, or one pass with --once')
    .argument('[dir]', 'project directory', '.')
    .option('--once', 'run one pass and exit: 0 in sync, 2 something remains that the policy does not fix, 1 error')
    .option('--interval <duration>', 'the tick (default: the shortest the rate budget allows)')
    .option('--heal', 'start and restart declared compositions, fix tags; never replace a healthy one, never delete (default)')
    .option('--sync', 'apply the whole plan, re-reading the manifests when they change')
    .option('--budget <share>', 'share of each rate limit the loop may use (0.5 or 50%)', '0.5')
    .option('--target <key>', 'with --once: an address, manifest name or stage ARN (repeatable)', collect, [])
    .addOption(new Option('--log-format <format>', 'log lines').choices(['json', 'text']).default('json'))
    .option('--listen <[host:]port>', 'serve /healthz and /metrics (host default 127.0.0.1)')
    .option('--wait-timeout <duration>', 'how long a start may take to become ACTIVE', '2m')
    .option('--local', 'use the embedded local IVS Real-Time emulator (state under .stageform/)')
    .option('--region <region>', 'AWS region (default: stageform.yaml, then AWS_REGION)', regionName)
    .option('--profile <profile>', 'AWS shared-config profile')
    .option('--parallelism <n>', 'API calls in flight at once', positiveInt, 10)
    .option('--no-color', 'disable colour')
    .action(async (dir: string, opts) => {
      const { runReconcileCommand } = await import('./commands/reconcile.js');
      exitCode = await runReconcileCommand(dir, opts, io);
    });

  program
    .command('schedule')
    .description('list when each scheduled composition starts and stops (reads the manifests only)')
    .argument('[dir]', 'project directory', '.')
    .option('--from <time>', 'start of the range, ISO 8601 (default: now)')
    .option('--to <time>', 'end of the range, ISO 8601 (default: a week after --from)')
    .addOption(new Option('--json', 'print the timeline as JSON (same as --format json)').conflicts('format'))
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json', 'markdown']))
    .option('--no-color', 'disable colour')
    .action(async (dir: string, opts) => {
      const { runScheduleCommand } = await import('./commands/schedule.js');
      exitCode = await runScheduleCommand(dir, opts, io);
    });

  const local = program.command('local').description('the local IVS Real-Time emulator');
  local
    .command('serve')
    .description('run the emulator in the foreground')
    .option('--port <n>', 'port (0: any free port)', '4566')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--state <file>', 'persist state to this JSON file')
    .option('--seed <file>', 'seed file (YAML or JSON) used when the state is empty')
    .option('--compositions-quota <n>', 'concurrent compositions per account and region (the "Compositions" quota; AWS default 5)')
    .option('--event-webhook <url>', "POST IVS's EventBridge events (participants publishing, composition state changes) to this URL")
    .action(async (opts) => {
      const { runLocalServeCommand } = await import('./commands/local.js');
      exitCode = await runLocalServeCommand(opts, io);
    });
  local
    .command('admin')
    .description('change the running emulator (local serve) or, with --local, a project\'s embedded one: participants, failures, clock, a scripted show day')
    .argument('<action>', 'join | subscribe | publish | unpublish | leave | fail | degrade | stop | broadcast | advance | play | status')
    .argument('[args...]', 'action arguments')
    .option('--dir <dir>', 'project directory (where local serve recorded itself, or whose embedded emulator --local uses)', '.')
    .option('--local', 'act on the project\'s embedded emulator (the one plan/apply/drift --local use)')
    .option('--endpoint <url>', 'act on the emulator answering at this URL (a local serve started elsewhere)')
    .action(async (action: string, args: string[], opts) => {
      const { runLocalAdminCommand } = await import('./commands/local.js');
      exitCode = await runLocalAdminCommand(action, args, opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    return reportError(io, error);
  }
}
