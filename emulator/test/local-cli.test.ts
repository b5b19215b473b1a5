import { ListStagesCommand } from '@aws-sdk/client-ivs-realtime';
import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from './helpers.js';

const BIN = fileURLToPath(new URL('../../../bin/stageform.js', import.meta.url));
const run = promisify(execFile);

async function stageform(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const SEED = `stages:
  - id: AbCdEfGh1234
    name: morning-show
    participants: [ { userId: host-1 } ]
storageConfigurations: [ { id: StOrAgEarch1 } ]
encoderConfigurations: [ { id: EnCoDeRhd720 } ]
channels: [ { id: ChAnNeLmain1, name: main } ]
compositions:
  - stageArn: arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGh1234
    destinations:
      - s3: { storageConfigurationArn: "arn:aws:ivs:us-east-1:123456789012:storage-configuration/StOrAgEarch1", encoderConfigurationArns: ["arn:aws:ivs:us-east-1:123456789012:encoder-configuration/EnCoDeRhd720"] }
    tags: { "stageform:address": shows/morning }
`;

describe('stageform local (built CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stageform-local-'));
    writeFileSync(join(dir, 'stageform.seed.yaml'), SEED);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a seeded project WHEN admin join, degrade, stop, advance and status THEN status shows the result, sorted', async () => {
    expect((await stageform(dir, 'local', 'admin', '--local', 'join', 'morning-show', 'guest')).code).to.equal(0);
    expect((await stageform(dir, 'local', 'admin', '--local', 'degrade', 'shows/morning', '0', 'RECONNECTING')).code).to.equal(0);
    expect((await stageform(dir, 'local', 'admin', '--local', 'stop', 'shows/morning')).code).to.equal(0);
    expect((await stageform(dir, 'local', 'admin', '--local', 'advance', '1s')).code).to.equal(0);
    const status = await stageform(dir, 'local', 'admin', '--local', 'status');
    expect(status.code).to.equal(0);
    expect(status.stdout).to.match(/morning-show .* session st-[a-zA-Z0-9]{13} .*participants: host-1 \([a-zA-Z0-9]{12}\), guest \([a-zA-Z0-9]{12}\)/);
    expect(status.stdout).to.match(/composition\/[a-zA-Z0-9]{12}  STOPPED .* tags stageform:address=shows\/morning/);
  });

  it('GIVEN a seeded project WHEN admin subscribe and unpublish THEN status marks who only subscribes, and the composition stops a minute later', async () => {
    expect((await stageform(dir, 'local', 'admin', '--local', 'subscribe', 'morning-show', 'viewer')).code).to.equal(0);
    const host = /host-1 \(([a-zA-Z0-9]{12})\)/.exec((await stageform(dir, 'local', 'admin', '--local', 'status')).stdout)![1]!;
    const unpublished = await stageform(dir, 'local', 'admin', '--local', 'unpublish', 'morning-show', host);
    expect(unpublished.stdout).to.equal(`participant ${host} stopped publishing on arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGh1234\n`);
    expect((await stageform(dir, 'local', 'admin', '--local', 'advance', '61s')).code).to.equal(0);
    const status = (await stageform(dir, 'local', 'admin', '--local', 'status')).stdout;
    expect(status).to.match(/session st-\S+  participants: host-1 \(\w{12}\) subscribing, viewer \(\w{12}\) subscribing/);
    expect(status).to.match(/STOPPED .* tags stageform:address=shows\/morning/);
  });

  it('GIVEN a channel WHEN admin broadcast start and stop THEN status shows it live from outside, then idle; a second start is refused', async () => {
    const started = await stageform(dir, 'local', 'admin', '--local', 'broadcast', 'main', 'start');
    expect(started.code, started.stderr).to.equal(0);
    expect(started.stdout).to.match(/^outside broadcast st-[a-zA-Z0-9]{13} live on channel main\n$/);
    expect((await stageform(dir, 'local', 'admin', '--local', 'status')).stdout).to.match(/^ {2}main {2}arn:aws:ivs:us-east-1:123456789012:channel\/ChAnNeLmain1 {2}live \(outside broadcast\)$/m);
    const again = await stageform(dir, 'local', 'admin', '--local', 'broadcast', 'main', 'start');
    expect(again.code).to.equal(1);
    expect(again.stderr).to.match(/^Error: local admin broadcast: channel \S+ is already live \(fed by an outside broadcast\)/);
    expect((await stageform(dir, 'local', 'admin', '--local', 'broadcast', 'ChAnNeLmain1', 'stop')).code).to.equal(0);
    expect((await stageform(dir, 'local', 'admin', '--local', 'status')).stdout).to.match(/ChAnNeLmain1 {2}idle$/m);
  });

  it('GIVEN a compound duration WHEN admin advance 1m30s THEN the clock moves 90 seconds', async () => {
    const before = Date.parse(/^clock: (\S+)/m.exec((await stageform(dir, 'local', 'admin', '--local', 'status')).stdout)![1]!);
    const result = await stageform(dir, 'local', 'admin', '--local', 'advance', '1m30s');
    expect(result.code, result.stderr).to.equal(0);
    const after = Date.parse(/ to (\S+)$/m.exec(result.stdout)![1]!);
    expect(after - before).to.be.within(90_000, 120_000);
  });

  const failures: { args: string[]; message: RegExp }[] = [
    { args: ['fail', 'no/such'], message: /^Error: local admin fail: no composition with ARN or address "no\/such"\n  hint: usage/ },
    { args: ['advance', 'soon'], message: /^Error: local admin advance: DURATION expects a duration like 90s, 2m or 1m30s, got "soon"\n  hint: units: ms, s, m, h/ },
    { args: ['join', 'nowhere'], message: /^Error: local admin join: no stage "nowhere"/ },
    { args: ['explode'], message: /^Error: local admin explode: unknown action "explode"/ },
  ];
  for (const f of failures) {
    it(`GIVEN admin ${f.args.join(' ')} WHEN run THEN exit 1 with one error line and a hint`, async () => {
      const result = await stageform(dir, 'local', 'admin', '--local', ...f.args);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(f.message);
      expect(result.stderr).to.not.match(/\n\s+at /);
    });
  }

  it('GIVEN a corrupt state file WHEN admin status THEN one line naming the file, exit 1', async () => {
    expect((await stageform(dir, 'local', 'admin', '--local', 'status')).code).to.equal(0);
    writeFileSync(join(dir, '.stageform', 'emulator-state.json'), '{ nope');
    const result = await stageform(dir, 'local', 'admin', '--local', 'status');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^Error: .*emulator-state\.json: the emulator state file is not valid JSON/);
  });

  it('GIVEN local serve on port 0 WHEN the SDK calls it and SIGTERM arrives THEN it answers, prints the env to export and exits 0', async function () {
    const child = spawn(process.execPath, [BIN, 'local', 'serve', '--port', '0', '--seed', 'stageform.seed.yaml'], { cwd: dir, env: { ...process.env } });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /AWS_ENDPOINT_URL_IVS_REALTIME=(\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stdout}`)));
    });
    expect(stdout).to.include('export AWS_ACCESS_KEY_ID=').and.include('export AWS_SECRET_ACCESS_KEY=').and.include('export AWS_REGION=us-east-1');
    const client = createClient(endpoint);
    try {
      const stages = await client.send(new ListStagesCommand({}));
      expect(stages.stages!.map((s) => s.name)).to.deep.equal(['morning-show']);
    } finally {
      client.destroy();
    }
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(stdout).to.include('emulator stopped');
  });
});
