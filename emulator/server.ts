// The HTTP front: restJson1 routing and encoding as the AWS SDK expects it, faults and rate limits,
// and the admin API under /_emulator/ (never counted, limited or faulted).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatedApiError, isApiErrorType } from './api-error.js';
import type { FaultConfig } from './faults.js';
import { loadLowLatencyServiceModel, loadServiceModel } from './model.js';
import type { Emulator } from './emulator.js';
import type { SeedDocument } from './seed.js';

type Json = Record<string, unknown>;

interface Route {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
}

const TAGS_PREFIX = '/tags/';

/** Both APIs on one port: their paths do not overlap (the low-latency subset is GetChannel and GetStream). */
function buildRoutes(): Route[] {
  return [loadServiceModel(), loadLowLatencyServiceModel()].flatMap((model) =>
    Object.entries(model.operations).map(([operation, op]) => ({ operation, method: op.http.method, path: op.http.requestUri })),
  );
}

export function createRequestHandler(emulator: Emulator): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = buildRoutes();
  return (req, res) => {
    handleRequest(emulator, routes, req, res).catch((error: unknown) => {
      sendJson(res, 500, { exceptionMessage: `emulator failure: ${error instanceof Error ? error.message : String(error)}` }, { 'x-amzn-ErrorType': 'InternalServerException' });
    });
  };
}

async function handleRequest(emulator: Emulator, routes: readonly Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const bodyText = await readBody(req);
  if (url.pathname.startsWith('/_emulator/')) return handleAdmin(emulator, req.method ?? 'GET', url, bodyText, res);

  const method = req.method ?? 'GET';
  let operation: string | undefined;
  const input: Json = {};
  if (url.pathname.startsWith(TAGS_PREFIX)) {
    operation = routes.find((r) => r.method === method && r.path === '/tags/{resourceArn}')?.operation;
    input.resourceArn = decodePathSegment(url.pathname.slice(TAGS_PREFIX.length));
    if (operation === 'UntagResource') input.tagKeys = url.searchParams.getAll('tagKeys');
  } else {
    operation = routes.find((r) => r.method === method && r.path === url.pathname)?.operation;
  }
  if (!operation) {
    return sendError(res, new EmulatedApiError('UnknownOperationException', `No operation at ${method} ${url.pathname}`));
  }

  const decision = emulator.faults.decide(operation, emulator.now());
  if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
  if (decision.kind === 'throttle') return sendError(res, new EmulatedApiError('ThrottlingException', 'Rate exceeded'));
  if (decision.kind === 'internal-error') return sendError(res, new EmulatedApiError('InternalServerException', 'Injected internal error'));

  if (bodyText.trim() !== '' && method !== 'GET' && method !== 'DELETE') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bodyText);
    } catch {
      return sendError(res, new EmulatedApiError('ValidationException', 'The request body is not valid JSON'));
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return sendError(res, new EmulatedApiError('ValidationException', 'The request body must be a JSON object'));
    }
    Object.assign(input, parsed as Json, operation === 'TagResource' ? { resourceArn: input.resourceArn } : {});
  }

  const injected = emulator.faults.failureFor(operation, input);
  if (injected) {
    const type = isApiErrorType(injected.error) ? injected.error : 'InternalServerException';
    return sendError(res, new EmulatedApiError(type, injected.message));
  }

  try {
    sendJson(res, 200, emulator.handle(operation, input), {}, emulator.now());
  } catch (error) {
    if (error instanceof EmulatedApiError) return sendError(res, error, emulator.now());
    throw error;
  }
}

function decodePathSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * API responses carry the emulator clock in their Date header, as AWS's carry its own: clients
 * that read the server's time (the 24-hour limit) follow a manual or advanced clock.
 */
function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, clockNow?: number): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(clockNow !== undefined ? { date: new Date(clockNow).toUTCString() } : {}),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: EmulatedApiError, clockNow?: number): void {
  sendJson(res, error.statusCode, { exceptionMessage: error.message }, { 'x-amzn-ErrorType': error.type }, clockNow);
}

// ---- admin API ----------------------------------------------------------------------------------

async function handleAdmin(emulator: Emulator, method: string, url: URL, bodyText: string, res: ServerResponse): Promise<void> {
  let body: Json = {};
  if (bodyText.trim() !== '') {
    try {
      body = JSON.parse(bodyText) as Json;
    } catch {
      return sendJson(res, 400, { error: 'the request body is not valid JSON' });
    }
  }
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /_emulator/state':
        return sendJson(res, 200, { now: new Date(emulator.now()).toISOString(), stages: emulator.stages(), channels: emulator.channels(), compositions: emulator.compositions() });
      case 'POST /_emulator/seed':
        emulator.seed(body as SeedDocument);
        return sendJson(res, 200, {});
      case 'POST /_emulator/participants/join':
        return sendJson(res, 200, {
          participantId: emulator.joinParticipant(String(body.stage), {
            participantId: body.participantId as string | undefined,
            userId: body.userId as string | undefined,
            attributes: body.attributes as Record<string, string> | undefined,
            ...(body.publish !== undefined ? { publish: body.publish !== false } : {}),
          }),
        });
      case 'POST /_emulator/participants/publish':
        emulator.setPublishing(String(body.stage), String(body.participantId), body.publishing !== false);
        return sendJson(res, 200, {});
      case 'POST /_emulator/participants/leave':
        emulator.leaveParticipant(String(body.stage), body.participantId as string | undefined);
        return sendJson(res, 200, {});
      case 'POST /_emulator/compositions/fail':
        emulator.failComposition(String(body.arn));
        return sendJson(res, 200, {});
      case 'POST /_emulator/compositions/destination-state':
        emulator.setDestinationState(String(body.arn), body.destination as number | string, body.state as 'ACTIVE' | 'RECONNECTING' | 'FAILED');
        return sendJson(res, 200, {});
      case 'POST /_emulator/channels/broadcast/start':
        return sendJson(res, 200, { streamId: emulator.startOutsideBroadcast(String(body.channel)) });
      case 'POST /_emulator/channels/broadcast/stop':
        emulator.stopOutsideBroadcast(String(body.channel));
        return sendJson(res, 200, {});
      case 'POST /_emulator/compositions/stop':
        emulator.stopCompositionExternally(String(body.arn));
        return sendJson(res, 200, {});
      case 'GET /_emulator/clock':
        return sendJson(res, 200, { now: new Date(emulator.now()).toISOString() });
      case 'POST /_emulator/clock/advance':
        emulator.advanceClock(Number(body.ms));
        return sendJson(res, 200, { now: new Date(emulator.now()).toISOString() });
      case 'GET /_emulator/faults':
        return sendJson(res, 200, emulator.faults.currentConfig());
      case 'PUT /_emulator/faults':
      case 'POST /_emulator/faults':
        emulator.configureFaults(body as FaultConfig);
        return sendJson(res, 200, {});
      case 'GET /_emulator/counters':
        return sendJson(res, 200, emulator.callCounts());
      case 'POST /_emulator/counters/reset':
        emulator.resetCounters();
        return sendJson(res, 200, {});
      case 'GET /_emulator/events':
        return sendJson(res, 200, { webhook: emulator.eventWebhook ?? null, events: emulator.recentEvents() });
      case 'POST /_emulator/events/webhook': {
        emulator.setEventWebhook(typeof body.url === 'string' && body.url !== '' ? body.url : undefined);
        return sendJson(res, 200, { webhook: emulator.eventWebhook ?? null });
      }
      case 'POST /_emulator/reset':
        emulator.reset();
        return sendJson(res, 200, {});
      default:
        return sendJson(res, 404, { error: `no admin route ${route}` });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return sendJson(res, error instanceof EmulatedApiError ? error.statusCode : 400, { error: message });
  }
}
