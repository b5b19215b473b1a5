// Scenario 6: recognisable fake credentials in the environment and in a profile file; every
// command, in every output format, against a working emulator, an endpoint that refuses
// connections and one that answers AccessDenied, with and without STAGEFORM_DEBUG=1. No output
// may contain the secret key or the session token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, runBuiltCli } from '../bench/child.js';
import { figure, hasStackTrace, ScratchProject, stageIds, startRecordingEmulator, twoPerStage, worldSeed, type Figure } from './harness.js';

const SCENARIO = 'secrets';
export const ENV_SECRET = 'ENVSECRETrel1abilityXq9Wv3Zt7Yp2Lk8Mn4Bc6Df';
export const ENV_TOKEN = 'ENVTOKENrel1abilityIQoJb3JpZ2luX2VjEJr8Aa7Bb6Cc5Dd';
export const PROFILE_SECRET = 'PROFILESECRETrel1abilityHh3Jj4Kk5Ll6Mm7Nn8';
export const PROFILE_TOKEN = 'PROFILETOKENrel1abilityPp9Qq8Rr7Ss6Tt5Uu4';
const SECRETS = [ENV_SECRET, ENV_TOKEN, PROFILE_SECRET, PROFILE_TOKEN];

export interface SecretsOptions {
  /** Only the commands most likely to print what they were given (for the fast test). */
  readonly quick?: boolean;
}

/** An endpoint that denies everything, as IAM does, echoing nothing but a realistic message. */
async function startDenyingEndpoint(): Promise<{ endpoint: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException', 'x-amzn-requestid': 'req-1' });
      res.end(JSON.stringify({ exceptionMessage: 'User: arn:aws:sts::123456789012:assumed-role/ci/session is not authorized to perform: ivs:ListStages' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A loopback port nobody listens on. */
async function refusedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export async function runSecretsScenario(options: SecretsOptions = {}): Promise<Figure[]> {
  const ids = stageIds(2);
  const emulator = await startRecordingEmulator({ seed: worldSeed(ids) });
  const denying = await startDenyingEndpoint();
  const refused = await refusedEndpoint();
  const project = new ScratchProject();
  const broken = new ScratchProject();
  const home = mkdtempSync(join(tmpdir(), 'stageform-secrets-'));
  const credentialsFile = join(home, 'credentials');
  const configFile = join(home, 'config');
  writeFileSync(credentialsFile, `[rel]\naws_access_key_id = AKIAPROFILE000000000\naws_secret_access_key = ${PROFILE_SECRET}\naws_session_token = ${PROFILE_TOKEN}\n`);
  writeFileSync(configFile, `[profile rel]\nregion = us-east-1\n`);
  project.write(twoPerStage(ids));
  broken.write(twoPerStage(ids));
  writeFileSync(join(broken.dir, 'stages', 'stage001.yaml'), `apiVersion: stageform/v1\nkind: StageCompositions\nmetadata: {name: stage001}\nspec:\n  stageArn: 12\n  compositions: nope\n`);

  const leaks: string[] = [];
  const stacks: string[] = [];
  let runs = 0;
  try {
    const planFile = join(project.dir, 'saved.sfplan');
    const commands: string[][] = [
      ['validate', project.dir],
      ['validate', '--json', broken.dir],
      ['plan', project.dir],
      ['plan', '--json', project.dir],
      ['plan', '--format', 'markdown', project.dir],
      ['plan', '--out', planFile, project.dir],
      ['show', planFile],
      ['drift', project.dir],
      ['drift', '--json', project.dir],
      ['apply', '--auto-approve', project.dir],
      ['apply', '--json', '--auto-approve', project.dir],
      ['apply', '--auto-approve', broken.dir],
      ['plan', broken.dir],
      ['apply', project.dir],
    ];
    const quickCommands = new Set([2, 3, 9, 13]);
    const endpoints: [string, string][] = [
      ['emulator', emulator.endpoint],
      ['refused', refused],
      ['access-denied', denying.endpoint],
    ];
    const credentialSets: [string, NodeJS.ProcessEnv, string[]][] = [
      ['env', { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00000', AWS_SECRET_ACCESS_KEY: ENV_SECRET, AWS_SESSION_TOKEN: ENV_TOKEN }, []],
      ['profile', { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }, ['--profile', 'rel']],
    ];
    for (const [endpointName, endpoint] of endpoints) {
      for (const [credName, credEnv, extraArgs] of credentialSets) {
        for (const debug of [false, true]) {
          for (const [i, command] of commands.entries()) {
            if (options.quick && (!quickCommands.has(i) || debug !== (endpointName === 'access-denied'))) continue;
            const connects = !['validate', 'show'].includes(command[0]);
            const args = connects ? [...command.slice(0, 1), ...extraArgs, ...command.slice(1)] : command;
            const env = cliEnv(endpoint, { ...credEnv, ...(debug ? { STAGEFORM_DEBUG: '1' } : {}) });
            const run = await runBuiltCli(args, { cwd: project.dir, env });
            runs++;
            const output = run.stdout + run.stderr;
            for (const secret of SECRETS) {
              if (output.includes(secret)) leaks.push(`${endpointName}/${credName}${debug ? '/debug' : ''}: ${args.join(' ')} printed ${secret.slice(0, 12)}...`);
            }
            if (!debug && hasStackTrace(output)) stacks.push(`${endpointName}/${credName}: ${args.join(' ')}`);
          }
        }
      }
    }
  } finally {
    project.remove();
    broken.remove();
    rmSync(home, { recursive: true, force: true });
    await new Promise<void>((resolve) => denying.server.close(() => resolve()));
    await emulator.stop();
  }
  return [
    figure(SCENARIO, `secret key or session token in output (${runs} runs: 3 endpoints x env/profile credentials x debug on/off)`, leaks.length, '0', leaks.length === 0, leaks),
    figure(SCENARIO, 'stack traces without STAGEFORM_DEBUG', stacks.length, '0', stacks.length === 0, stacks),
  ];
}
