// AWS's tagging rules ("Tag naming limits and requirements", Tagging AWS Resources user guide), as
// the schemas state them too: neither keys nor values may start with `aws:` in any case; keys are
// 1-128 and values 0-256 characters of letters, digits, spaces and `_ . : / = + - @`. A tag that
// breaks them fails StartComposition, and inside a stop-first replacement that is an outage, so
// they are checked where the tag is written.
import type { DiagnosticCode } from './diagnostics.js';
import { quoteValue } from './diagnostics.js';
import { hasAwsReservedPrefix, TAG_PREFIX } from './ownership.js';

export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
export const TAG_CHARACTERS = 'letters, digits, spaces and `_ . : / = + - @`';

const TAG_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+@-]/u;

export interface TagRuleViolation {
  readonly code: Extract<DiagnosticCode, 'RESERVED_TAG' | 'INVALID_VALUE'>;
  /** Whether the key or the value breaks the rule (where the diagnostic points). */
  readonly at: 'key' | 'value';
  readonly message: string;
  readonly hint: string;
}

/** Every rule one user tag breaks; none when it may be written. `stageform:` keys are stageform's own. */
export function checkTag(key: string, value: string): TagRuleViolation[] {
  const out: TagRuleViolation[] = [];
  const shownKey = quoteValue(key, 80);
  if (hasAwsReservedPrefix(key)) {
    out.push({ code: 'RESERVED_TAG', at: 'key', message: `tag key ${shownKey} starts with \`aws:\`, which AWS reserves (in any case)`, hint: 'choose a key without the `aws:` prefix' });
  } else if (key.toLowerCase().startsWith(TAG_PREFIX)) {
    out.push({
      code: 'RESERVED_TAG',
      at: 'key',
      message: `tag key ${shownKey} uses the prefix \`${TAG_PREFIX}\`, which stageform writes itself`,
      hint: 'stageform sets stageform:project, stageform:address and stageform:spec; choose another key',
    });
  }
  const keyProblem = textProblem(key, 1, MAX_TAG_KEY_LENGTH);
  if (keyProblem) out.push({ code: 'INVALID_VALUE', at: 'key', message: `tag key ${shownKey} ${keyProblem}`, hint: `a tag key is 1-${MAX_TAG_KEY_LENGTH} characters: ${TAG_CHARACTERS}` });
  if (hasAwsReservedPrefix(value)) {
    out.push({ code: 'RESERVED_TAG', at: 'value', message: `the value of tag ${shownKey} starts with \`aws:\`, which AWS reserves for keys and values (in any case)`, hint: 'choose a value that does not start with `aws:`' });
  }
  const valueProblem = textProblem(value, 0, MAX_TAG_VALUE_LENGTH);
  if (valueProblem) out.push({ code: 'INVALID_VALUE', at: 'value', message: `the value of tag ${shownKey} ${valueProblem}`, hint: `a tag value is 0-${MAX_TAG_VALUE_LENGTH} characters: ${TAG_CHARACTERS}` });
  return out;
}

/** What is wrong with a key's or value's text (length in characters, as AWS counts them), if anything. */
function textProblem(text: string, min: number, max: number): string | undefined {
  const chars = [...text];
  if (chars.length < min) return 'is empty';
  if (chars.length > max) return `is ${chars.length} characters long; at most ${max} are allowed`;
  const bad = chars.find((c) => !TAG_CHARACTER.test(c));
  if (bad !== undefined) return `contains ${JSON.stringify(bad)}; only ${TAG_CHARACTERS} are allowed`;
  return undefined;
}
