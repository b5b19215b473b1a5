// Paging for every List operation: creation order, pages capped at maxPageSize, opaque tokens tied to
// their operation (a forged or foreign token is a ValidationException).
import { invalid } from '../api-error.js';
import type { World } from '../world.js';
import type { Json } from '../world-state.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Stable order (creation sequence); the token names the last item returned. */
export function paginate<T extends { seq: number }>(world: World, kind: string, items: readonly T[], input: Json): Page<T> {
  const sorted = [...items].sort((a, b) => a.seq - b.seq);
  let after = 0;
  const token = input.nextToken as string | undefined;
  if (token) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const match = /^v1:([a-z]+):(\d+)$/.exec(decoded);
    if (!match || match[1] !== kind) throw invalid('The nextToken is not valid for this operation');
    after = Number(match[2]);
  }
  const size = Math.min((input.maxResults as number | undefined) ?? 100, world.options.maxPageSize);
  const rest = sorted.filter((x) => x.seq > after);
  const page = rest.slice(0, size);
  const nextToken = rest.length > size ? Buffer.from(`v1:${kind}:${page[page.length - 1]!.seq}`).toString('base64') : undefined;
  return { items: page, ...(nextToken ? { nextToken } : {}) };
}

/** A List response: the page's items under `key`, shaped by `view`, and the token when there is more. */
export function listResponse<T>(key: string, page: Page<T>, view: (item: T) => Json): Json {
  return { [key]: page.items.map(view), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
