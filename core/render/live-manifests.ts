// `init --from-live`: manifests that describe running compositions, one per stage, each marked
// `adopt: true` so that the next plan adopts them (tags only) instead of starting new ones. Pure:
// the same live state and taken names give the same files, byte for byte.
import { stringify } from 'yaml';
import type { LiveComposition, LiveStage } from '../model/live.js';
import { userTags } from '../model/ownership.js';
import { checkTag } from '../model/tag-rules.js';
import { claimUniqueName, toResourceName } from '../model/resource-names.js';
import { toManifestSpec } from '../model/spec.js';
import { compareStrings } from '../util/canonical-json.js';
import { parseIvsArn } from '../util/arn.js';

/** Where a manifest is written, relative to the project root (POSIX separators). */
export const LIVE_MANIFEST_DIR = 'stages';
const MODELINE = '# yaml-language-server: $schema=../node_modules/stageform/schema/stage-compositions.schema.json';

export interface LiveManifestInput {
  /** The stages to write manifests for. */
  readonly stages: readonly LiveStage[];
  /** Running compositions no project owns, read in full (`canonical` set). */
  readonly compositions: readonly LiveComposition[];
  /** Channel ARN -> name, where the channel has one. */
  readonly channelNames: Readonly<Record<string, string>>;
  /** Manifest names the project uses already. */
  readonly takenNames: readonly string[];
}

export interface LiveManifest {
  /** Relative to the project root, e.g. `stages/news.yaml`. */
  readonly path: string;
  readonly name: string;
  readonly stageArn: string;
  /** Sorted by name. */
  readonly compositions: readonly { readonly name: string; readonly arn: string }[];
  readonly text: string;
}

export interface LiveManifestSet {
  /** Sorted by name. */
  readonly manifests: readonly LiveManifest[];
  /** Stages with nothing to write, sorted by ARN. */
  readonly emptyStages: readonly LiveStage[];
}

export function buildLiveManifests(input: LiveManifestInput): LiveManifestSet {
  const taken = new Set(input.takenNames);
  const manifests: LiveManifest[] = [];
  const emptyStages: LiveStage[] = [];
  // Names are claimed in ARN order, so that two stages of one name always get them the same way round.
  for (const stage of [...input.stages].sort((a, b) => compareStrings(a.arn, b.arn))) {
    const running = input.compositions.filter((c) => c.stageArn === stage.arn && c.canonical);
    if (running.length === 0) {
      emptyStages.push(stage);
      continue;
    }
    const name = claimUniqueName(toResourceName(stage.name ?? '') || toResourceName(parseIvsArn(stage.arn)?.id ?? '') || 'stage', taken);
    const compositions = nameCompositions(running, input.channelNames);
    manifests.push({
      path: `${LIVE_MANIFEST_DIR}/${name}.yaml`,
      name,
      stageArn: stage.arn,
      compositions: compositions.map(({ name: n, composition }) => ({ name: n, arn: composition.arn })),
      text: renderManifest(name, stage, compositions),
    });
  }
  manifests.sort((a, b) => compareStrings(a.name, b.name));
  return { manifests, emptyStages };
}

/**
 * A composition is named after what it writes to: the channel's name (else `program`) when it
 * broadcasts, `recording` when it only records. Unique on the stage, claimed in ARN order.
 */
function nameCompositions(compositions: readonly LiveComposition[], channelNames: Readonly<Record<string, string>>): { name: string; composition: LiveComposition }[] {
  const based = compositions.map((composition) => {
    const channel = composition.canonical!.destinations.find((d) => d.channel)?.channel;
    const base = channel ? toResourceName(channelNames[channel.channelArn] ?? '') || 'program' : 'recording';
    return { base, composition };
  });
  based.sort((a, b) => compareStrings(a.base, b.base) || compareStrings(a.composition.arn, b.composition.arn));
  const taken = new Set<string>();
  const named = based.map(({ base, composition }) => ({ name: claimUniqueName(base, taken), composition }));
  return named.sort((a, b) => compareStrings(a.name, b.name));
}

function renderManifest(name: string, stage: LiveStage, compositions: readonly { name: string; composition: LiveComposition }[]): string {
  const document = {
    apiVersion: 'stageform/v1',
    kind: 'StageCompositions',
    metadata: { name },
    spec: {
      stageArn: stage.arn,
      compositions: compositions.map(({ name: compositionName, composition }) => {
        // A tag the manifest format refuses (an AWS-reserved `aws:` one) cannot be declared: left out.
        const tags = Object.fromEntries(Object.entries(userTags(composition.tags)).filter(([key, value]) => checkTag(key, value).length === 0));
        return {
          name: compositionName,
          ...toManifestSpec(composition.canonical!),
          ...(Object.keys(tags).length > 0 ? { tags } : {}),
          adopt: true,
        };
      }),
    },
  };
  const about = `# The compositions running on stage ${stage.name ? `${oneLine(stage.name)} (${stage.arn})` : stage.arn}, as stageform init --from-live found them.`;
  return `${MODELINE}\n${about}\n${stringify(document, { lineWidth: 0 })}`;
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
