import { expect } from 'chai';
import { normalizeSpec, hashSpec, toManifestSpec } from '../core/model/spec.js';

const STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGh1234';
const S3 = {
  storageConfigurationArn: 'arn:aws:ivs:us-east-1:123456789012:storage-configuration/AbCdEfGh1234',
  encoderConfigurationArns: ['arn:aws:ivs:us-east-1:123456789012:encoder-configuration/AbCdEfGh1234'],
};

describe('normalizeSpec', () => {
  const cases: { name: string; a: Parameters<typeof normalizeSpec>[0]; b: Parameters<typeof normalizeSpec>[0]; same: boolean }[] = [
    { name: 'omitted layout is a grid with AWS defaults', a: { stageArn: STAGE, destinations: [{ s3: S3 }] }, b: { stageArn: STAGE, layout: { grid: { gridGap: 2, videoAspectRatio: 'VIDEO', omitStoppedVideo: false } }, destinations: [{ s3: S3 }] }, same: true },
    { name: 'pip defaults written out', a: { stageArn: STAGE, layout: { pip: {} }, destinations: [{ s3: S3 }] }, b: { stageArn: STAGE, layout: { pip: { gridGap: 0, pipPosition: 'BOTTOM_RIGHT', pipBehavior: 'STATIC', pipOffset: 0 } }, destinations: [{ s3: S3 }] }, same: true },
    { name: 'grid and pip differ', a: { stageArn: STAGE, layout: { pip: {} }, destinations: [{ s3: S3 }] }, b: { stageArn: STAGE, layout: { grid: {} }, destinations: [{ s3: S3 }] }, same: false },
    { name: 'S3 recording and thumbnail defaults', a: { stageArn: STAGE, destinations: [{ s3: S3 }] }, b: { stageArn: STAGE, destinations: [{ s3: { ...S3, recordingConfiguration: { format: 'HLS', hlsConfiguration: { targetSegmentDurationSeconds: 2 } }, thumbnailConfigurations: [{ targetIntervalSeconds: 60, storage: ['SEQUENTIAL'] }] } }] }, same: true },
    { name: 'a changed segment duration differs', a: { stageArn: STAGE, destinations: [{ s3: S3 }] }, b: { stageArn: STAGE, destinations: [{ s3: { ...S3, recordingConfiguration: { hlsConfiguration: { targetSegmentDurationSeconds: 6 } } } }] }, same: false },
    { name: 'destination order does not matter', a: { stageArn: STAGE, destinations: [{ name: 'a', s3: S3 }, { name: 'b', channel: { channelArn: 'arn:aws:ivs:us-east-1:123456789012:channel/x' } }] }, b: { stageArn: STAGE, destinations: [{ name: 'b', channel: { channelArn: 'arn:aws:ivs:us-east-1:123456789012:channel/x' } }, { name: 'a', s3: S3 }] }, same: true },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.same ? 'same' : 'different'} hash`, () => {
      expect(hashSpec(normalizeSpec(c.a)) === hashSpec(normalizeSpec(c.b))).to.equal(c.same);
    });
  }
});

describe('toManifestSpec (the inverse of normalizeSpec)', () => {
  const CHANNEL = 'arn:aws:ivs:us-east-1:123456789012:channel/ChAnNeL1';
  const ENCODER = 'arn:aws:ivs:us-east-1:123456789012:encoder-configuration/EnC1';
  // As GetComposition answers: every field present, defaults included.
  const cases: { name: string; live: Parameters<typeof normalizeSpec>[0]; manifest: ReturnType<typeof toManifestSpec> }[] = [
    {
      name: 'a grid of defaults and a channel: no layout, nothing but the ARN',
      live: { stageArn: STAGE, layout: { grid: { featuredParticipantAttribute: '', omitStoppedVideo: false, videoAspectRatio: 'VIDEO', gridGap: 2, participantOrderAttribute: '' } }, destinations: [{ name: 'live', channel: { channelArn: CHANNEL } }] },
      manifest: { destinations: [{ name: 'live', channel: { channelArn: CHANNEL } }] },
    },
    {
      name: 'a grid with non-default settings keeps only those',
      live: { stageArn: STAGE, layout: { grid: { featuredParticipantAttribute: 'featured', omitStoppedVideo: true, videoAspectRatio: 'AUTO', videoFillMode: 'CONTAIN', gridGap: 2, participantOrderAttribute: '' } }, destinations: [{ channel: { channelArn: CHANNEL, encoderConfigurationArn: ENCODER } }] },
      manifest: { layout: { grid: { featuredParticipantAttribute: 'featured', omitStoppedVideo: true, videoAspectRatio: 'AUTO', videoFillMode: 'CONTAIN' } }, destinations: [{ channel: { channelArn: CHANNEL, encoderConfigurationArn: ENCODER } }] },
    },
    {
      name: 'a pip of defaults stays a pip',
      live: { stageArn: STAGE, layout: { pip: { featuredParticipantAttribute: '', omitStoppedVideo: false, videoFillMode: 'COVER', gridGap: 0, pipParticipantAttribute: '', pipBehavior: 'STATIC', pipOffset: 0, pipPosition: 'BOTTOM_RIGHT', participantOrderAttribute: '' } }, destinations: [{ s3: S3 }] },
      manifest: { layout: { pip: {} }, destinations: [{ s3: S3 }] },
    },
    {
      name: 'a pip with non-default settings, both destinations, S3 defaults written out',
      live: {
        stageArn: STAGE,
        layout: { pip: { pipPosition: 'TOP_LEFT', pipBehavior: 'DYNAMIC', pipWidth: 320, pipHeight: 180, gridGap: 0 } },
        destinations: [
          { name: 'archive', s3: { ...S3, recordingConfiguration: { format: 'HLS', hlsConfiguration: { targetSegmentDurationSeconds: 2 } }, thumbnailConfigurations: [{ targetIntervalSeconds: 60, storage: ['SEQUENTIAL'] }] } },
          { name: 'live', channel: { channelArn: CHANNEL } },
        ],
      },
      manifest: { layout: { pip: { pipBehavior: 'DYNAMIC', pipHeight: 180, pipPosition: 'TOP_LEFT', pipWidth: 320 } }, destinations: [{ name: 'live', channel: { channelArn: CHANNEL } }, { name: 'archive', s3: S3 }] },
    },
    {
      name: 'S3 with a longer segment and latest thumbnails every 30 s',
      live: { stageArn: STAGE, destinations: [{ s3: { ...S3, recordingConfiguration: { format: 'HLS', hlsConfiguration: { targetSegmentDurationSeconds: 6 } }, thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: ['LATEST', 'SEQUENTIAL'] }] } }] },
      manifest: { destinations: [{ s3: { ...S3, recordingConfiguration: { hlsConfiguration: { targetSegmentDurationSeconds: 6 } }, thumbnailConfigurations: [{ storage: ['LATEST', 'SEQUENTIAL'], targetIntervalSeconds: 30 }] } }] },
    },
    {
      name: 'S3 without thumbnails is written as an empty list (omitted would mean one of defaults)',
      live: { stageArn: STAGE, destinations: [{ s3: { ...S3, thumbnailConfigurations: [] } }] },
      manifest: { destinations: [{ s3: { ...S3, thumbnailConfigurations: [] } }] },
    },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} THEN the manifest leaves out every default, and reads back as the live canonical spec`, () => {
      const canonical = normalizeSpec(c.live);
      const manifest = toManifestSpec(canonical);
      expect(manifest).to.deep.equal(c.manifest);
      expect(normalizeSpec({ stageArn: STAGE, ...manifest })).to.deep.equal(canonical);
    });
  }
});
