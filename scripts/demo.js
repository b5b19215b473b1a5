#!/usr/bin/env node
// `npm run demo`: stageform's whole job on examples/ against the embedded emulator, no AWS
// account needed. Every step runs the real CLI and prints the command, so typing the same
// commands by hand gives the same results. Safe to run again: it starts from a fresh local state.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'bin', 'stageform.js');
// Where examples/ is; the repository unless a test points the demo at a copy of it.
const root = process.env.STAGEFORM_DEMO_ROOT || repo;
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (color ? `\u001b[1m${s}\u001b[0m` : s);
const dim = (s) => (color ? `\u001b[2m${s}\u001b[0m` : s);

/** Runs `stageform ...args`, showing its output as a user would see it; fails the demo on an unexpected exit code. */
function stageform(args, expectedCode, note) {
  process.stdout.write(`\n${bold(`$ stageform ${args.join(' ')}`)}\n`);
  if (note) process.stdout.write(dim(`# ${note}`) + '\n');
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit', env: process.env });
  const code = run.status ?? 1;
  if (code !== expectedCode) {
    process.stderr.write(`\ndemo: "stageform ${args.join(' ')}" exited ${code}, expected ${expectedCode}\n`);
    process.exit(1);
  }
  if (code !== 0) process.stdout.write(dim(`# exit code ${code}, as expected`) + '\n');
}

function heading(text) {
  process.stdout.write(`\n${bold(`== ${text} ==`)}\n`);
}

heading('0. Start from a fresh local emulator state');
process.stdout.write(`${bold('$ rm -rf examples/.stageform')}\n`);
rmSync(join(root, 'examples', '.stageform'), { recursive: true, force: true });

// The plan is shown once: step 2 applies the saved plan, which apply does not print again.
heading('1. What would change? (the emulator starts from examples/stageform.seed.yaml)');
stageform(['plan', '--local', '--out', 'examples/.stageform/plan.sfplan', 'examples'], 0, 'saved next to the emulator state, for step 2');

heading('2. Make it so: apply exactly the plan above');
stageform(['apply', '--local', 'examples/.stageform/plan.sfplan', 'examples'], 0);

heading('3. Plan again: nothing left to do');
stageform(['plan', '--local', '--detailed-exitcode', 'examples'], 0, '--detailed-exitcode: 0 = no changes, 2 = changes');

heading('4. Things happen on air: the interview guests leave, a minute and a half passes, a broadcast fails');
stageform(['local', 'admin', 'leave', 'interview', '--local', '--dir', 'examples'], 0, 'everyone leaves the interview stage');
stageform(['local', 'admin', 'advance', '90s', '--local', '--dir', 'examples'], 0, 'IVS stops a composition about a minute after its stage empties');
stageform(['local', 'admin', 'fail', 'morning-show/program', '--local', '--dir', 'examples'], 0, 'the morning show broadcast fails');

heading('5. The scheduled drift check notices');
stageform(['drift', '--local', 'examples'], 2, 'drift exits 2 when live has drifted: a CI job fails on it and someone looks');

process.stdout.write(`\n${bold('Demo complete.')} Run "stageform apply --local examples" to converge again, or "npm run demo" to start over.\n`);
