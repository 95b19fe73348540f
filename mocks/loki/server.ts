/**
 * The mock Loki's HTTP server (node:http): query_range, labels, label values, push and ready, with
 * Loki's answer shapes, status codes and plain-text error messages.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluateRange, selectStreams } from './engine';
import { LokiError, unsupported } from './errors';
import { nowNs, parseDirection, parseLimit, parseTimestamp } from './http-params';
import { checkSelector, parseQuery } from './logql';
import { lokiStats } from './stats';
import type { LokiStore, Stream } from './store';

export interface MockLokiOptions {
  port: number;
  host?: string;
  store: LokiStore;
  /** Loki's max_entries_limit_per_query (default 5000). */
  maxEntriesLimit?: number;
}

export interface MockLoki {
  url: string;
  close(): Promise<void>;
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

function queryRange(store: LokiStore, params: Params, maxEntries: number): unknown {
  const query = params.get('query');
  if (query === null) throw new LokiError('parse error : syntax error: unexpected $end');
  const { startNs, endNs } = timeRange(params);
  const limit = parseLimit(params.get('limit'), 100, maxEntries);
  const direction = parseDirection(params.get('direction'));
  // Loki's range end is inclusive for log queries when start == end; otherwise [start, end).
  const result = evaluateRange(store, query, { startNs, endNs: endNs === startNs ? endNs + 1n : endNs, limit, direction });
  return { status: 'success', data: { resultType: result.resultType, result: result.result, stats: lokiStats(result.stats) } };
}

/** Streams with at least one entry in the range, optionally narrowed by a `query` selector. */
function streamsInRange(store: LokiStore, params: Params): Stream[] {
  const { startNs, endNs } = timeRange(params);
  const selectorText = params.get('query');
  let streams: Stream[];
  if (selectorText) {
    const query = parseQuery(selectorText);
    if (query.pipeline.length > 0) throw unsupported('a pipeline in the query of a labels request');
    checkSelector(query.selector);
    streams = selectStreams(store, query.selector);
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

async function route(store: LokiStore, maxEntries: number, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mock-loki');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const readOnly = method === 'GET' || method === 'POST';
  if (path === '/ready' && method === 'GET') return sendText(res, 200, 'ready\n');
  if (path === '/loki/api/v1/push') {
    if (method !== 'POST') return sendText(res, 405, 'method not allowed\n');
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) throw unsupported(`push with content type "${type}" (only application/json)`);
    push(store, await readBody(req));
    res.writeHead(204);
    res.end();
    return;
  }
  if (path === '/loki/api/v1/query_range' && readOnly) return sendJson(res, queryRange(store, await requestParams(req, url), maxEntries));
  if (path === '/loki/api/v1/query' && readOnly) {
    const params = await requestParams(req, url);
    const query = parseQuery(params.get('query') ?? '');
    if (query.kind === 'log') throw new LokiError('log queries are not supported as an instant query type, please change your query to a range query type');
    throw unsupported('instant metric queries');
  }
  if (path === '/loki/api/v1/labels' && readOnly) return sendJson(res, labelNames(store, await requestParams(req, url)));
  const values = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
  if (values && readOnly) return sendJson(res, labelValues(store, await requestParams(req, url), decodeURIComponent(values[1])));
  sendText(res, 404, '404 page not found\n');
}

export function startMockLoki(opts: MockLokiOptions): Promise<MockLoki> {
  const maxEntries = opts.maxEntriesLimit ?? 5000;
  const server = http.createServer((req, res) => {
    route(opts.store, maxEntries, req, res).catch((e: unknown) => {
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
        close: () => new Promise<void>((done, fail) => {
          server.close((err) => (err ? fail(err) : done()));
          server.closeAllConnections();
        }),
      });
    });
  });
}
