// The GitHub Action's one step (action.yml runs `node dist/cli/github/run-action.js`): runs the
// stageform command the workflow asked for in the working directory, and for `plan` writes the
// Markdown to the job summary, keeps the saved plan for the artifact step and, on a pull request,
// posts or updates the plan comment. Inputs come as STAGEFORM_* variables (action.yml maps them),
// GitHub's own as GITHUB_*; results go to GITHUB_OUTPUT. Exit code: stageform's (plan's 2 is 0).
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSavedPlan } from '../../core/plan/saved-plan.js';
import { hasChanges, type Plan } from '../../core/model/plan.js';
import { buildPlanComment, upsertPlanComment } from './plan-comment.js';
import { makeDirectory } from '../../emulator/make-directory.js';

const BIN = fileURLToPath(new URL('../../../bin/stageform.js', import.meta.url));
const COMMANDS = ['validate', 'plan', 'apply', 'drift'] as const;
type ActionCommand = (typeof COMMANDS)[number];

interface Run {
  readonly code: number;
  readonly stdout: string;
}

/** Runs stageform; stderr (and stdout unless captured) go straight to the job log. */
function stageform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, capture: boolean): Promise<Run> {
  process.stdout.write(`stageform ${args.join(' ')}\n`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout }));
  });
}

function setOutput(env: NodeJS.ProcessEnv, name: string, value: string): void {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

/** The pull request's number when the workflow runs for one. */
function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  if (!env.GITHUB_EVENT_NAME?.startsWith('pull_request') || !env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: number }; number?: number };
  return event.pull_request?.number ?? event.number;
}

export async function runAction(env: NodeJS.ProcessEnv): Promise<number> {
  const command = (env.STAGEFORM_COMMAND ?? '').trim() as ActionCommand;
  if (!COMMANDS.includes(command)) {
    process.stdout.write(`::error title=stageform action::input "command" must be one of ${COMMANDS.join(', ')}, got "${command}"\n`);
    return 1;
  }
  const cwd = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), env.STAGEFORM_WORKING_DIRECTORY || '.');
  // Extra arguments are split on whitespace, without shell quoting.
  const extra = (env.STAGEFORM_ARGS ?? '').split(/\s+/).filter((a) => a !== '');

  switch (command) {
    case 'validate':
      return (await stageform(['validate', '--format', 'github', ...extra, '.'], cwd, env, false)).code;
    case 'drift':
      return (await stageform(['drift', ...extra, '.'], cwd, env, false)).code;
    case 'apply': {
      const planFile = env.STAGEFORM_PLAN_FILE ? resolve(env.GITHUB_WORKSPACE ?? process.cwd(), env.STAGEFORM_PLAN_FILE) : undefined;
      // Without a saved plan the workflow decides about approval (--auto-approve in args).
      return (await stageform(['apply', ...extra, ...(planFile ? [planFile] : []), '.'], cwd, env, false)).code;
    }
    case 'plan':
      return await planStep(cwd, extra, env);
  }
}

async function planStep(cwd: string, extra: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  // 1. Validation errors as annotations on the pull request's files.
  const validated = await stageform(['validate', '--format', 'github', '.'], cwd, env, false);
  if (validated.code !== 0) return validated.code;

  // 2. The plan, saved for the artifact step and rendered as Markdown.
  const outDir = join(env.RUNNER_TEMP || cwd, 'stageform-plan');
  const failed = makeDirectory(outDir);
  if (failed) {
    process.stdout.write(`::error title=stageform action::cannot create the folder ${failed.folder}: ${failed.code}\n`);
    return 1;
  }
  const planFile = join(outDir, 'plan.sfplan');
  const markdownFile = join(outDir, 'plan.md');
  const planned = await stageform(['plan', '--out', planFile, '--format', 'markdown', '--detailed-exitcode', ...extra, '.'], cwd, env, true);
  if (planned.code !== 0 && planned.code !== 2) return planned.code;
  writeFileSync(markdownFile, planned.stdout);
  process.stdout.write(planned.stdout);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, planned.stdout);
  let plan: Plan | undefined;
  try {
    plan = parseSavedPlan(readFileSync(planFile, 'utf8'), planFile).plan;
  } catch {
    plan = undefined;
  }
  setOutput(env, 'plan-file', planFile);
  setOutput(env, 'plan-markdown', markdownFile);
  setOutput(env, 'has-changes', String(plan ? hasChanges(plan) : planned.code === 2));

  // 3. On a pull request: one comment, created or updated.
  const issueNumber = pullRequestNumber(env);
  if (issueNumber !== undefined && env.GITHUB_REPOSITORY) {
    if (!env.STAGEFORM_GITHUB_TOKEN) {
      process.stdout.write('::warning title=stageform action::no token: the plan is in the job summary but not commented on the pull request\n');
      return 0;
    }
    const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    const body = buildPlanComment({
      markdown: planned.stdout,
      fullPlanAt: `The whole plan is in the job summary${runUrl ? ` of [this run](${runUrl})` : ''} and in its saved-plan artifact.`,
    });
    const done = await upsertPlanComment({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token: env.STAGEFORM_GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, issueNumber }, body);
    process.stdout.write(`Plan comment ${done.action} on pull request #${issueNumber}.\n`);
  }
  return 0;
}

// Run when executed as the action's step, not when a test imports it.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runAction(process.env).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // One line, no stack trace: the job log is read by people.
      process.stdout.write(`::error title=stageform action::${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
