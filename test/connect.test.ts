import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, resolveRegion, type Connection } from '../cli/connect.js';
import type { CliIo } from '../cli/io.js';
import { UserError } from '../core/model/diagnostics.js';
import type { DesiredState } from '../core/model/desired.js';
import { observeLive } from '../core/observe/observe-live.js';
import { regionsToObserve } from '../core/pipeline/plan-pass.js';
import { startEmulator } from '../emulator/index.js';
import { desiredState } from './helpers/builders.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

function ioWith(env: NodeJS.ProcessEnv, cwd = '/'): CliIo {
  const sink = { write: () => true };
  return { stdout: sink, stderr: sink, cwd, env };
}

describe('connect', function () {
  this.timeout(20_000);

  describe('resolveRegion: --region > stageform.yaml > AWS_REGION > AWS_DEFAULT_REGION', () => {
    const table: { flag?: string; yaml: string; env: NodeJS.ProcessEnv; expected: string }[] = [
      { flag: 'eu-west-1', yaml: 'us-east-1', env: { AWS_REGION: 'ap-south-1' }, expected: 'eu-west-1' },
      { yaml: 'us-east-1', env: { AWS_REGION: 'ap-south-1' }, expected: 'us-east-1' },
      { yaml: '', env: { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'us-west-2' }, expected: 'ap-south-1' },
      { yaml: '', env: { AWS_DEFAULT_REGION: 'us-west-2' }, expected: 'us-west-2' },
      { yaml: '', env: {}, expected: '' },
    ];
    for (const { flag, yaml, env, expected } of table) {
      it(`flag=${flag ?? '-'} yaml=${yaml || '-'} env=${JSON.stringify(env)} -> ${expected || "''"}`, () => {
        expect(resolveRegion({ region: yaml }, { region: flag }, env)).to.equal(expected);
      });
    }
  });

  it('GIVEN a malformed region from the environment WHEN resolving THEN the error names that region and where it came from', () => {
    expect(() => resolveRegion({ region: '' }, {}, { AWS_REGION: 'bogus region!' })).to.throw(UserError, 'AWS_REGION "bogus region!" is not an AWS region name');
    expect(resolveRegion({ region: '' }, {}, { AWS_REGION: 'us-gov-west-1' })).to.equal('us-gov-west-1');
  });

  it('GIVEN --region WHEN connecting THEN it replaces the default region while stage regions stay', async () => {
    const desired = desiredState([{ address: 'show/main', stage: 'arn:aws:ivs:eu-central-1:123456789012:stage/main', destinations: [] }]);
    const connection = await connect(desired, { region: 'ap-northeast-1', parallelism: 4 }, ioWith({ AWS_ENDPOINT_URL_IVS_REALTIME: 'http://127.0.0.1:1' }));
    try {
      expect(connection.region).to.equal('ap-northeast-1');
      expect(regionsToObserve(connection.region, desired)).to.deep.equal(['ap-northeast-1', 'eu-central-1']);
      expect(connection.apiFor('eu-central-1').region).to.equal('eu-central-1');
      expect(connection.apiFor('eu-central-1')).to.equal(connection.apiFor('eu-central-1'));
    } finally {
      await connection.close();
    }
  });

  it('GIVEN no region anywhere and no stage WHEN the regions to observe are computed THEN a UserError with a hint', async () => {
    const desired: DesiredState = { ...desiredState([]), region: '', stages: [], regions: [] };
    let error: unknown;
    const connection = await connect(desired, { parallelism: 1 }, ioWith({}));
    try {
      regionsToObserve(connection.region, desired);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UserError);
    expect((error as UserError).code).to.equal('NO_REGION');
    expect((error as UserError).hint).to.contain('--region');
  });

  it('GIVEN AWS_ENDPOINT_URL_IVS_REALTIME WHEN connecting THEN that endpoint is used and observe reads it', async () => {
    const running = await startEmulator({ port: 0, clock: 'manual', seed: { stages: [{ id: 'main', name: 'main' }] } });
    let connection: Connection | undefined;
    try {
      const desired = desiredState([{ address: 'show/main', stage: 'main', destinations: [] }]);
      connection = await connect(desired, { parallelism: 4 }, ioWith({ AWS_ENDPOINT_URL_IVS_REALTIME: running.endpoint }));
      expect(connection.endpoint).to.equal(running.endpoint);
      const live = await observeLive(desired, connection.apiFor, { parallelism: 4, regions: regionsToObserve(connection.region, desired), endpoint: connection.endpoint });
      expect(live.regions[0].stages.map((s) => s.name)).to.deep.equal(['main']);
      expect(live.endpoint).to.equal(running.endpoint);
    } finally {
      await connection?.close();
      await running.stop();
    }
  });

  describe('--local', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'stageform-connect-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('GIVEN --local WHEN connecting twice in turn THEN each gets the embedded emulator, and close releases it', async () => {
      const desired: DesiredState = { ...desiredState([{ address: 'show/main', stage: 'main', destinations: [] }]), rootDir: dir };
      // No AWS credentials or profile at all: --local must not need an AWS account.
      const io = ioWith({ AWS_PROFILE: 'stageform-test-no-such-profile' });
      for (let run = 0; run < 2; run++) {
        const connection = await connect(desired, { local: true, parallelism: 2 }, io);
        try {
          expect(connection.endpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
          const page = await connection.apiFor('us-east-1').listStages({});
          expect(page.items).to.be.an('array');
        } finally {
          await connection.close();
          await connection.close();
        }
      }
      expect(existsSync(join(dir, '.stageform'))).to.equal(true);
    });
  });
});
