/**
 * The mock Loki's HTTP server (node:http): query_range, query, labels, label values, series, push,
 * buildinfo and ready, with Loki's answer shapes, status codes and plain-text error messages; Loki's
 * limits (entries, series, query length, timeout); X-Scope-OrgID tenants and LokiStack gateway paths;
 * fault injection for client tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { goDuration, modelDuration } from './durations';
import { defaultStepNs, evaluateInstant, evaluateRange, selectStreams } from './engine';
import { LokiError, unsupported } from './errors';
import { DEFAULT_SLOW_MS, parseFaultRequest, type FaultState } from './faults';
import { nowNs, parseDirection, parseLimit, parseTimestamp } from './http-params';
import { checkSelector, parseDuration, parseQuery, type LabelMatcher } from './logql';
import { lokiStats } from './stats';
import { LokiStore, type Stream } from './store';

export interface MockLokiOptions {
  port: number;
  host?: string;
  /** The main store: plain mode, and tenants `network` and `fake` when tenants are told apart. */
  store: LokiStore;
  /** Loki's max_entries_limit_per_query (default 5000). */
  maxEntriesLimit?: number;
  /** Loki's max_query_series (default 500). */
  maxQuerySeries?: number;
  /** Loki's max_query_length (default 721h, i.e. 30d1h). */
  maxQueryLengthMs?: number;
  /** Loki's query_timeout (default 1 min); past it a query answers 504. */
  queryTimeoutMs?: number;
  /**
   * Plain mode ignores X-Scope-OrgID (Loki with auth_enabled: false). With requireOrgId a request
   * without it gets 401 `no org id`, and the header picks the tenant.
   */
  requireOrgId?: boolean;
  /**
   * LokiStack gateway paths (/api/logs/v1/<tenant>/loki/api/v1/...) need `Authorization: Bearer`;
   * any non-empty token passes unless this one is set.
   */
  gatewayToken?: string;
  /** Enables fault injection and its control endpoint `POST /mock/faults` (true, or an initial state). */
  faults?: boolean | FaultState;
}

export interface MockLoki {
  url: string;
  /** The current fault state (only with `faults` enabled). */
  setFaults(state: FaultState): void;
  close(): Promise<void>;
}

/** Tenants that hold the main store: the LokiStack tenant of network flows and Loki's single-tenant name. */
const MAIN_TENANTS = ['network', 'fake'];
const DEFAULT_MAX_QUERY_LENGTH_MS = 721 * 3_600_000;
const MAX_POINTS = 11_000;
const TIMEOUT_MESSAGE = 'request timed out, decrease the duration of the request or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed';

interface Limits {
  maxEntries: number;
  maxSeries: number;
  maxQueryLengthMs: number;
  queryTimeoutMs: number;
}

const HOUR_NS = 3_600_000_000_000n;
const MAX_BODY_BYTES = 64 * 1024 * 1024;

type Params = URLSearchParams;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new LokiError('request body too large', 413));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** GET parameters, merged with a form-encoded POST body as Loki accepts both. */
async function requestParams(req: http.IncomingMessage, url: URL): Promise<Params> {
  const params = new URLSearchParams(url.searchParams);
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
  }
  return params;
}

function send(res: http.ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, body: unknown) => send(res, 200, JSON.stringify(body), 'application/json; charset=UTF-8');
const sendText = (res: http.ServerResponse, status: number, text: string) => send(res, status, text, 'text/plain; charset=utf-8');

function timeRange(params: Params): { startNs: bigint; endNs: bigint } {
  const endNs = parseTimestamp(params.get('end'), nowNs(), 'end');
  const startNs = parseTimestamp(params.get('start'), endNs - HOUR_NS, 'start');
  if (endNs < startNs) throw new LokiError('end timestamp must not be before or equal to start time');
  return { startNs, endNs };
}

/** Loki's step: a float number of seconds or a duration; the default is max(1s, range / 250). */
function parseStep(value: string | null, startNs: bigint, endNs: bigint): bigint {
  let stepNs: bigint;
  if (value === null || value === '') stepNs = defaultStepNs(startNs, endNs);
  else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) stepNs = BigInt(Math.round(Number(value) * 1e9));
  else {
    try {
      stepNs = parseDuration(value);
    } catch {
      throw new LokiError(`invalid parameter "step": cannot parse "${value}" to a valid duration`);
    }
  }
  if (stepNs <= 0n) throw new LokiError('zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((endNs - startNs) / stepNs > BigInt(MAX_POINTS)) throw new LokiError('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  return stepNs;
}

function deadlineAfter(ms: number): () => void {
  const until = Date.now() + ms;
  return () => {
    if (Date.now() > until) throw new LokiError(TIMEOUT_MESSAGE, 504);
  };
}

function queryRange(store: LokiStore, params: Params, limits: Limits): unknown {
  const query = params.get('query');
  if (query === null) throw new LokiError('parse error : syntax error: unexpected $end');
  const { startNs, endNs } = timeRange(params);
  const lengthNs = endNs - startNs;
  if (lengthNs > BigInt(limits.maxQueryLengthMs) * 1_000_000n) {
    throw new LokiError(`the query time range exceeds the limit (query length: ${goDuration(lengthNs)}, limit: ${modelDuration(limits.maxQueryLengthMs)})`);
  }
  const limit = parseLimit(params.get('limit'), 100, limits.maxEntries);
  const direction = parseDirection(params.get('direction'));
  const stepNs = parseStep(params.get('step'), startNs, endNs);
  const isLog = parseQuery(query).kind === 'log';
  // Loki's range end is inclusive for log queries when start == end; otherwise [start, end).
  const logEnd = isLog && endNs === startNs ? endNs + 1n : endNs;
  const result = evaluateRange(store, query, { startNs, endNs: logEnd, limit, direction, stepNs, maxSeries: limits.maxSeries, deadline: deadlineAfter(limits.queryTimeoutMs) });
  return { status: 'success', data: { resultType: result.resultType, result: result.result, stats: lokiStats(result.stats) } };
}

function instantQuery(store: LokiStore, params: Params, limits: Limits): unknown {
  const query = params.get('query');
  if (query === null) throw new LokiError('parse error : syntax error: unexpected $end');
  const timeNs = parseTimestamp(params.get('time'), nowNs(), 'time');
  parseLimit(params.get('limit'), 100, limits.maxEntries);
  parseDirection(params.get('direction'));
  const result = evaluateInstant(store, query, timeNs, { maxSeries: limits.maxSeries, deadline: deadlineAfter(limits.queryTimeoutMs) });
  return { status: 'success', data: { resultType: result.resultType, result: result.result, stats: lokiStats(result.stats) } };
}

/** A label-matchers-only query (labels, label values, series). */
function selectorOnly(text: string): LabelMatcher[] {
  const query = parseQuery(text);
  if (query.kind !== 'log' || query.pipeline.length > 0) throw new LokiError('only label matchers are supported');
  return query.selector;
}

/** Streams with at least one entry in the range, optionally narrowed by a `query` selector. */
function streamsInRange(store: LokiStore, params: Params): Stream[] {
  const { startNs, endNs } = timeRange(params);
  const selectorText = params.get('query');
  let streams: Stream[];
  if (selectorText) {
    const selector = selectorOnly(selectorText);
    checkSelector(selector);
    streams = selectStreams(store, selector);
  } else streams = store.candidates();
  return streams.filter((s) => {
    const [from, to] = s.range(startNs, endNs + 1n);
    return from < to;
  });
}

function labelNames(store: LokiStore, params: Params): unknown {
  const names = new Set<string>();
  for (const s of streamsInRange(store, params)) for (const n of Object.keys(s.labels)) names.add(n);
  return { status: 'success', data: [...names].sort() };
}

function labelValues(store: LokiStore, params: Params, name: string): unknown {
  const values = new Set<string>();
  for (const s of streamsInRange(store, params)) {
    const v = s.labels[name];
    if (v !== undefined) values.add(v);
  }
  return { status: 'success', data: [...values].sort() };
}

/** `/loki/api/v1/series`: the label sets of streams matching any `match[]` selector in the range. */
function series(store: LokiStore, params: Params): unknown {
  const { startNs, endNs } = timeRange(params);
  const matches = params.getAll('match[]').concat(params.getAll('match'));
  const found = new Map<string, Stream>();
  const selectors = matches.length > 0 ? matches.map(selectorOnly) : [null];
  for (const selector of selectors) {
    for (const s of selector ? selectStreams(store, selector) : store.candidates()) {
      const [from, to] = s.range(startNs, endNs + 1n);
      if (from < to) found.set(s.key, s);
    }
  }
  return { status: 'success', data: [...found.keys()].sort().map((k) => ({ ...found.get(k)!.labels })) };
}

const BUILD_INFO = { version: '3.4.6', revision: 'mock', branch: 'HEAD', buildUser: 'netobserv-plugin mock', buildDate: '', goVersion: '' };

interface PushBody {
  streams?: { stream?: Record<string, unknown>; values?: unknown[] }[];
}

function push(store: LokiStore, body: string): void {
  let parsed: PushBody;
  try {
    parsed = JSON.parse(body) as PushBody;
  } catch (e) {
    throw new LokiError(`error parsing push request: ${(e as Error).message}`);
  }
  if (!parsed || !Array.isArray(parsed.streams)) throw new LokiError('error parsing push request: missing "streams" array');
  for (const [i, s] of parsed.streams.entries()) {
    if (!s || typeof s.stream !== 'object' || s.stream === null) throw new LokiError(`stream ${i}: missing "stream" labels`);
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.stream)) {
      if (typeof v !== 'string') throw new LokiError(`stream ${i}: label ${k} must be a string`);
      labels[k] = v;
    }
    const values = Array.isArray(s.values) ? s.values : [];
    const entries = values.map((v, j) => {
      // A third element (structured metadata) is accepted and ignored: the mock does not index it.
      if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string' || !/^\d+$/.test(v[0])) {
        throw new LokiError(`stream ${i}, entry ${j}: expected ["<unix epoch in nanoseconds>", "<log line>"]`);
      }
      return { tsNs: BigInt(v[0]), line: v[1] };
    });
    try {
      store.push(labels, entries);
    } catch (e) {
      throw new LokiError(`stream ${i}: ${(e as Error).message}`);
    }
  }
}

/** What one request is served from: the tenant's store, or an answer that ends it (auth). */
interface Tenancy {
  tenants: Map<string, LokiStore>;
  main: LokiStore;
  requireOrgId: boolean;
  gatewayToken?: string;
}

function tenantStore(t: Tenancy, name: string): LokiStore {
  let store = t.tenants.get(name);
  if (!store) t.tenants.set(name, (store = new LokiStore()));
  return store;
}

const GATEWAY_PATH = /^\/api\/logs\/v1\/([^/]+)(\/loki\/api\/v1\/.*)$/;

/** Resolves the store and the Loki API path of a request, or throws 401 as Loki or the gateway would. */
function resolveTenant(t: Tenancy, req: http.IncomingMessage, path: string): { store: LokiStore; apiPath: string } {
  const gateway = GATEWAY_PATH.exec(path);
  if (gateway) {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S.*)$/i.exec(auth)?.[1]?.trim();
    if (!token || (t.gatewayToken !== undefined && token !== t.gatewayToken)) throw new LokiError('Unauthorized', 401);
    return { store: tenantStore(t, decodeURIComponent(gateway[1])), apiPath: gateway[2] };
  }
  if (!t.requireOrgId) return { store: t.main, apiPath: path };
  const org = req.headers['x-scope-orgid'];
  const orgId = Array.isArray(org) ? org[0] : org;
  if (!orgId) throw new LokiError('no org id', 401);
  return { store: tenantStore(t, orgId), apiPath: path };
}

async function route(tenancy: Tenancy, limits: Limits, req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mock-loki');
  const method = req.method ?? 'GET';
  const readOnly = method === 'GET' || method === 'POST';
  if (url.pathname === '/ready' && method === 'GET') return reply.text(200, 'ready\n');
  const { store, apiPath: path } = resolveTenant(tenancy, req, url.pathname);
  if (path === '/loki/api/v1/push') {
    if (method !== 'POST') return reply.text(405, 'method not allowed\n');
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) throw unsupported(`push with content type "${type}" (only application/json)`);
    push(store, await readBody(req));
    res.writeHead(204);
    res.end();
    return;
  }
  if (!readOnly) return reply.text(405, 'method not allowed\n');
  const params = () => requestParams(req, url);
  switch (path) {
    case '/loki/api/v1/query_range': return reply.json(queryRange(store, await params(), limits));
    case '/loki/api/v1/query': return reply.json(instantQuery(store, await params(), limits));
    case '/loki/api/v1/labels': return reply.json(labelNames(store, await params()));
    case '/loki/api/v1/series': return reply.json(series(store, await params()));
    case '/loki/api/v1/status/buildinfo': return reply.json(BUILD_INFO);
  }
  const values = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
  if (values) return reply.json(labelValues(store, await params(), decodeURIComponent(values[1])));
  reply.text(404, '404 page not found\n');
}

/** Writes answers, cutting JSON bodies in half when the `truncated` fault is on. */
interface Reply {
  json(body: unknown): void;
  text(status: number, text: string): void;
}

function replier(res: http.ServerResponse, truncate: boolean): Reply {
  return {
    json(body) {
      const text = JSON.stringify(body);
      if (!truncate) return send(res, 200, text, 'application/json; charset=UTF-8');
      const bytes = Buffer.from(text);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    },
    text(status, text) {
      send(res, status, text, 'text/plain; charset=utf-8');
    },
  };
}

/** Applies the current fault; returns false when the request was answered (or dropped) by it. */
async function applyFault(state: FaultState, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  switch (state.mode) {
    case 'down':
      req.socket.destroy();
      return false;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      return true;
    case '429':
      sendText(res, 429, 'too many outstanding requests\n');
      return false;
    case '500':
      sendText(res, 500, 'rpc error: code = Internal desc = mock Loki fault injection: internal error\n');
      return false;
    default:
      return true;
  }
}

export function startMockLoki(opts: MockLokiOptions): Promise<MockLoki> {
  const limits: Limits = {
    maxEntries: opts.maxEntriesLimit ?? 5000,
    maxSeries: opts.maxQuerySeries ?? 500,
    maxQueryLengthMs: opts.maxQueryLengthMs ?? DEFAULT_MAX_QUERY_LENGTH_MS,
    queryTimeoutMs: opts.queryTimeoutMs ?? 60_000,
  };
  const tenancy: Tenancy = { tenants: new Map(MAIN_TENANTS.map((t) => [t, opts.store])), main: opts.store, requireOrgId: opts.requireOrgId ?? false, gatewayToken: opts.gatewayToken };
  const faultsEnabled = opts.faults !== undefined && opts.faults !== false;
  let faults: FaultState = typeof opts.faults === 'object' ? opts.faults : { mode: 'none', delayMs: DEFAULT_SLOW_MS };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (faultsEnabled && req.url?.split('?')[0] === '/mock/faults') {
      if (req.method === 'POST') faults = parseFaultRequest(await readBody(req));
      else if (req.method !== 'GET') return sendText(res, 405, 'method not allowed\n');
      return sendJson(res, faults);
    }
    const state = faults;
    if (faultsEnabled && !(await applyFault(state, req, res))) return;
    await route(tenancy, limits, req, res, replier(res, faultsEnabled && state.mode === 'truncated'));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) res.destroy();
      else if (e instanceof LokiError) sendText(res, e.status, `${e.message}\n`);
      else sendText(res, 500, `internal error in the mock Loki: ${(e as Error)?.message ?? String(e)}\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        setFaults(state) {
          if (!faultsEnabled) throw new Error('fault injection is off: start the mock Loki with the faults option');
          faults = state;
        },
        close: () => new Promise<void>((done, fail) => {
          server.close((err) => (err ? fail(err) : done()));
          server.closeAllConnections();
        }),
      });
    });
  });
}
