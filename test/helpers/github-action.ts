// The GitHub Action's `run` step executed as the runner would (inputs through the step's env,
// GITHUB_* variables, RUNNER_TEMP, GITHUB_OUTPUT), and a loopback stand-in for the GitHub API.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.js';
import { cliEnv, ROOT as REPO_ROOT } from '../../bench/child.js';

export interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface ActionDefinition {
  runs: { using: string; steps: ActionStep[] };
  inputs: Record<string, { default?: string }>;
}

export const ACTION: ActionDefinition = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionDefinition;

export interface StubRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: { body: string };
}

/** A loopback stand-in for the few GitHub REST endpoints the action calls. */
export class StubGithub {
  readonly requests: StubRequest[] = [];
  comments: { id: number; body: string }[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const body = raw ? (JSON.parse(raw) as { body: string }) : undefined;
        this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization, body });
        const send = (status: number, value: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        const list = /^\/repos\/acme\/shows\/issues\/7\/comments$/.test(url.pathname);
        const edit = /^\/repos\/acme\/shows\/issues\/comments\/(\d+)$/.exec(url.pathname);
        if (list && req.method === 'GET') {
          const page = Number(url.searchParams.get('page') ?? '1');
          const perPage = Number(url.searchParams.get('per_page') ?? '30');
          return send(200, this.comments.slice((page - 1) * perPage, page * perPage));
        }
        if (list && req.method === 'POST') {
          const comment = { id: 1000 + this.comments.length, body: body!.body };
          this.comments.push(comment);
          return send(201, comment);
        }
        if (edit && req.method === 'PATCH') {
          const comment = this.comments.find((c) => c.id === Number(edit[1]));
          if (!comment) return send(404, { message: 'Not Found' });
          comment.body = body!.body;
          return send(200, comment);
        }
        send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}


export interface ActionRunContext {
  /** The job's environment: AWS endpoint, GITHUB_* (workspace, event, API URL...), RUNNER_TEMP. */
  readonly env: NodeJS.ProcessEnv;
  readonly temp: string;
}

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  /** GITHUB_OUTPUT as key -> value. */
  readonly outputs: Record<string, string>;
}

/**
 * Runs the action's `run` step with these inputs (defaults filled in from action.yml). The step's
 * env maps `${{ inputs.x }}` and `${{ github.action_path }}`; STAGEFORM_PLAN_FILE's expression is
 * evaluated here as the runner would (a test checks its text).
 */
export function runActionStep(inputs: Record<string, string>, context: ActionRunContext): Promise<ActionRun> {
  const runStep = ACTION.runs.steps.find((s) => s.id === 'run')!;
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(ACTION.inputs)) values[name] = inputs[name] ?? (input.default?.startsWith('${{') ? '' : (input.default ?? ''));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, expression] of Object.entries(runStep.env ?? {})) {
    const simple = /^\$\{\{\s*(inputs\.[\w-]+|github\.action_path)\s*\}\}$/.exec(expression);
    if (simple) env[key] = simple[1] === 'github.action_path' ? REPO_ROOT : values[simple[1].slice('inputs.'.length)];
  }
  env.STAGEFORM_PLAN_FILE = values.command === 'apply' ? values['plan-file'] || (values['plan-artifact'] ? `${context.temp}/stageform-plan/plan.sfplan` : '') : '';
  const outputFile = join(context.temp, `output-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(outputFile, '');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', runStep.run!], {
      cwd: context.env.GITHUB_WORKSPACE,
      env: { ...context.env, RUNNER_TEMP: context.temp, GITHUB_OUTPUT: outputFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => {
      const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      resolve({ code, stdout, outputs });
    });
  });
}

/**
 * A runner's world for action tests: a workspace holding a copy of examples/ (at `projectDir`
 * below it), RUNNER_TEMP with a pull-request event, the emulator seeded from examples/, and the
 * stub GitHub API.
 */
export class GithubJobFixture {
  readonly github = new StubGithub();
  handle!: EmulatorHandle;
  workspace = '';
  temp = '';

  constructor(private readonly projectDir: string, readonly pullRequest = 7) {}

  async setUp(): Promise<void> {
    this.workspace = mkdtempSync(join(tmpdir(), 'stageform-workspace-'));
    this.temp = mkdtempSync(join(tmpdir(), 'stageform-runner-temp-'));
    cpSync(join(REPO_ROOT, 'examples'), join(this.workspace, this.projectDir), { recursive: true, filter: (src) => !src.includes('.stageform') });
    writeFileSync(join(this.temp, 'event.json'), JSON.stringify({ pull_request: { number: this.pullRequest } }));
    this.handle = await startEmulator({ port: 0, clock: 'real', seed: join(REPO_ROOT, 'examples', 'stageform.seed.yaml'), startDelayMs: 50, stopDelayMs: 50,
      // The account examples/stageform.yaml describes: its "Compositions" quota raised to 10.
      quotas: { compositionsPerAccount: 10 },
    });
    await this.github.start();
  }

  async tearDown(): Promise<void> {
    await this.handle.stop();
    await this.github.stop();
    rmSync(this.workspace, { recursive: true, force: true });
    rmSync(this.temp, { recursive: true, force: true });
  }

  /** The job's environment for an event; the step summary goes to RUNNER_TEMP/<summary>. */
  env(event: string, summary = 'summary.md'): NodeJS.ProcessEnv {
    return {
      ...cliEnv(this.handle.endpoint),
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: join(this.temp, 'event.json'),
      GITHUB_REPOSITORY: 'acme/shows',
      GITHUB_API_URL: this.github.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '42',
      GITHUB_STEP_SUMMARY: join(this.temp, summary),
    };
  }
}
