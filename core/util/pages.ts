// Paged listings: every page in turn, following nextToken until there is none. A server that hands
// back a token it already gave would loop forever; such a token ends the listing.

export interface TokenPage<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

export async function* iteratePages<T>(fetchPage: (nextToken?: string) => Promise<TokenPage<T>>): AsyncGenerator<TokenPage<T>> {
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(nextToken);
    yield page;
    nextToken = page.nextToken;
    if (nextToken !== undefined) {
      if (seen.has(nextToken)) break;
      seen.add(nextToken);
    }
  } while (nextToken);
}
