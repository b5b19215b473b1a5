// TagResource, UntagResource and ListTagsForResource, on every taggable resource: stages,
// compositions, channels, encoder and storage configurations.
import { invalid, notFound } from '../api-error.js';
import type { OperationTable, World } from '../world.js';
import type { Tags } from '../world-state.js';

const ARN_PATTERN = /^arn:aws:ivs:([a-z0-9-]+):([0-9]+):([a-z-]+)\/([a-zA-Z0-9-]+)$/;
const MAX_TAGS = 50;

export const TAG_OPERATIONS: OperationTable = {
  TagResource: (world, i) => {
    tagResource(world, i.resourceArn as string, i.tags as Tags);
    return {};
  },
  UntagResource: (world, i) => {
    const resource = requireTaggable(world, i.resourceArn as string);
    for (const key of i.tagKeys as string[]) delete resource.tags[key];
    world.markChanged();
    return {};
  },
  ListTagsForResource: (world, i) => ({ tags: { ...requireTaggable(world, i.resourceArn as string).tags } }),
};

function requireTaggable(world: World, arn: string): { tags: Tags } {
  const { state } = world;
  const all: { arn: string; tags: Tags }[] = [...state.stages, ...state.compositions, ...state.channels, ...state.encoderConfigurations, ...state.storageConfigurations];
  const found = all.find((r) => r.arn === arn);
  if (!found) {
    if (!ARN_PATTERN.test(arn)) throw invalid(`Value at 'resourceArn' failed to satisfy constraint: not a valid IVS ARN: ${arn}`);
    throw notFound('Resource', arn);
  }
  return found;
}

/**
 * AWS's tagging rules ("Tag naming limits and requirements"): neither keys nor values may start
 * with `aws:` in any case; keys 1-128 and values 0-256 characters of letters, digits, spaces and
 * `_ . : / = + - @`. Checked by TagResource and StartComposition alike.
 */
export function checkTagRules(tags: Tags): void {
  for (const [key, value] of Object.entries(tags)) {
    if (/^aws:/i.test(key)) throw invalid(`Tag keys starting with "aws:" are reserved: ${key}`);
    if (/^aws:/i.test(value)) throw invalid(`Tag values starting with "aws:" are reserved: ${key}=${value}`);
    if (!TAG_TEXT.test(key) || [...key].length < 1 || [...key].length > 128) throw invalid(`Value at 'tags' failed to satisfy constraint: tag key ${JSON.stringify(key)}`);
    if (!TAG_TEXT.test(value) || [...value].length > 256) throw invalid(`Value at 'tags' failed to satisfy constraint: value of tag ${JSON.stringify(key)}`);
  }
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+@-]*$/u;

function tagResource(world: World, arn: string, tags: Tags): void {
  const resource = requireTaggable(world, arn);
  checkTagRules(tags);
  const merged = { ...resource.tags, ...tags };
  if (Object.keys(merged).length > MAX_TAGS) throw invalid(`A resource can have at most ${MAX_TAGS} tags`);
  resource.tags = merged;
  world.markChanged();
}
