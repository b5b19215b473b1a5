// The Lambda side of the bench's event-hint row, in a child process of its own (as the function runs
// apart from IVS): an HTTP receiver standing in for EventBridge's rule, which takes each event the
// emulator posts and invokes the package's own Lambda handler (`stageform/lambda`, resolved through
// package.json's exports as a deployed function resolves it) with the event as EventBridge delivers
// it. One warm execution environment: invocations run one at a time, in arrival order, and the
// handler keeps what it keeps between them. Settings come from the environment, as in Lambda
// (STAGEFORM_DIR, AWS_ENDPOINT_URL_IVS_REALTIME, AWS_REGION...). Each finished invocation is
// reported to the parent over IPC.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the parent hears. */
export type ReceiverMessage =
  | { readonly kind: 'listening'; readonly url: string }
  | {
      readonly kind: 'invocation';
      readonly detailType: string;
      readonly eventName: string;
      readonly receivedAtMs: number;
      readonly beganAtMs: number;
      readonly endedAtMs: number;
      readonly scope?: string;
      readonly status?: string;
      readonly applied?: readonly { readonly address: string; readonly action: string; readonly outcome: string }[];
      readonly error?: string;
    };

// A specifier in a variable: resolved at run time through the package's exports map, not by tsc.
const LAMBDA_ENTRY = 'stageform/lambda';
const { handler } = (await import(LAMBDA_ENTRY)) as typeof import('../cli/lambda/handler.js');

const send = (message: ReceiverMessage): void => void process.send?.(message);

let chain: Promise<void> = Promise.resolve();

function invoke(event: Record<string, unknown>, receivedAtMs: number): void {
  const detail = (event.detail ?? {}) as Record<string, unknown>;
  const base = { detailType: String(event['detail-type'] ?? ''), eventName: String(detail.event_name ?? ''), receivedAtMs };
  chain = chain.then(async () => {
    const beganAtMs = Date.now();
    try {
      const summary = await handler(event);
      send({ kind: 'invocation', ...base, beganAtMs, endedAtMs: Date.now(), scope: summary.scope, status: summary.status, applied: summary.applied });
    } catch (error) {
      send({ kind: 'invocation', ...base, beganAtMs, endedAtMs: Date.now(), error: error instanceof Error ? error.message : String(error) });
    }
  });
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const receivedAtMs = Date.now();
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(body) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end();
      return;
    }
    // Accepted at once, as EventBridge invokes a function asynchronously.
    res.writeHead(202).end();
    invoke(event, receivedAtMs);
  });
});
server.listen(0, '127.0.0.1', () => send({ kind: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events` }));
process.on('disconnect', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
