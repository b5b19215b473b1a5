// Ownership and identity live in tags stageform writes at start (compositions have no name).
import type { Tags } from './aws-shapes.js';
import { sha256Hex, stringifyCanonical } from '../util/canonical-json.js';

export const TAG_PREFIX = 'stageform:';
export const TAG_PROJECT = 'stageform:project';
export const TAG_ADDRESS = 'stageform:address';
export const TAG_SPEC = 'stageform:spec';
/** Written ('true') on a composition declared with `protect: true`: it guards it after its manifest is gone too. */
export const TAG_PROTECT = 'stageform:protect';
export const OWNERSHIP_TAG_COUNT = 3;

export interface Ownership {
  readonly project: string;
  readonly address?: string;
  readonly specHash?: string;
  /** Hash of the user tags stageform last wrote (see specTagValue). */
  readonly tagsHash?: string;
}

/**
 * The `stageform:spec` value: the desired spec's hash and a hash of the user tags stageform last
 * wrote, `<specHash>.<tagsHash>`. The second part tells "tags edited outside stageform" (live
 * user tags no longer hash to it) from "tags changed in the manifests" (they do).
 */
export function specTagValue(specHash: string, tags: Tags): string {
  return `${specHash}.${hashTags(tags)}`;
}

export function parseSpecTag(value: string | undefined): { specHash: string; tagsHash?: string } | undefined {
  if (!value) return undefined;
  const [specHash, tagsHash] = value.split('.', 2);
  return { specHash, tagsHash };
}

export function hashTags(tags: Tags): string {
  return sha256Hex(stringifyCanonical(userTags(tags))).slice(0, 16);
}

/** Every tag StartComposition writes: the user's tags, stageform's three ownership tags and, when protected, stageform:protect. */
export function ownershipTags(project: string, address: string, specHash: string, tags: Tags, protect = false): Tags {
  return { ...userTags(tags), [TAG_ADDRESS]: address, [TAG_PROJECT]: project, ...(protect ? { [TAG_PROTECT]: 'true' } : {}), [TAG_SPEC]: specTagValue(specHash, tags) };
}

export function isProtectedByTag(tags: Tags | undefined): boolean {
  return tags?.[TAG_PROTECT] === 'true';
}

export function readOwnership(tags: Tags | undefined): Ownership | undefined {
  const project = tags?.[TAG_PROJECT];
  if (!project) return undefined;
  const spec = parseSpecTag(tags[TAG_SPEC]);
  return { project, address: tags[TAG_ADDRESS], specHash: spec?.specHash, tagsHash: spec?.tagsHash };
}

export function isManagedBy(tags: Tags | undefined, project: string): boolean {
  return readOwnership(tags)?.project === project;
}

/**
 * AWS reserves the `aws:` prefix, in any case, for tag keys and values: nobody can set or remove
 * such a tag, so it is never a difference.
 */
export function hasAwsReservedPrefix(text: string): boolean {
  return text.slice(0, 4).toLowerCase() === 'aws:';
}

/** The user's tags: everything but stageform's own and AWS's reserved ones. */
export function userTags(tags: Tags | undefined): Tags {
  const out: Tags = {};
  for (const key of Object.keys(tags ?? {}).sort()) {
    if (!key.startsWith(TAG_PREFIX) && !hasAwsReservedPrefix(key)) out[key] = (tags as Tags)[key];
  }
  return out;
}

/**
 * StartComposition's idempotencyToken (model: 1-64 chars of [a-zA-Z0-9-_]). Deterministic in the
 * project, the address, the spec and the composition being replaced, so a retried request, a
 * re-run after a crash or a second apply at the same moment cannot start a second composition,
 * while a later restart (after the old one stopped) is a new request.
 */
export function idempotencyTokenFor(project: string, address: string, specHash: string, predecessorArn?: string): string {
  return 'sf-' + sha256Hex([project, address, specHash, predecessorArn ?? ''].join('\n')).slice(0, 48);
}
