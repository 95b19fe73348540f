/**
 * The mock Prometheus' HTTP API (node:http): query, query_range, labels, label values, series and
 * readiness, GET or form POST, with Prometheus' JSON shapes, parameter parsing and error answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { instantQuery, rangeQuery, type QueryResult, type RangeSeries } from './engine';
import { PromError } from './errors';
import { parseDurationMs, parsePromQL } from './promql';
import { compareLabels, hasSampleIn, type Labels, type Series, type Tsdb } from './tsdb';

export interface MockPrometheusOptions {
  port: number;
  host?: string;
  tsdb: Tsdb;
}

export interface MockPrometheus {
  url: string;
  close(): Promise<void>;
}

/** Prometheus refuses range queries of more points than this per series. */
export const MAX_POINTS_PER_SERIES = 11_000;
const MAX_BODY_BYTES = 1024 * 1024;

/** Prometheus' float text: shortest round-trip digits without exponent, and +Inf, -Inf, NaN. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const digits = int + frac;
  const exp = Number(expText);
  if (exp >= 0) return sign + (digits.length > exp + 1 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : digits.padEnd(exp + 1, '0'));
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

const seconds = (ms: number): number => ms / 1000;

/** Prometheus' time parameter: float seconds or RFC3339; millisecond precision. */
export function parseTime(value: string, name: string): number {
  const t = value.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new PromError(`invalid parameter "${name}": cannot parse "${value}" to a valid timestamp`);
}

/** Prometheus' duration parameter: float seconds or a duration such as `30s` or `1m30s`, in ms. */
export function parseDurationParam(value: string, name: string): number {
  const t = value.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const ms = Math.round(Number(t) * 1000);
    if (Number.isFinite(ms)) return ms;
  }
  const ms = parseDurationMs(t);
  if (ms !== undefined) return ms;
  throw new PromError(`invalid parameter "${name}": cannot parse "${value}" to a valid duration`);
}

function formatRange(s: RangeSeries): { metric: Labels; values: [number, string][] } {
  return { metric: s.labels, values: s.ts.map((t, i) => [seconds(t), formatValue(s.vs[i])]) };
}

/** The `data` of a query answer in Prometheus' JSON. */
export function formatResult({ value, tMs }: QueryResult): unknown {
  switch (value.type) {
    case 'scalar': return { resultType: 'scalar', result: [seconds(tMs), formatValue(value.value)] };
    case 'string': return { resultType: 'string', result: [seconds(tMs), value.value] };
    case 'vector': return { resultType: 'vector', result: value.samples.map((s) => ({ metric: s.labels, value: [seconds(tMs), formatValue(s.value)] })) };
    case 'matrix': return { resultType: 'matrix', result: value.series.map(formatRange) };
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new PromError('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function requestParams(req: http.IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(await readBody(req))) params.append(k, v);
  }
  return params;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const success = (data: unknown) => ({ status: 'success', data });

function required(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === '') throw new PromError(`invalid parameter "${name}": missing value`);
  return v;
}

function queryParam(params: URLSearchParams): string {
  const q = params.get('query');
  if (q === null || q === '') throw new PromError('invalid parameter "query": unknown position: parse error: no expression found in input');
  return q;
}

/** Query errors keep Prometheus' `invalid parameter "query": ` prefix for parse errors. */
function asQueryError(e: unknown): unknown {
  if (e instanceof PromError && e.errorType === 'bad_data' && !e.message.startsWith('invalid parameter')) {
    return new PromError(`invalid parameter "query": ${e.message}`);
  }
  return e;
}

function handleQuery(tsdb: Tsdb, params: URLSearchParams): unknown {
  const query = queryParam(params);
  const time = params.get('time');
  const tMs = time ? parseTime(time, 'time') : Date.now();
  try {
    return success(formatResult(instantQuery(tsdb, query, tMs)));
  } catch (e) {
    throw asQueryError(e);
  }
}

function handleQueryRange(tsdb: Tsdb, params: URLSearchParams): unknown {
  const startMs = parseTime(required(params, 'start'), 'start');
  const endMs = parseTime(required(params, 'end'), 'end');
  if (endMs < startMs) throw new PromError('invalid parameter "end": end timestamp must not be before start time');
  const stepMs = parseDurationParam(required(params, 'step'), 'step');
  if (stepMs <= 0) throw new PromError('invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((endMs - startMs) / stepMs > MAX_POINTS_PER_SERIES) {
    throw new PromError('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  }
  const query = queryParam(params);
  try {
    return success(formatResult(rangeQuery(tsdb, query, startMs, endMs, stepMs)));
  } catch (e) {
    throw asQueryError(e);
  }
}

/** Series selected by `match[]` (all series without it), with a sample in [start, end] when given. */
function matchingSeries(tsdb: Tsdb, params: URLSearchParams, matchRequired: boolean): Series[] {
  const minMs = params.get('start') ? parseTime(params.get('start')!, 'start') : -Infinity;
  const maxMs = params.get('end') ? parseTime(params.get('end')!, 'end') : Infinity;
  const matches = params.getAll('match[]');
  if (matches.length === 0) {
    if (matchRequired) throw new PromError('no match[] parameter provided');
    return tsdb.allSeries(minMs, maxMs);
  }
  const found = new Map<Series, true>();
  for (const m of matches) {
    let expr;
    try {
      expr = parsePromQL(m);
    } catch (e) {
      throw new PromError(`invalid parameter "match[]": ${(e as Error).message}`);
    }
    if (expr.type !== 'vector') throw new PromError(`invalid parameter "match[]": 1:1: parse error: unexpected ${expr.type}, expected a series selector`);
    for (const s of tsdb.select(expr.matchers)) if (hasSampleIn(s, minMs, maxMs)) found.set(s, true);
  }
  return [...found.keys()];
}

function route(tsdb: Tsdb, path: string, params: URLSearchParams): unknown {
  if (path === '/api/v1/query') return handleQuery(tsdb, params);
  if (path === '/api/v1/query_range') return handleQueryRange(tsdb, params);
  if (path === '/api/v1/series') return success(matchingSeries(tsdb, params, true).map((s) => s.labels).sort(compareLabels));
  if (path === '/api/v1/labels') {
    const names = new Set<string>();
    for (const s of matchingSeries(tsdb, params, false)) for (const k of Object.keys(s.labels)) names.add(k);
    return success([...names].sort());
  }
  const values = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
  if (values) {
    const name = decodeURIComponent(values[1]);
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw new PromError(`invalid label name: "${name}"`);
    const found = new Set<string>();
    for (const s of matchingSeries(tsdb, params, false)) if (s.labels[name] !== undefined) found.add(s.labels[name]);
    return success([...found].sort());
  }
  if (path === '/api/v1/status/buildinfo') return success({ version: '2.42.0-mock', revision: 'mock', branch: 'mock', buildUser: 'mock', buildDate: '', goVersion: '' });
  throw new PromError('not found', 'not_found');
}

/** Starts the mock Prometheus on `host:port` (port 0 picks a free one). */
export function startMockPrometheus(opts: MockPrometheusOptions): Promise<MockPrometheus> {
  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      // A request target such as `//` is no URL: an exception here would end the process.
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('400 Bad Request\n');
      return;
    }
    if (url.pathname === '/-/ready' || url.pathname === '/-/healthy') {
      const text = url.pathname === '/-/ready' ? 'Prometheus Server is Ready.\n' : 'Prometheus Server is Healthy.\n';
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      sendJson(res, 405, { status: 'error', errorType: 'bad_data', error: `method ${req.method} not allowed` });
      return;
    }
    requestParams(req, url)
      .then((params) => sendJson(res, 200, route(opts.tsdb, url.pathname, params)))
      .catch((e: unknown) => {
        const err = e instanceof PromError ? e : new PromError((e as Error)?.message ?? String(e), 'internal');
        if (err.errorType === 'not_found') {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('404 page not found\n');
          return;
        }
        sendJson(res, err.status, { status: 'error', errorType: err.errorType, error: err.message });
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        close: () => new Promise<void>((done, fail) => {
          server.closeAllConnections();
          server.close((err) => (err ? fail(err) : done()));
        }),
      });
    });
  });
}
