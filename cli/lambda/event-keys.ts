// Which part of the project an EventBridge event asks the handler to look at. Level-triggered: the
// event only names a stage; nothing else in it (who published, which state the composition
// reached) is trusted, because IVS delivers events late, twice or out of order. The pass reads the
// live state and decides from that.
//
// Shapes: "Using Amazon EventBridge with IVS Real-Time Streaming" (AWS IVS Real-Time User Guide):
//   IVS Stage Update             resources: [stage ARN]; detail: event_name, session_id, user_id, participant_id
//   IVS Composition State Change resources: [composition ARN]; detail: event_name, stage_arn, ...
//   Scheduled Event (source aws.events): the safety-net rule, a full pass.

/** The parts of an EventBridge event the handler reads; everything else is ignored. */
export interface EventBridgeEvent {
  readonly source?: string;
  readonly 'detail-type'?: string;
  readonly resources?: readonly string[];
  readonly detail?: Readonly<Record<string, unknown>>;
}

export type EventScope =
  /** A targeted pass over the compositions declared on these stages. */
  | { readonly kind: 'stages'; readonly stageArns: readonly string[]; readonly reason: string }
  /** A full pass: the schedule, or an IVS event that names no stage. */
  | { readonly kind: 'all'; readonly reason: string }
  /** Not an event this handler is for (a misrouted rule): nothing to do. */
  | { readonly kind: 'ignored'; readonly reason: string };

export const STAGE_UPDATE = 'IVS Stage Update';
export const COMPOSITION_STATE_CHANGE = 'IVS Composition State Change';
export const SCHEDULED_EVENT = 'Scheduled Event';

const STAGE_ARN = /^arn:aws[a-z-]*:ivs:[a-z0-9-]+:\d+:stage\/[a-zA-Z0-9-]+$/;

export function scopeOfEvent(event: EventBridgeEvent): EventScope {
  const detailType = event['detail-type'] ?? '';
  const eventName = typeof event.detail?.event_name === 'string' ? event.detail.event_name : '';
  const reason = eventName ? `${detailType}: ${eventName}` : detailType || 'no detail-type';
  if (event.source === 'aws.events' && detailType === SCHEDULED_EVENT) return { kind: 'all', reason };
  if (event.source !== 'aws.ivs' || (detailType !== STAGE_UPDATE && detailType !== COMPOSITION_STATE_CHANGE)) return { kind: 'ignored', reason };
  const named = [...(event.resources ?? []), typeof event.detail?.stage_arn === 'string' ? event.detail.stage_arn : ''];
  const stageArns = [...new Set(named.filter((arn) => STAGE_ARN.test(arn)))].sort();
  return stageArns.length > 0 ? { kind: 'stages', stageArns, reason } : { kind: 'all', reason };
}
