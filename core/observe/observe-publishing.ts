// Whether anyone publishes on a stage: the idle rule. IVS stops a composition a minute after no
// participant publishes, and a stage keeps its session (activeSessionId) for minutes after that and
// as long as subscribers stay, so the session alone cannot tell. ListParticipants answers, but it
// costs a call per stage (5 per second), so it is asked only where the answer changes an action or
// a drift kind: a stage with a session on which some declared address has no healthy running
// composition on its desired spec and either has `whenIdle: skip` (start or not) or a STOPPED
// predecessor (stopped or stopped-idle). An in-sync plan, and a first apply with the default
// `whenIdle: start`, ask nothing; IDLE_STAGE is then given only for stages without a session.
//
// The API takes one filter per request and its `published` says whether a participant ever
// published in the session, not whether it publishes now: "publishing" is read as connected and
// published in this session. A participant that stopped publishing but stays connected still
// counts (README "The idle rule").
import type { DesiredState } from '../model/desired.js';
import { isTargeted } from '../model/target.js';
import type { ConcurrencyGate } from '../util/concurrency.js';
import { iteratePages } from '../util/pages.js';
import type { CompositionSummary, IvsApi } from '../ivs/ivs-api.js';
import { isRunningState, type LiveStage } from '../model/live.js';
import { readOwnership, TAG_ADDRESS, TAG_PROJECT } from '../model/ownership.js';

export const PARTICIPANT_PAGE_SIZE = 100;

/** ARNs of the stages whose publishing state the plan needs (see the header). */
export function findStagesNeedingPublishing(
  desired: DesiredState,
  kept: readonly CompositionSummary[],
  stages: readonly LiveStage[],
  targets: readonly string[] | undefined,
): Set<string> {
  const withSession = new Set(stages.filter((s) => s.activeSessionId).map((s) => s.arn));
  const declared = new Map(desired.compositions.map((w) => [w.address, w]));
  const healthyOnSpec = new Set<string>();
  const stoppedBefore = new Set<string>();
  for (const c of kept) {
    if (c.tags[TAG_PROJECT] === desired.project && c.state === 'STOPPED' && c.tags[TAG_ADDRESS] !== undefined) stoppedBefore.add(c.tags[TAG_ADDRESS]);
    if (c.tags[TAG_PROJECT] !== desired.project || !isRunningState(c.state)) continue;
    if (c.destinations.some((d) => d.state === 'FAILED' || d.state === 'RECONNECTING')) continue;
    const address = c.tags[TAG_ADDRESS];
    const want = address === undefined ? undefined : declared.get(address);
    if (want && want.stageArn === c.stageArn && readOwnership(c.tags)?.specHash === want.specHash) healthyOnSpec.add(address!);
  }
  const needed = new Set<string>();
  for (const want of desired.compositions) {
    if (!withSession.has(want.stageArn) || healthyOnSpec.has(want.address)) continue;
    if (want.whenIdle !== 'skip' && !stoppedBefore.has(want.address)) continue;
    if (targets && targets.length > 0 && !isTargeted(want.address, targets)) continue;
    needed.add(want.stageArn);
  }
  return needed;
}

/** Whether a connected participant has published in the stage's current session (pages until one is found). */
export async function readPublishing(api: IvsApi, stage: LiveStage, gate: ConcurrencyGate, signal: AbortSignal | undefined): Promise<boolean> {
  const sessionId = stage.activeSessionId;
  if (!sessionId) return false;
  const pages = iteratePages((nextToken) =>
    gate(() => api.listParticipants({ stageArn: stage.arn, sessionId, filterByState: 'CONNECTED', nextToken, maxResults: PARTICIPANT_PAGE_SIZE }), signal),
  );
  for await (const page of pages) {
    if (page.items.some((p) => p.state === 'CONNECTED' && p.published)) return true;
  }
  return false;
}
