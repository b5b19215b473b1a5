import {
  ConflictException,
  CreateEncoderConfigurationCommand,
  CreateStageCommand,
  CreateStorageConfigurationCommand,
  DeleteEncoderConfigurationCommand,
  DeleteStageCommand,
  DeleteStorageConfigurationCommand,
  GetCompositionCommand,
  GetEncoderConfigurationCommand,
  GetStageCommand,
  GetStorageConfigurationCommand,
  InternalServerException,
  ListCompositionsCommand,
  ListEncoderConfigurationsCommand,
  ListParticipantsCommand,
  ListStagesCommand,
  ListStorageConfigurationsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartCompositionCommand,
  StopCompositionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStageCommand,
  ValidationException,
  IVSRealTimeServiceException,
} from '@aws-sdk/client-ivs-realtime';
import { expect } from 'chai';
import {
  CHANNEL_ARN,
  CHANNEL_DESTINATION,
  ENCODER_ARN,
  rejectionOf,
  S3_DESTINATION,
  STAGE_ARN,
  startWorld,
  stopWorld,
  STORAGE_ARN,
  type TestWorld,
} from './helpers.js';

describe('emulator API through the real SDK', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await startWorld({ maxPageSize: 2 });
  });
  afterEach(async () => {
    await stopWorld(world);
  });

  describe('compositions', () => {
    it('GIVEN a stage WHEN StartComposition with defaults omitted THEN the answer echoes the request with AWS defaults filled in', async () => {
      const { composition } = await world.client.send(
        new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [{ ...S3_DESTINATION, name: 'rec' }], tags: { a: '1' } }),
      );
      expect(composition!.arn).to.match(/^arn:aws:ivs:us-east-1:123456789012:composition\/[a-zA-Z0-9]{12}$/);
      expect(composition!.state).to.equal('STARTING');
      expect(composition!.layout).to.deep.equal({
        grid: { featuredParticipantAttribute: '', omitStoppedVideo: false, videoAspectRatio: 'VIDEO', gridGap: 2, participantOrderAttribute: '' },
      });
      const destination = composition!.destinations![0]!;
      expect(destination.id).to.match(/^[a-zA-Z0-9]{12}$/);
      expect(destination.configuration).to.deep.equal({
        name: 'rec',
        s3: {
          storageConfigurationArn: STORAGE_ARN,
          encoderConfigurationArns: [ENCODER_ARN],
          recordingConfiguration: { format: 'HLS', hlsConfiguration: { targetSegmentDurationSeconds: 2 } },
          thumbnailConfigurations: [{ targetIntervalSeconds: 60, storage: ['SEQUENTIAL'] }],
        },
      });
      expect(destination.detail?.s3?.recordingPrefix).to.be.a('string').and.not.equal('');
      expect(composition!.startTime).to.be.instanceOf(Date);
      expect(composition!.tags).to.deep.equal({ a: '1' });
    });

    it('GIVEN a pip layout with some fields WHEN started THEN the missing pip fields get their defaults', async () => {
      const { composition } = await world.client.send(
        new StartCompositionCommand({ stageArn: STAGE_ARN, layout: { pip: { pipWidth: 320, gridGap: 4 } }, destinations: [S3_DESTINATION] }),
      );
      expect(composition!.layout).to.deep.equal({
        pip: {
          featuredParticipantAttribute: '',
          omitStoppedVideo: false,
          videoFillMode: 'COVER',
          gridGap: 4,
          pipParticipantAttribute: '',
          pipBehavior: 'STATIC',
          pipOffset: 0,
          pipPosition: 'BOTTOM_RIGHT',
          participantOrderAttribute: '',
          pipWidth: 320,
        },
      });
    });

    it('GIVEN a started composition WHEN Get, List and Stop THEN each answers like AWS', async () => {
      const { composition } = await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION], tags: { k: 'v' } }));
      const got = await world.client.send(new GetCompositionCommand({ arn: composition!.arn }));
      expect(got.composition!.arn).to.equal(composition!.arn);
      const listed = await world.client.send(new ListCompositionsCommand({ filterByStageArn: STAGE_ARN }));
      expect(listed.compositions!.map((c) => [c.arn, c.state, c.tags])).to.deep.equal([[composition!.arn, 'STARTING', { k: 'v' }]]);
      expect(listed.compositions![0]!.destinations![0]!.state).to.equal('STARTING');
      await world.client.send(new StopCompositionCommand({ arn: composition!.arn }));
      const stopping = await world.client.send(new GetCompositionCommand({ arn: composition!.arn }));
      expect(stopping.composition!.state).to.equal('STOPPING');
    });

    it('GIVEN compositions on two stages WHEN ListCompositions filters by encoder or stage THEN only matching ones are listed', async () => {
      const a = await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
      const stageB = world.handle.emulator.stageArnOf('empty');
      await world.client.send(new StartCompositionCommand({ stageArn: stageB, destinations: [{ channel: { channelArn: CHANNEL_ARN } }] }));
      const byEncoder = await world.client.send(new ListCompositionsCommand({ filterByEncoderConfigurationArn: ENCODER_ARN }));
      expect(byEncoder.compositions!.map((c) => c.arn)).to.deep.equal([a.composition!.arn]);
      const byStage = await world.client.send(new ListCompositionsCommand({ filterByStageArn: stageB }));
      expect(byStage.compositions!.map((c) => c.stageArn)).to.deep.equal([stageB]);
    });
  });

  describe('errors surface as the SDK typed exceptions', () => {
    const cases: { name: string; run: (w: TestWorld) => Promise<unknown>; type: new (...args: never[]) => Error; status: number }[] = [
      { name: 'malformed ARN -> ValidationException', run: (w) => w.client.send(new GetCompositionCommand({ arn: 'not-an-arn' })), type: ValidationException, status: 400 },
      {
        name: 'unknown composition -> ResourceNotFoundException',
        run: (w) => w.client.send(new GetCompositionCommand({ arn: 'arn:aws:ivs:us-east-1:123456789012:composition/Nope12345678' })),
        type: ResourceNotFoundException,
        status: 404,
      },
      {
        name: 'unknown stage on start -> ResourceNotFoundException',
        run: (w) => w.client.send(new StartCompositionCommand({ stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/Nope12345678', destinations: [S3_DESTINATION] })),
        type: ResourceNotFoundException,
        status: 404,
      },
      {
        name: 'unknown storage configuration -> ResourceNotFoundException',
        run: (w) =>
          w.client.send(
            new StartCompositionCommand({
              stageArn: STAGE_ARN,
              destinations: [{ s3: { storageConfigurationArn: 'arn:aws:ivs:us-east-1:123456789012:storage-configuration/Nope12345678', encoderConfigurationArns: [ENCODER_ARN] } }],
            }),
          ),
        type: ResourceNotFoundException,
        status: 404,
      },
      {
        name: 'deleting a configuration a running composition uses -> ConflictException',
        run: async (w) => {
          await w.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
          return w.client.send(new DeleteStorageConfigurationCommand({ arn: STORAGE_ARN }));
        },
        type: ConflictException,
        status: 409,
      },
      {
        name: 'per-stage quota -> ServiceQuotaExceededException',
        run: async (w) => {
          for (let i = 0; i < 5; i++) await w.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
          return w.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
        },
        type: ServiceQuotaExceededException,
        status: 402,
      },
      {
        name: 'injected fault -> InternalServerException',
        run: (w) => {
          w.handle.emulator.configureFaults({ ListStages: { internalErrorRate: 1 } });
          return w.client.send(new ListStagesCommand({}));
        },
        type: InternalServerException,
        status: 500,
      },
    ];
    for (const c of cases) {
      it(`GIVEN ${c.name}`, async () => {
        const error = await rejectionOf(c.run(world));
        expect(error).to.be.instanceOf(c.type);
        expect(error.$metadata?.httpStatusCode).to.equal(c.status);
        expect((error as unknown as { exceptionMessage?: string }).exceptionMessage).to.be.a('string').and.not.equal('');
      });
    }

    it('GIVEN throttling WHEN called with retries off THEN a ThrottlingException service exception with status 429', async () => {
      world.handle.emulator.configureFaults({ '*': { throttleRate: 1 } });
      const error = await rejectionOf(world.client.send(new ListStagesCommand({})));
      expect(error).to.be.instanceOf(IVSRealTimeServiceException);
      expect(error.name).to.equal('ThrottlingException');
      expect(error.$metadata?.httpStatusCode).to.equal(429);
    });
  });

  describe('idempotency', () => {
    it('GIVEN a token used once WHEN the same request repeats THEN the same composition comes back and no second one starts', async () => {
      const input = { stageArn: STAGE_ARN, idempotencyToken: 'tok-1', destinations: [S3_DESTINATION], tags: { a: 'b' } };
      const first = await world.client.send(new StartCompositionCommand(input));
      const second = await world.client.send(new StartCompositionCommand(input));
      expect(second.composition!.arn).to.equal(first.composition!.arn);
      expect(world.handle.emulator.compositions()).to.have.length(1);
    });

    it('GIVEN a token used once WHEN a different request reuses it THEN ConflictException', async () => {
      await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, idempotencyToken: 'tok-2', destinations: [S3_DESTINATION] }));
      const error = await rejectionOf(
        world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, idempotencyToken: 'tok-2', destinations: [S3_DESTINATION], tags: { changed: 'yes' } })),
      );
      expect(error).to.be.instanceOf(ConflictException);
    });

    it('GIVEN the composition of a token was purged after retention WHEN the token is reused within 24 h THEN the original comes back, STOPPED; after 24 h unused a new one starts', async () => {
      const input = { stageArn: STAGE_ARN, idempotencyToken: 'tok-3', destinations: [S3_DESTINATION] };
      const first = await world.client.send(new StartCompositionCommand(input));
      await world.client.send(new StopCompositionCommand({ arn: first.composition!.arn }));
      world.handle.emulator.advanceClock(1000 + 300_000);
      expect(world.handle.emulator.compositions()).to.deep.equal([]);
      const again = await world.client.send(new StartCompositionCommand(input));
      expect(again.composition!.arn).to.equal(first.composition!.arn);
      expect(again.composition!.state).to.equal('STOPPED');
      expect(again.composition!.startTime).to.deep.equal(first.composition!.startTime);
      expect(world.handle.emulator.compositions()).to.deep.equal([]);
      world.handle.emulator.advanceClock(24 * 3600_000);
      const later = await world.client.send(new StartCompositionCommand(input));
      expect(later.composition!.arn).to.not.equal(first.composition!.arn);
    });

    it('GIVEN tokenMemoryMs 0 WHEN a purged composition\'s token is reused THEN a new composition starts (tokens go with their composition)', async () => {
      const forgetful = await startWorld({ tokenMemoryMs: 0 });
      try {
        const input = { stageArn: STAGE_ARN, idempotencyToken: 'tok-4', destinations: [S3_DESTINATION] };
        const first = await forgetful.client.send(new StartCompositionCommand(input));
        await forgetful.client.send(new StopCompositionCommand({ arn: first.composition!.arn }));
        forgetful.handle.emulator.advanceClock(1000 + 300_000);
        const second = await forgetful.client.send(new StartCompositionCommand(input));
        expect(second.composition!.arn).to.not.equal(first.composition!.arn);
      } finally {
        await stopWorld(forgetful);
      }
    });
  });

  describe('injected request failures', () => {
    it('GIVEN failRequests for one stage WHEN StartComposition goes there and elsewhere THEN only that stage\'s start fails, with the error named, `times` times', async () => {
      world.handle.emulator.configureFaults({ StartComposition: { failRequests: [{ stageArn: STAGE_ARN, error: 'AccessDeniedException', times: 1 }] } });
      const error = await rejectionOf(world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] })));
      expect((error as Error).name).to.equal('AccessDeniedException');
      const ok = await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
      expect(ok.composition!.state).to.equal('STARTING');
      expect(world.handle.emulator.callCounts().injectedErrors.StartComposition).to.equal(1);
    });

    it('GIVEN failRequests for a tag value prefix WHEN a start carries another value THEN it passes', async () => {
      world.handle.emulator.configureFaults({ StartComposition: { failRequests: [{ tag: { key: 'stageform:spec', valuePrefix: 'abc' }, error: 'ResourceNotFoundException' }] } });
      const failed = await rejectionOf(world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION], tags: { 'stageform:spec': 'abc.123' } })));
      expect((failed as Error).name).to.equal('ResourceNotFoundException');
      const ok = await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION], tags: { 'stageform:spec': 'def.123' } }));
      expect(ok.composition!.arn).to.be.a('string');
    });
  });

  describe('pagination', () => {
    it('GIVEN more items than the page cap WHEN paging with nextToken THEN every item comes once, in creation order', async () => {
      const started: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
        started.push(r.composition!.arn!);
      }
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await world.client.send(new ListCompositionsCommand({ nextToken, maxResults: 100 }));
        expect(page.compositions!.length).to.be.at.most(2);
        seen.push(...page.compositions!.map((c) => c.arn!));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      expect(seen).to.deep.equal(started);
      expect(pages).to.equal(3);
    });

    it('GIVEN maxResults 1 WHEN listing stages THEN one per page', async () => {
      const page = await world.client.send(new ListStagesCommand({ maxResults: 1 }));
      expect(page.stages).to.have.length(1);
      expect(page.nextToken).to.be.a('string');
    });

    it('GIVEN a forged nextToken WHEN listing THEN ValidationException', async () => {
      const error = await rejectionOf(world.client.send(new ListCompositionsCommand({ nextToken: 'Zm9yZ2Vk' })));
      expect(error).to.be.instanceOf(ValidationException);
    });

    it('GIVEN a stage token WHEN used for compositions THEN ValidationException', async () => {
      const page = await world.client.send(new ListStagesCommand({ maxResults: 1 }));
      const error = await rejectionOf(world.client.send(new ListCompositionsCommand({ nextToken: page.nextToken })));
      expect(error).to.be.instanceOf(ValidationException);
    });
  });

  describe('stages and participants', () => {
    it('GIVEN CreateStage WHEN Get, Update, List and Delete THEN the stage goes through each', async () => {
      const created = await world.client.send(new CreateStageCommand({ name: 'evening', tags: { t: '1' }, participantTokenConfigurations: [{ userId: 'u1' }] }));
      const arn = created.stage!.arn!;
      expect(arn).to.match(/^arn:aws:ivs:us-east-1:123456789012:stage\/[a-zA-Z0-9]{12}$/);
      expect(created.participantTokens).to.have.length(1);
      await world.client.send(new UpdateStageCommand({ arn, name: 'late' }));
      expect((await world.client.send(new GetStageCommand({ arn }))).stage!.name).to.equal('late');
      const all: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await world.client.send(new ListStagesCommand({ nextToken }));
        all.push(...page.stages!.map((s) => s.name ?? ''));
        nextToken = page.nextToken;
      } while (nextToken);
      expect(all).to.deep.equal(['morning-show', 'empty', 'late']);
      await world.client.send(new DeleteStageCommand({ arn }));
      expect(await rejectionOf(world.client.send(new GetStageCommand({ arn })))).to.be.instanceOf(ResourceNotFoundException);
    });

    it('GIVEN a stage with a participant WHEN GetStage and ListParticipants THEN the session id is st- + 13 chars and the participant is listed', async () => {
      const { stage } = await world.client.send(new GetStageCommand({ arn: STAGE_ARN }));
      expect(stage!.activeSessionId).to.match(/^st-[a-zA-Z0-9]{13}$/);
      const listed = await world.client.send(new ListParticipantsCommand({ stageArn: STAGE_ARN, sessionId: stage!.activeSessionId }));
      expect(listed.participants!.map((p) => [p.userId, p.state, p.published])).to.deep.equal([['host-1', 'CONNECTED', true]]);
    });

    it('GIVEN the last participant leaves WHEN GetStage THEN no active session', async () => {
      world.handle.emulator.leaveParticipant('morning-show');
      const { stage } = await world.client.send(new GetStageCommand({ arn: STAGE_ARN }));
      expect(stage!.activeSessionId).to.equal(undefined);
    });

    it('GIVEN a running composition on a stage WHEN DeleteStage THEN ConflictException', async () => {
      await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION] }));
      expect(await rejectionOf(world.client.send(new DeleteStageCommand({ arn: STAGE_ARN })))).to.be.instanceOf(ConflictException);
    });
  });

  describe('encoder and storage configurations', () => {
    it('GIVEN Create WHEN Get, List and Delete THEN each answers', async () => {
      const enc = await world.client.send(new CreateEncoderConfigurationCommand({ name: 'sd', video: { width: 640, height: 360 } }));
      expect(enc.encoderConfiguration!.video).to.deep.equal({ width: 640, height: 360, framerate: 30, bitrate: 2500000 });
      const sto = await world.client.send(new CreateStorageConfigurationCommand({ name: 'b', s3: { bucketName: 'my-bucket' } }));
      expect((await world.client.send(new GetEncoderConfigurationCommand({ arn: enc.encoderConfiguration!.arn }))).encoderConfiguration!.name).to.equal('sd');
      expect((await world.client.send(new GetStorageConfigurationCommand({ arn: sto.storageConfiguration!.arn }))).storageConfiguration!.s3).to.deep.equal({ bucketName: 'my-bucket' });
      const encs = await world.client.send(new ListEncoderConfigurationsCommand({}));
      expect(encs.encoderConfigurations!.map((e) => e.name)).to.deep.equal(['hd', 'sd']);
      const stos = await world.client.send(new ListStorageConfigurationsCommand({}));
      expect(stos.storageConfigurations!.map((e) => e.name)).to.deep.equal(['archive', 'b']);
      await world.client.send(new DeleteEncoderConfigurationCommand({ arn: enc.encoderConfiguration!.arn }));
      await world.client.send(new DeleteStorageConfigurationCommand({ arn: sto.storageConfiguration!.arn }));
      const error = await rejectionOf(world.client.send(new GetEncoderConfigurationCommand({ arn: enc.encoderConfiguration!.arn })));
      expect(error).to.be.instanceOf(ResourceNotFoundException);
    });
  });

  describe('tags on every resource kind', () => {
    const kinds: { kind: string; arn: (w: TestWorld) => Promise<string> }[] = [
      { kind: 'stage', arn: async () => STAGE_ARN },
      { kind: 'channel', arn: async () => CHANNEL_ARN },
      { kind: 'encoder-configuration', arn: async () => ENCODER_ARN },
      { kind: 'storage-configuration', arn: async () => STORAGE_ARN },
      {
        kind: 'composition',
        arn: async (w) => (await w.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [CHANNEL_DESTINATION] }))).composition!.arn!,
      },
    ];
    for (const k of kinds) {
      it(`GIVEN a ${k.kind} WHEN TagResource, ListTagsForResource, UntagResource THEN tags change in place`, async () => {
        const arn = await k.arn(world);
        await world.client.send(new TagResourceCommand({ resourceArn: arn, tags: { x: '1', y: '2' } }));
        const tagged = await world.client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
        expect(tagged.tags).to.include({ x: '1', y: '2' });
        await world.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['x', 'y'] }));
        const after = await world.client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
        expect(after.tags).to.not.have.any.keys('x', 'y');
      });
    }

    it('GIVEN an unknown resource ARN WHEN tagging THEN ResourceNotFoundException', async () => {
      const error = await rejectionOf(world.client.send(new TagResourceCommand({ resourceArn: 'arn:aws:ivs:us-east-1:123456789012:stage/Nope12345678', tags: { a: 'b' } })));
      expect(error).to.be.instanceOf(ResourceNotFoundException);
    });

    it('GIVEN an aws: tag key WHEN tagging THEN ValidationException', async () => {
      const error = await rejectionOf(world.client.send(new TagResourceCommand({ resourceArn: STAGE_ARN, tags: { 'aws:x': 'b' } })));
      expect(error).to.be.instanceOf(ValidationException);
    });

    // AWS's tagging rules: neither keys nor values start with aws: (any case); letters, digits, spaces and _ . : / = + - @.
    const breaking: Record<string, string>[] = [{ 'AWS:x': 'b' }, { kind: 'aws:x' }, { kind: 'Aws:x' }, { 'a#b': 'c' }, { kind: '50%' }, { kind: 'x'.repeat(257) }];
    for (const tags of breaking) {
      it(`GIVEN tags ${JSON.stringify(tags).slice(0, 40)} WHEN tagging or starting a composition THEN ValidationException and nothing starts`, async () => {
        expect(await rejectionOf(world.client.send(new TagResourceCommand({ resourceArn: STAGE_ARN, tags })))).to.be.instanceOf(ValidationException);
        expect(await rejectionOf(world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION], tags })))).to.be.instanceOf(ValidationException);
        expect(world.handle.emulator.compositions()).to.deep.equal([]);
      });
    }

    it('GIVEN tags of letters in any script, digits, spaces and _ . : / = + - @ WHEN starting THEN they are accepted', async () => {
      const tags = { 'équipe média': 'café 1_2.3:4/5=6+7-8@9', empty: '' };
      const started = await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [S3_DESTINATION], tags }));
      expect(started.composition?.tags).to.deep.equal(tags);
    });
  });
});
