// init --from-live's manifests from live state: names the schema accepts, unique, and the same
// files for the same live state whatever order it was read in.
import { expect } from 'chai';
import type { LiveComposition, LiveStage } from '../core/model/live.js';
import { normalizeSpec } from '../core/model/spec.js';
import { buildLiveManifests } from '../core/render/live-manifests.js';

const ARN = 'arn:aws:ivs:us-east-1:123456789012';
const S3 = { storageConfigurationArn: `${ARN}:storage-configuration/Store1`, encoderConfigurationArns: [`${ARN}:encoder-configuration/Enc1`] };

function running(id: string, stage: string, destinations: Parameters<typeof normalizeSpec>[0]['destinations'], tags: Record<string, string> = {}): LiveComposition {
  const stageArn = `${ARN}:stage/${stage}`;
  return { arn: `${ARN}:composition/${id}`, stageArn, state: 'ACTIVE', tags, destinations: [], canonical: normalizeSpec({ stageArn, destinations }) };
}

const STAGES: LiveStage[] = [
  { arn: `${ARN}:stage/B`, name: 'Show', tags: {} },
  { arn: `${ARN}:stage/A`, name: 'Show', tags: {} },
  { arn: `${ARN}:stage/C`, name: 'Night News!', tags: {} },
  { arn: `${ARN}:stage/Dd9`, tags: {} },
  { arn: `${ARN}:stage/E`, name: 'quiet', tags: {} },
];
const COMPOSITIONS: LiveComposition[] = [
  running('c2', 'A', [{ s3: S3 }]),
  running('c1', 'A', [{ s3: S3 }]),
  running('c3', 'A', [{ channel: { channelArn: `${ARN}:channel/Ch1` } }], { owner: 'script', 'stageform:spec': 'x', 'aws:cloudformation:stack-name': 'ops' }),
  running('c4', 'A', [{ channel: { channelArn: `${ARN}:channel/Ch2` } }]),
  running('c5', 'B', [{ s3: S3 }]),
  running('c6', 'C', [{ channel: { channelArn: `${ARN}:channel/Ch3` } }]),
  running('c7', 'Dd9', [{ s3: S3 }]),
];

describe('buildLiveManifests', () => {
  const input = { stages: STAGES, compositions: COMPOSITIONS, channelNames: { [`${ARN}:channel/Ch1`]: 'Main Feed', [`${ARN}:channel/Ch3`]: '___' }, takenNames: ['night-news'] };

  it('GIVEN stages and compositions THEN names come from stage and channel names, unique in the project and on the stage, in ARN order', () => {
    const built = buildLiveManifests(input);
    const summary = built.manifests.map((m) => [m.path, m.stageArn.split('/')[1], m.compositions.map((c) => `${c.name}=${c.arn.split('/')[1]}`).join(' ')]);
    expect(summary).to.deep.equal([
      // `night-news` is taken by the project; a channel name with nothing usable falls back to `program`.
      ['stages/dd9.yaml', 'Dd9', 'recording=c7'],
      ['stages/night-news-2.yaml', 'C', 'program=c6'],
      ['stages/show.yaml', 'A', 'main-feed=c3 program=c4 recording=c1 recording-2=c2'],
      ['stages/show-2.yaml', 'B', 'recording=c5'],
    ]);
    expect(built.emptyStages.map((s) => s.name)).to.deep.equal(['quiet']);
  });

  it('GIVEN the same live state in another order THEN the files are byte for byte the same', () => {
    const again = buildLiveManifests({ ...input, stages: [...STAGES].reverse(), compositions: [...COMPOSITIONS].reverse() });
    expect(again).to.deep.equal(buildLiveManifests(input));
  });

  it("GIVEN a composition's tags THEN its own tags are kept, stageform's and AWS's reserved ones are not, and every composition says adopt: true", () => {
    const show = buildLiveManifests(input).manifests.find((m) => m.name === 'show')!;
    expect(show.text).to.include('    - name: main-feed\n      destinations:\n        - channel:\n            channelArn: arn:aws:ivs:us-east-1:123456789012:channel/Ch1\n      tags:\n        owner: script\n      adopt: true\n');
    expect(show.text).not.to.include('stageform:spec');
    expect(show.text).not.to.include('aws:cloudformation');
    expect(show.text.match(/adopt: true/g)).to.have.length(4);
  });
});
