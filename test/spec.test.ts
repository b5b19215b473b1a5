import { expect } from 'chai';
import { normalizeSpec, hashSpec } from '../core/model/spec.js';

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
