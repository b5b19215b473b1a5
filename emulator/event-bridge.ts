// The EventBridge events IVS sends for what happens in the world ("Using Amazon EventBridge with IVS
// Real-Time Streaming"): `IVS Stage Update` when a participant starts or stops publishing, `IVS
// Composition State Change` for session start, end and failure and for destination start, end,
// reconnect and failure. They are derived by comparing the world before and after each call (every
// transition, the lazy ones included, happens inside a call), so no operation needs to know about
// them. Delivery to a webhook is best effort and unordered, as EventBridge's is.
import { randomUUID } from 'node:crypto';
import { isPublishing, type WorldState } from './world-state.js';

export interface IvsEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'IVS Stage Update' | 'IVS Composition State Change';
  readonly source: 'aws.ivs';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, string>>;
}

/** What events are derived from: publishers per stage, states per composition and destination. */
export interface EventView {
  readonly stages: ReadonlyMap<string, { readonly sessionId: string; readonly publishers: ReadonlyMap<string, string> }>;
  readonly compositions: ReadonlyMap<string, { readonly stageArn: string; readonly state: string; readonly destinations: ReadonlyMap<string, string> }>;
}

export function viewForEvents(state: WorldState): EventView {
  const stages = new Map<string, { sessionId: string; publishers: Map<string, string> }>();
  for (const s of state.stages) {
    const publishing = s.participants.filter(isPublishing);
    stages.set(s.arn, { sessionId: s.activeSessionId ?? publishing[0]?.sessionId ?? '', publishers: new Map(publishing.map((p) => [p.participantId, p.userId])) });
  }
  const compositions = new Map<string, { stageArn: string; state: string; destinations: Map<string, string> }>();
  for (const c of state.compositions) {
    compositions.set(c.arn, { stageArn: c.stageArn, state: c.state, destinations: new Map(c.destinations.map((d) => [d.id, d.state])) });
  }
  return { stages, compositions };
}

const SESSION_EVENTS: Record<string, string> = { ACTIVE: 'Session Start', STOPPED: 'Session End', FAILED: 'Session Failure' };
const DESTINATION_EVENTS: Record<string, string> = { ACTIVE: 'Destination Start', STOPPED: 'Destination End', RECONNECTING: 'Destination Reconnecting', FAILED: 'Destination Failure' };

/** The events between two views, stages first, each in the world's order. */
export function eventsBetween(before: EventView, after: EventView, at: { account: string; region: string; nowMs: number }): IvsEvent[] {
  const time = new Date(at.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const event = (detailType: IvsEvent['detail-type'], resource: string, detail: Record<string, string>): IvsEvent => ({
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.ivs',
    account: at.account,
    time,
    region: at.region,
    resources: [resource],
    detail,
  });
  const out: IvsEvent[] = [];
  for (const [arn, now] of after.stages) {
    const was = before.stages.get(arn);
    for (const [participantId, userId] of now.publishers) {
      if (!was?.publishers.has(participantId)) out.push(event('IVS Stage Update', arn, { session_id: now.sessionId, event_name: 'Participant Published', user_id: userId, participant_id: participantId }));
    }
    for (const [participantId, userId] of was?.publishers ?? []) {
      if (!now.publishers.has(participantId)) out.push(event('IVS Stage Update', arn, { session_id: was!.sessionId, event_name: 'Participant Unpublished', user_id: userId, participant_id: participantId }));
    }
  }
  for (const [arn, now] of after.compositions) {
    const was = before.compositions.get(arn);
    for (const [id, state] of now.destinations) {
      const name = DESTINATION_EVENTS[state];
      if (name && was?.destinations.get(id) !== state) out.push(event('IVS Composition State Change', arn, { event_name: name, stage_arn: now.stageArn, id }));
    }
    const name = SESSION_EVENTS[now.state];
    if (name && was?.state !== now.state) out.push(event('IVS Composition State Change', arn, { event_name: name, stage_arn: now.stageArn, id: '' }));
  }
  return out;
}

/** POSTs each event as JSON to a URL; failures are counted, never retried (as a lost EventBridge event). */
export class EventWebhook {
  private readonly pending = new Set<Promise<void>>();
  delivered = 0;
  failed = 0;

  constructor(readonly url: string) {}

  send(events: readonly IvsEvent[]): void {
    for (const e of events) {
      const delivery: Promise<void> = fetch(this.url, { method: 'POST', body: JSON.stringify(e), headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(30_000) })
        .then(async (response) => {
          await response.arrayBuffer().catch(() => undefined);
          if (response.ok) this.delivered += 1;
          else this.failed += 1;
        })
        .catch(() => {
          this.failed += 1;
        })
        .finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  /** Resolves once every event sent so far was answered (or failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
