// Preflight: before anything is applied, read what each composition the plan would start depends
// on, so that a replacement never stops a live program for a successor that cannot start.
//   1. collect the ARNs the starts reference (encoder and storage configurations, channels);
//   2. read each distinct ARN once (Get*, under the caller's rate limiter and concurrency);
//   3. find who feeds each live channel: the project's own compositions are the planner's business
//      (it hands channels over and reports CHANNEL_IN_USE); a running composition elsewhere in the
//      region (another stage, managed or not) or an outside broadcast makes the channel busy. A
//      live channel nothing observed explains is looked up once more in a fresh listing: a
//      composition may have started since observe listed (a concurrent apply of this project).
// Read-only; a plan that starts nothing makes no call.
import { compareStrings } from '../util/canonical-json.js';
import { mapWithConcurrency } from '../util/concurrency.js';
import type { DesiredComposition, DesiredState } from '../model/desired.js';
import { compareDiagnostics, type Diagnostic, type DiagnosticCode, type SourcePosition } from '../model/diagnostics.js';
import { channelArnsHeldBy, isRunningState, type LiveComposition, type LiveState } from '../model/live.js';
import { isReplacement, type Plan, type PlannedChange, type PlanWarning } from '../model/plan.js';
import { readOwnership } from '../model/ownership.js';
import { nullIfNotFound, type IvsApi, type LiveStream } from '../ivs/ivs-api.js';
import { iteratePages } from '../util/pages.js';
import { LIST_PAGE_SIZE } from './observe-live.js';

export interface PreflightOptions {
  /** API calls in flight at once. */
  readonly parallelism: number;
  readonly signal?: AbortSignal;
}

type ReferenceKind = 'encoder' | 'storage' | 'channel';

/** One ARN a start references, and every start that references it (with where it is written). */
interface Reference {
  readonly arn: string;
  readonly kind: ReferenceKind;
  readonly region: string;
  readonly users: { readonly address: string; readonly at: SourcePosition }[];
}

/** The changes that start a composition: what preflight checks. */
export function changesToStart(plan: Plan): PlannedChange[] {
  return plan.changes.filter((c) => c.after !== null && (c.action === 'create' || isReplacement(c.action)));
}

/** The warning a plan carries when its starts were not checked. */
export function preflightSkippedWarning(starts: number): PlanWarning {
  return {
    code: 'PREFLIGHT_SKIPPED',
    message: `preflight checks skipped (--skip-preflight): channels and configurations of the ${starts} composition${starts === 1 ? '' : 's'} to start were not read; a start that fails after a stop leaves its channel without a composition`,
  };
}

/** Every problem preflight finds, sorted; empty when every start can go ahead. */
export async function runPreflight(plan: Plan, desired: DesiredState, live: LiveState, apiFor: (region: string) => IvsApi, options: PreflightOptions): Promise<Diagnostic[]> {
  const starts = changesToStart(plan);
  if (starts.length === 0) return [];

  // 1. The ARNs the starts reference, each once.
  const declared = new Map(desired.compositions.map((c) => [c.address, c]));
  const references = new Map<string, Reference>();
  for (const change of starts) {
    const want = declared.get(change.address);
    const note = (arn: string | undefined, kind: ReferenceKind): void => {
      if (!arn) return;
      const key = `${kind} ${arn}`;
      const ref = references.get(key) ?? { arn, kind, region: change.region, users: [] };
      ref.users.push({ address: change.address, at: positionOfArn(want, arn, desired) });
      references.set(key, ref);
    };
    for (const d of change.after!.destinations) {
      note(d.channel?.channelArn, 'channel');
      note(d.channel?.encoderConfigurationArn, 'encoder');
      note(d.s3?.storageConfigurationArn, 'storage');
      for (const arn of d.s3?.encoderConfigurationArns ?? []) note(arn, 'encoder');
    }
  }

  // 2. Read each: existence, and for channels whether they are live. Compositions elsewhere in a
  //    region whose channels are not known are read too, only in regions where a start takes a channel.
  const found = new Map<string, boolean>();
  const streams = new Map<string, LiveStream | null>();
  const channelRegions = new Set([...references.values()].filter((r) => r.kind === 'channel').map((r) => r.region));
  const unknownHolders = live.regions
    .filter((r) => channelRegions.has(r.region))
    .flatMap((r) => [
      ...(r.otherRunning ?? []).filter((c) => isRunningState(c.state)).map((c) => ({ region: r.region, arn: c.arn })),
      ...r.compositions.filter((c) => isRunningState(c.state) && !channelsKnown(c)).map((c) => ({ region: r.region, arn: c.arn })),
    ]);
  const holders: LiveComposition[] = [];
  type Read = { readonly run: () => Promise<void> };
  const reads: Read[] = [
    ...[...references.values()].map((ref): Read => ({
      run: async () => {
        const api = apiFor(ref.region);
        const exists = await existsAt(() =>
          ref.kind === 'encoder' ? api.getEncoderConfiguration(ref.arn) : ref.kind === 'storage' ? api.getStorageConfiguration(ref.arn) : api.getChannel(ref.arn),
        );
        found.set(`${ref.kind} ${ref.arn}`, exists);
        if (ref.kind === 'channel' && exists) streams.set(ref.arn, await api.getStream(ref.arn));
      },
    })),
    ...unknownHolders.map(({ region, arn }): Read => ({
      run: async () => {
        const holder = await nullIfNotFound(apiFor(region).getComposition(arn));
        if (holder) holders.push(holder); // else stopped and gone since the listing: holds nothing
      },
    })),
  ];
  await mapWithConcurrency(reads, options.parallelism, (read) => read.run(), options.signal);

  // 3. Judge.
  const errors: Diagnostic[] = [];
  const report = (ref: Reference, code: DiagnosticCode, message: (address: string) => string, hint: string): void => {
    for (const user of ref.users) errors.push({ ...user.at, code, message: message(user.address), hint });
  };
  const knownHolders = new Map<string, string>(); // arn -> what holds it, for messages
  const projectHeld = new Set<string>();
  for (const region of live.regions) {
    for (const c of region.compositions) if (isRunningState(c.state) && channelsKnown(c)) for (const ch of channelArnsHeldBy(c)) projectHeld.add(ch);
  }
  const otherArns = new Set(live.regions.flatMap((r) => (r.otherRunning ?? []).map((c) => c.arn)));
  for (const c of holders.sort((a, b) => compareStrings(a.arn, b.arn))) {
    if (!isRunningState(c.state)) continue;
    for (const ch of channelArnsHeldBy(c)) {
      if (otherArns.has(c.arn)) {
        if (!knownHolders.has(ch)) knownHolders.set(ch, describeHolder(c));
      } else projectHeld.add(ch);
    }
  }
  // Live channels nothing observed explains: compositions started since the listing, if any.
  const unexplained = [...references.values()].filter((r) => r.kind === 'channel' && streams.get(r.arn) && !projectHeld.has(r.arn) && !knownHolders.has(r.arn));
  if (unexplained.length > 0) {
    const known = new Set([...live.regions.flatMap((r) => [...r.compositions.map((c) => c.arn), ...(r.otherRunning ?? []).map((c) => c.arn)]), ...holders.map((h) => h.arn)]);
    const late = await readLateCompositions([...new Set(unexplained.map((r) => r.region))], known, apiFor, options);
    for (const c of late) {
      for (const ch of channelArnsHeldBy(c)) {
        if (readOwnership(c.tags)?.project === desired.project) projectHeld.add(ch); // this project's: its own apply converges on the token
        else if (!knownHolders.has(ch)) knownHolders.set(ch, describeHolder(c));
      }
    }
  }

  for (const ref of [...references.values()].sort((a, b) => compareStrings(a.arn, b.arn))) {
    const exists = found.get(`${ref.kind} ${ref.arn}`);
    if (exists === false) {
      const [code, what]: [DiagnosticCode, string] =
        ref.kind === 'encoder' ? ['ENCODER_CONFIGURATION_NOT_FOUND', 'encoder configuration'] : ref.kind === 'storage' ? ['STORAGE_CONFIGURATION_NOT_FOUND', 'storage configuration'] : ['CHANNEL_NOT_FOUND', 'channel'];
      report(ref, code, (address) => `${address} uses ${what} ${ref.arn}, which does not exist in ${ref.region}`, `check the ARN, and the account and region the credentials point at; create the ${what} first`);
      continue;
    }
    if (ref.kind !== 'channel') continue;
    const heldElsewhere = knownHolders.get(ref.arn);
    const stream = streams.get(ref.arn);
    if (heldElsewhere !== undefined) {
      report(ref, 'CHANNEL_BUSY', (address) => `${address} needs channel ${ref.arn}, which ${heldElsewhere} broadcasts to`, 'a channel takes one broadcast: stop that composition first, or choose another channel');
    } else if (stream && !projectHeld.has(ref.arn)) {
      // Live, and no composition in the region explains it: an encoder outside IVS Real-Time.
      const since = stream.startTime ? ` since ${stream.startTime}` : '';
      report(
        ref,
        'CHANNEL_BUSY',
        (address) => `${address} needs channel ${ref.arn}, which is live from an outside broadcast${stream.streamId ? ` (stream ${stream.streamId}${since})` : since}`,
        'a channel takes one broadcast: end the other broadcast first, or choose another channel',
      );
    }
  }
  return errors.sort(compareDiagnostics);
}

/** Running compositions in these regions that the observation did not know, read in full. */
async function readLateCompositions(regions: readonly string[], known: ReadonlySet<string>, apiFor: (region: string) => IvsApi, options: PreflightOptions): Promise<LiveComposition[]> {
  const fresh: { region: string; arn: string }[] = [];
  for (const region of regions) {
    const api = apiFor(region);
    for await (const page of iteratePages((nextToken) => api.listCompositions({ nextToken, maxResults: LIST_PAGE_SIZE }))) {
      for (const c of page.items) if (isRunningState(c.state) && !known.has(c.arn)) fresh.push({ region, arn: c.arn });
    }
  }
  const read = await mapWithConcurrency(fresh, options.parallelism, ({ region, arn }) => nullIfNotFound(apiFor(region).getComposition(arn)), options.signal);
  return read.filter((c): c is LiveComposition => c !== null && isRunningState(c.state));
}

/** Resolves true when the read succeeds, false on ResourceNotFoundException; other failures propagate. */
async function existsAt(read: () => Promise<object>): Promise<boolean> {
  return (await nullIfNotFound(read())) !== null;
}

function positionOfArn(want: DesiredComposition | undefined, arn: string, desired: DesiredState): SourcePosition {
  return want?.referenceSources?.[arn] ?? want?.source ?? { file: desired.configFile, line: 1, column: 1 };
}

/** Whether observe knows the channels a composition holds (read, or attested by its tags). */
function channelsKnown(c: LiveComposition): boolean {
  return c.canonical !== undefined || (c.destinations.length > 0 && c.destinations.every((d) => d.configuration !== undefined));
}

function describeHolder(c: LiveComposition): string {
  const owner = readOwnership(c.tags);
  const managed = owner?.address ? ` (${owner.project ? `project ${owner.project}, ` : ''}${owner.address})` : ' (not managed by stageform)';
  return `composition ${c.arn} on stage ${c.stageArn}${managed}`;
}
