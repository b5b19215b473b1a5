// core/ivs/ivs-client.ts against the emulator over HTTP: every IvsApi method, error mapping, retries.
import { expect } from 'chai';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { DestinationConfiguration } from '../core/model/aws-shapes.js';
import { ApiError, type IvsApi, type IvsOperation } from '../core/ivs/ivs-api.js';
import { createIvsApi } from '../core/ivs/ivs-client.js';
import { RateLimiter } from '../core/ivs/rate-limiter.js';
import { startEmulator } from '../emulator/index.js';
import { ACCOUNT, ENCODER, REGION, STORAGE, channelArn, stageArn } from './helpers/builders.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

type Running = Awaited<ReturnType<typeof startEmulator>>;

const S3: DestinationConfiguration[] = [{ name: 'rec', s3: { storageConfigurationArn: STORAGE, encoderConfigurationArns: [ENCODER] } }];
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('createIvsApi (emulator, real SDK)', function () {
  this.timeout(20_000);
  let running: Running;
  let api: IvsApi;
  const calls: IvsOperation[] = [];

  beforeEach(async () => {
    running = await startEmulator({ port: 0, clock: 'manual' });
    running.emulator.seed({
      accountId: ACCOUNT,
      region: REGION,
      stages: [{ id: 'main', name: 'main', tags: { env: 'prod' } }, { id: 'side' }],
      channels: [{ id: 'ch1' }],
      encoderConfigurations: [{ id: 'Enc720p' }],
      storageConfigurations: [{ id: 'Store1' }],
    });
    calls.length = 0;
    api = createIvsApi({ region: REGION, endpoint: running.endpoint, env: {}, maxAttempts: 1, onCall: (op) => calls.push(op) });
  });
  afterEach(async () => {
    await running.stop();
  });

  describe('every method', () => {
    it('preflight reads: configurations and channels exist or are ResourceNotFoundException; getStream is null unless live', async () => {
      expect(await api.getEncoderConfiguration(ENCODER)).to.deep.equal({ arn: ENCODER });
      expect(await api.getStorageConfiguration(STORAGE)).to.deep.equal({ arn: STORAGE });
      expect(await api.getChannel(channelArn('ch1'))).to.deep.equal({ arn: channelArn('ch1') });
      expect((await failureOf(api.getChannel(channelArn('nope1')))).code).to.equal('ResourceNotFoundException');
      expect((await failureOf(api.getEncoderConfiguration(ENCODER.replace('Enc720p', 'Missing1')))).code).to.equal('ResourceNotFoundException');
      expect(await api.getStream(channelArn('ch1'))).to.equal(null);
      const streamId = running.emulator.startOutsideBroadcast('ch1');
      expect(await api.getStream(channelArn('ch1'))).to.include({ channelArn: channelArn('ch1'), streamId, state: 'LIVE' });
      expect(calls).to.deep.equal(['GetEncoderConfiguration', 'GetStorageConfiguration', 'GetChannel', 'GetChannel', 'GetEncoderConfiguration', 'GetStream', 'GetStream']);
    });

    it('listStages: plain stages with tags, no undefined members', async () => {
      const page = await api.listStages({ maxResults: 100 });
      expect(page.nextToken).to.equal(undefined);
      expect(page.items.map((s) => s.arn)).to.have.members([stageArn('main'), stageArn('side')]);
      const main = page.items.find((s) => s.arn === stageArn('main'))!;
      expect(main).to.deep.equal({ arn: stageArn('main'), name: 'main', tags: { env: 'prod' } });
      const side = page.items.find((s) => s.arn === stageArn('side'))!;
      expect(side.tags).to.deep.equal({});
      expect(Object.values(side).includes(undefined)).to.equal(false);
    });

    it('listStages: activeSessionId once a participant joins', async () => {
      running.emulator.joinParticipant('main');
      const page = await api.listStages({});
      expect(page.items.find((s) => s.arn === stageArn('main'))!.activeSessionId).to.match(/^st-/);
    });

    it('startComposition passes token, layout, destinations and tags; get/list/tag/untag/stop see it', async () => {
      const started = await api.startComposition({
        stageArn: stageArn('main'),
        idempotencyToken: 'sf-token-1',
        layout: { grid: { videoFillMode: 'CONTAIN' } },
        destinations: [...S3, { channel: { channelArn: channelArn('ch1'), encoderConfigurationArn: ENCODER } }],
        tags: { 'stageform:project': 'studio', team: 'video' },
      });
      expect(started.arn).to.match(/^arn:aws:ivs:us-east-1:123456789012:composition\//);
      expect(started.stageArn).to.equal(stageArn('main'));
      expect(started.tags).to.deep.equal({ 'stageform:project': 'studio', team: 'video' });
      expect(started.layout?.grid?.videoFillMode).to.equal('CONTAIN');
      expect(started.destinations.map((d) => Object.keys(d.configuration ?? {}).sort())).to.deep.equal([['name', 's3'], ['channel']]);
      expect(started.startTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

      // The same token and request: the same composition (idempotent start).
      const again = await api.startComposition({
        stageArn: stageArn('main'),
        idempotencyToken: 'sf-token-1',
        layout: { grid: { videoFillMode: 'CONTAIN' } },
        destinations: [...S3, { channel: { channelArn: channelArn('ch1'), encoderConfigurationArn: ENCODER } }],
        tags: { 'stageform:project': 'studio', team: 'video' },
      });
      expect(again.arn).to.equal(started.arn);

      const got = await api.getComposition(started.arn);
      expect(got.arn).to.equal(started.arn);
      expect(got.destinations).to.have.length(2);
      expect(JSON.stringify(got)).to.not.contain('null');

      const listed = await api.listCompositions({ filterByStageArn: stageArn('main') });
      expect(listed.items.map((c) => c.arn)).to.deep.equal([started.arn]);
      expect(listed.items[0].tags).to.deep.equal({ 'stageform:project': 'studio', team: 'video' });
      expect(listed.items[0].destinations.map((d) => typeof d.id)).to.deep.equal(['string', 'string']);
      expect((await api.listCompositions({ filterByStageArn: stageArn('side') })).items).to.deep.equal([]);

      await api.tagResource(started.arn, { team: 'audio', cost: 'x' });
      await api.untagResource(started.arn, ['cost']);
      expect((await api.getComposition(started.arn)).tags).to.deep.equal({ 'stageform:project': 'studio', team: 'audio' });

      await api.stopComposition(started.arn);
      running.emulator.advanceClock(60_000);
      expect((await api.getComposition(started.arn)).state).to.equal('STOPPED');
      expect(calls).to.deep.equal([
        'StartComposition',
        'StartComposition',
        'GetComposition',
        'ListCompositions',
        'ListCompositions',
        'TagResource',
        'UntagResource',
        'GetComposition',
        'StopComposition',
        'GetComposition',
      ]);
    });
  });

  describe('errors become ApiError with the AWS name as code', () => {
    const cases: { code: string; run: (api: IvsApi, r: Running) => Promise<unknown> }[] = [
      { code: 'ResourceNotFoundException', run: (a) => a.getComposition(`arn:aws:ivs:${REGION}:${ACCOUNT}:composition/nope`) },
      { code: 'ValidationException', run: (a) => a.getComposition('not-an-arn') },
      {
        code: 'ConflictException',
        run: async (a) => {
          await a.startComposition({ stageArn: stageArn('main'), idempotencyToken: 'tok', layout: {}, destinations: S3, tags: {} });
          return a.startComposition({ stageArn: stageArn('side'), idempotencyToken: 'tok', layout: {}, destinations: S3, tags: {} });
        },
      },
      {
        code: 'ServiceQuotaExceededException',
        run: async (a) => {
          for (let i = 0; i < 6; i++) await a.startComposition({ stageArn: stageArn('main'), idempotencyToken: `t${i}`, layout: {}, destinations: S3, tags: {} });
        },
      },
      {
        code: 'ThrottlingException',
        run: (a, r) => {
          r.emulator.configureFaults({ ListStages: { throttleRate: 1 } });
          return a.listStages({});
        },
      },
      {
        code: 'InternalServerException',
        run: (a, r) => {
          r.emulator.configureFaults({ ListStages: { internalErrorRate: 1 } });
          return a.listStages({});
        },
      },
    ];
    for (const { code, run } of cases) {
      it(`GIVEN a call the service answers with ${code} WHEN made THEN ApiError code ${code}, one line`, async () => {
        const error = await failureOf(run(api, running));
        expect(error.code).to.equal(code);
        expect(error.message).to.not.contain('\n');
        expect(error.message.length).to.be.greaterThan(0);
        expect(error.statusCode).to.be.a('number');
      });
    }

    it('GIVEN the operation is named WHEN it fails THEN the ApiError carries it', async () => {
      const error = await failureOf(api.stopComposition(`arn:aws:ivs:${REGION}:${ACCOUNT}:composition/nope`));
      expect(error.operation).to.equal('StopComposition');
    });
  });

  describe('retries', () => {
    it('GIVEN half the calls throttled WHEN listing with the default attempts THEN every call succeeds after retries', async () => {
      running.emulator.configureFaults({ ListStages: { throttleRate: 0.5 } });
      const retrying = createIvsApi({ region: REGION, endpoint: running.endpoint, env: {} });
      for (let i = 0; i < 6; i++) expect((await retrying.listStages({})).items).to.have.length(2);
      const counts = running.emulator.callCounts();
      expect(counts.throttled.ListStages ?? 0).to.be.greaterThan(0);
      expect(counts.calls.ListStages).to.equal(6 + (counts.throttled.ListStages ?? 0));
    });

    it('GIVEN a rate limiter WHEN calls are made THEN each call acquires a token of its own operation', async () => {
      const acquired: IvsOperation[] = [];
      const limiter = new RateLimiter({ composition: 5, stage: 5, tag: 10 });
      const original = limiter.acquire.bind(limiter);
      limiter.acquire = (op, signal) => {
        acquired.push(op);
        return original(op, signal);
      };
      const limited = createIvsApi({ region: REGION, endpoint: running.endpoint, env: {}, rateLimiter: limiter });
      await limited.listStages({});
      await limited.listCompositions({});
      expect(acquired).to.deep.equal(['ListStages', 'ListCompositions']);
    });
  });

  describe('network and credentials', () => {
    it('GIVEN nothing listening WHEN called THEN ApiError NetworkError naming the endpoint, one line', async () => {
      const endpoint = `http://127.0.0.1:${await closedPort()}`;
      const dead = createIvsApi({ region: REGION, endpoint, env: {}, maxAttempts: 1 });
      const error = await failureOf(dead.listStages({}));
      expect(error.code).to.equal('NetworkError');
      expect(error.message).to.contain(endpoint);
      expect(error.message).to.not.contain('\n');
    });

    it('GIVEN credentials in env WHEN a call fails THEN neither key appears in the error', async () => {
      const env = { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: 'SESSIONTOKENSECRET' };
      const withKeys = createIvsApi({ region: REGION, endpoint: running.endpoint, env, maxAttempts: 1 });
      for (const run of [() => withKeys.getComposition('not-an-arn'), () => withKeys.getComposition(`arn:aws:ivs:${REGION}:${ACCOUNT}:composition/nope`)]) {
        const error = await failureOf(run());
        const text = `${error.message} ${error.code} ${JSON.stringify(error)}`;
        for (const secret of [ACCESS_KEY, SECRET, 'SESSIONTOKENSECRET']) expect(text).to.not.contain(secret);
      }
    });

    it('GIVEN a profile that does not exist and no endpoint WHEN called THEN ApiError CredentialsError with a hint', async () => {
      const aws = createIvsApi({ region: REGION, profile: 'stageform-test-no-such-profile', env: {}, maxAttempts: 1 });
      const error = await failureOf(aws.listStages({}));
      expect(error.code).to.equal('CredentialsError');
      expect(error.message).to.contain('stageform-test-no-such-profile').and.to.contain('hint');
    });

    it('GIVEN AWS_ENDPOINT_URL_IVS in the env given WHEN no endpoint option THEN the channel reads go there, and only those', async () => {
      const port = await closedPort();
      const viaEnv = createIvsApi({ region: REGION, env: { AWS_ENDPOINT_URL_IVS: running.endpoint, AWS_ENDPOINT_URL_IVS_REALTIME: `http://127.0.0.1:${port}` }, maxAttempts: 1 });
      expect(await viaEnv.getChannel(channelArn('ch1'))).to.deep.equal({ arn: channelArn('ch1') });
      const error = await failureOf(viaEnv.listStages({}));
      expect(error.code).to.equal('NetworkError');
    });

    it('GIVEN AWS_ENDPOINT_URL_IVS pointing at a server that is not IVS WHEN a channel is read THEN NotIvsApi names the low-latency API and its variable', async () => {
      const notIvs = createHttpServer((_request, response) => response.writeHead(404, { 'content-length': '0' }).end());
      await new Promise<void>((resolve) => notIvs.listen(0, '127.0.0.1', resolve));
      try {
        const endpoint = `http://127.0.0.1:${(notIvs.address() as { port: number }).port}`;
        const wrong = createIvsApi({ region: REGION, env: { AWS_ENDPOINT_URL_IVS: endpoint, AWS_ENDPOINT_URL_IVS_REALTIME: running.endpoint }, maxAttempts: 1 });
        const error = await failureOf(wrong.getChannel(channelArn('ch1')));
        expect(error.code).to.equal('NotIvsApi');
        expect(error.message).to.contain('not the IVS low-latency API').and.to.contain('AWS_ENDPOINT_URL_IVS)');
        expect((await wrong.listStages({})).items).to.have.length(2);
      } finally {
        await new Promise<void>((resolve) => notIvs.close(() => resolve()));
      }
    });

    it('GIVEN AWS_ENDPOINT_URL_IVS_REALTIME in the env given WHEN no endpoint option THEN that endpoint is used', async () => {
      const viaEnv = createIvsApi({ region: REGION, env: { AWS_ENDPOINT_URL_IVS_REALTIME: running.endpoint }, maxAttempts: 1 });
      expect((await viaEnv.listStages({})).items).to.have.length(2);
    });
  });
});
