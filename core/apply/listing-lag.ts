// Listing lag: AWS does not promise that ListCompositions shows a composition as soon as
// StartComposition returns, nor a stop as soon as GetComposition reports it. Apply knows what it
// started and stopped; before it ends it polls the listing until the listing agrees, so that a
// plan or drift check run right after (another process, which only has the listing) reports no
// false drift. Bounded by the wait timeout; one listing per region when there is no lag.
import type { ApplyActionResult } from '../model/apply-result.js';
import type { IvsApi } from '../ivs/ivs-api.js';
import { isRunningState } from '../model/live.js';
import { iteratePages } from '../util/pages.js';
import { parseIvsArn } from '../util/arn.js';

export interface ListingWait {
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  readonly options: { readonly signal?: AbortSignal };
}

const LIST_PAGE_SIZE = 100;

/** True once every region's listing shows the starts (listed) and stops (not running) of these results; false at the timeout. */
export async function waitUntilListed(results: readonly ApplyActionResult[], apiFor: (region: string) => IvsApi, wait: ListingWait): Promise<boolean> {
  const expected = expectationsByRegion(results);
  if (expected.size === 0) return true;
  const began = wait.now();
  let interval = Math.min(100, wait.pollIntervalMs);
  for (;;) {
    for (const [region, want] of expected) {
      if (await listingAgrees(apiFor(region), want)) expected.delete(region);
    }
    if (expected.size === 0) return true;
    if (wait.options.signal?.aborted || wait.now() - began >= wait.timeoutMs) return false;
    await wait.sleep(interval, wait.options.signal).catch(() => undefined);
    interval = Math.min(interval * 2, wait.pollIntervalMs);
  }
}

interface Expectation {
  readonly started: Set<string>;
  readonly stopped: Set<string>;
}

function expectationsByRegion(results: readonly ApplyActionResult[]): Map<string, Expectation> {
  const byRegion = new Map<string, Expectation>();
  const of = (region: string): Expectation => {
    let e = byRegion.get(region);
    if (!e) byRegion.set(region, (e = { started: new Set(), stopped: new Set() }));
    return e;
  };
  for (const r of results) {
    if (r.outcome === 'failed' || r.outcome === 'skipped' || r.outcome === 'tagged') continue;
    // A composition stopped again before the wait (idle) is still listed: only presence is asked.
    if (r.arn && (r.outcome === 'started' || r.outcome === 'replaced')) of(r.region).started.add(r.arn);
    // A stop went to the stopped composition's own region (the ARN's), which differs from the
    // change's when a manifest moved the address to a stage in another region.
    if (r.stoppedArn) of(parseIvsArn(r.stoppedArn)?.region ?? r.region).stopped.add(r.stoppedArn);
  }
  return byRegion;
}

async function listingAgrees(api: IvsApi, want: Expectation): Promise<boolean> {
  const started = new Set(want.started);
  for await (const page of iteratePages((nextToken) => api.listCompositions({ nextToken, maxResults: LIST_PAGE_SIZE }))) {
    for (const c of page.items) {
      started.delete(c.arn);
      if (want.stopped.has(c.arn) && isRunningState(c.state)) return false;
    }
  }
  return started.size === 0;
}
