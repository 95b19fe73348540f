/**
 * Routes over real HTTP (the app listens on port 0; app.inject needs light-my-request, whose cookie@2
 * dependency is ESM only, which jest's CommonJS runtime cannot load on node 20) against a tiny fake Loki (node:http on port 0) answering with Loki 3.4's
 * own answers captured in /work/shared/loki-samples (copied into fixtures below as far as needed).
 */
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { FlowsResponse } from '../../web/src/model/flow';
import { defaultQuickFilters } from '../../web/src/model/quick-filters';
import { buildApp } from './app';
import { Config, parseConfig } from './config';

// content-disposition 3 is ESM only: node 20 requires it natively, jest's CommonJS runtime cannot.
// @fastify/static uses it only for reply.download(), which the backend does not call.
jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const token = 'sha256~s3cr3t-T0KEN-value';

/** A flow line as the agent writes it (from loki-samples/00-push.txt). */
const line = (port: number, bytes: number) =>
  JSON.stringify({ SrcAddr: '10.128.0.12', DstAddr: '10.128.2.7', SrcPort: port, DstPort: 5201, Proto: 6, Bytes: bytes, Packets: 2, SrcK8S_Name: 'iperf-client-7d9f', TimeFlowEndMs: 1795425617000 });

const iperfStream = { app: 'netobserv-flowcollector', SrcK8S_Namespace: 'iperf', DstK8S_Namespace: 'iperf', FlowDirection: '0' };

/** A query_range answer in Loki's shape (loki-samples/01-query_range-streams-json.json, trimmed). */
function streams(result: Array<{ stream: Record<string, string>; values: Array<[string, string]> }>): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'streams', result, stats: { summary: { totalEntriesReturned: 1 } } } });
}

interface Answer {
  status: number;
  body: string;
  contentType?: string;
}

interface FakeLoki {
  url: string;
  requests: Array<{ url: URL; headers: http.IncomingHttpHeaders }>;
  answer: (url: URL) => Answer | 'hang';
  close: () => Promise<void>;
}

async function startFakeLoki(): Promise<FakeLoki> {
  const hanging: http.ServerResponse[] = [];
  const fake: FakeLoki = {
    url: '',
    requests: [],
    answer: () => ({ status: 200, body: streams([]) }),
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    fake.requests.push({ url, headers: req.headers });
    const a = fake.answer(url);
    if (a === 'hang') {
      hanging.push(res);
      return;
    }
    res.writeHead(a.status, { 'content-type': a.contentType ?? 'application/json' });
    res.end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function config(lokiUrl: string, loki: Record<string, unknown> = {}, assetsDir = path.join(os.tmpdir(), 'no-assets-here')): Config {
  return parseConfig({ assetsDir, server: { host: '127.0.0.1', port: 0 }, loki: { url: lokiUrl, ...loki } }, '/');
}

let fake: FakeLoki;
let app: FastifyInstance;
let logLines: string[];

let appUrl: string;

async function start(cfg: Config): Promise<void> {
  logLines = [];
  app = buildApp(cfg, { logger: { stream: { write: (s: string) => void logLines.push(s) } } });
  appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
}

interface Res {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: () => any;
}

async function call(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  const res = await fetch(`${appUrl}${url}`, { method, headers, body });
  const text = await res.text();
  return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: text, json: () => JSON.parse(text) };
}

beforeEach(async () => {
  fake = await startFakeLoki();
  await start(config(fake.url));
});

afterEach(async () => {
  await app.close();
  await fake.close();
});

const get = (url: string, headers: Record<string, string> = {}) => call('GET', url, headers);
const lokiQuery = (i = 0) => fake.requests[i].url.searchParams.get('query');

describe('GET /api/flows', () => {
  it('turns a filter on an indexed label into the stream selector and returns flow records', async () => {
    fake.answer = () => ({
      status: 200,
      body: streams([
        { stream: iperfStream, values: [['1795425607000000000', line(41234, 1200)]] },
        { stream: { ...iperfStream, FlowDirection: '1' }, values: [['1795425617000000000', line(41236, 300)]] },
      ]),
    });
    const res = await get('/api/flows?filters=SrcK8S_Namespace%3Diperf&startTime=1795425600&endTime=1795425660&limit=50');
    expect(res.statusCode).toBe(200);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].url.pathname).toBe('/loki/api/v1/query_range');
    expect(lokiQuery()).toBe('{app="netobserv-flowcollector",SrcK8S_Namespace="iperf",_RecordType=~"flowLog|"} | json | (FlowDirection=~"0|2" or (DstK8S_HostName="" and DstK8S_Type!="Service")) | __error__=""');
    expect(Object.fromEntries(fake.requests[0].url.searchParams)).toMatchObject({ start: '1795425600000000000', end: '1795425660000000000', limit: '50', direction: 'backward' });
    const body = res.json() as FlowsResponse;
    expect(body.records.map((r) => r.fields.SrcPort)).toEqual([41236, 41234]); // newest first
    expect(body.records[0]).toMatchObject({ timestampNs: '1795425617000000000', labels: { ...iperfStream, FlowDirection: '1' } });
    expect(body.stats).toMatchObject({ numQueries: 1, limitReached: false });
    expect(typeof body.stats.durationMs).toBe('number');
  });

  it('defaults to the last 5 minutes, 100 records, deduplicated flow logs', async () => {
    const before = Date.now() / 1000;
    await get('/api/flows');
    const p = fake.requests[0].url.searchParams;
    const end = Number(BigInt(p.get('end')!) / 1_000_000_000n);
    expect(end).toBeGreaterThanOrEqual(Math.floor(before));
    expect(end - Number(BigInt(p.get('start')!) / 1_000_000_000n)).toBe(300);
    expect(p.get('limit')).toBe('100');
    expect(lokiQuery()).toContain('_RecordType=~"flowLog|"');
    expect(lokiQuery()).toContain('FlowDirection=~"0|2"');
  });

  it('match=any runs one query per filter and merges them without duplicates', async () => {
    const shared: [string, string] = ['1795425607000000000', line(1, 10)];
    fake.answer = (url) =>
      url.searchParams.get('query')!.includes('SrcK8S_Namespace')
        ? { status: 200, body: streams([{ stream: iperfStream, values: [shared] }]) }
        : // The same entry with extracted labels (a query with `| json`), plus another one.
          { status: 200, body: streams([{ stream: { ...iperfStream, Bytes: '10' }, values: [shared] }, { stream: iperfStream, values: [['1795425608000000000', line(2, 20)]] }]) };
    const res = await get('/api/flows?filters=SrcK8S_Namespace%3Diperf%3BBytes%3E5&match=any&dedup=false&limit=2');
    expect(fake.requests).toHaveLength(2);
    const body = res.json() as FlowsResponse;
    expect(body.records.map((r) => r.fields.SrcPort)).toEqual([2, 1]);
    expect(body.stats).toMatchObject({ numQueries: 2, limitReached: true });
  });

  it('skips lines that are not flow JSON and says so in the log', async () => {
    fake.answer = () => ({ status: 200, body: streams([{ stream: iperfStream, values: [['2', 'not json'], ['1', line(3, 30)], ['3', '[1,2]']] }]) });
    const res = await get('/api/flows');
    expect(res.statusCode).toBe(200);
    expect((res.json() as FlowsResponse).records).toHaveLength(1);
    expect(logLines.join('')).toContain('not flow JSON');
  });

  it.each([
    ['filters=Nope%3Dx', 'filters: unknown filter field "Nope"'],
    ['filters=SrcPort%3Dabc', 'filters: SrcPort: "abc" is not a port'],
    ['filters=SrcK8S_Namespace', 'filters: expected an operator'],
    ['limit=abc', 'limit: "abc" is not a whole number between 1 and 5000'],
    ['limit=0', 'limit:'],
    ['limit=5001', 'limit:'],
    ['limit=1&limit=2', 'limit: give the parameter once'],
    ['startTime=yesterday', 'startTime: "yesterday" is not a time'],
    ['startTime=1000&endTime=900', 'endTime: the end of the time range is before its start'],
    ['startTime=0&endTime=3000000', 'startTime: the time range exceeds 30 days'],
    ['match=some', 'match: "some" is not one of all, any'],
    ['recordType=x', 'recordType:'],
    ['dedup=yes', 'dedup:'],
    ['packetLoss=lots', 'packetLoss:'],
  ])('refuses %s with 400 naming the parameter', async (qs, message) => {
    const res = await get(`/api/flows?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: expect.stringContaining(message) });
    expect(fake.requests).toHaveLength(0);
  });

  it('forwards the caller token to Loki only, never to responses or logs', async () => {
    fake.answer = () => ({ status: 200, body: streams([{ stream: iperfStream, values: [['1', line(4, 40)]] }]) });
    const ok = await get('/api/flows', { authorization: `Bearer ${token}` });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${token}`);
    fake.answer = () => ({ status: 401, body: `invalid token ${token}`, contentType: 'text/plain' });
    const refused = await get('/api/flows', { authorization: `Bearer ${token}` });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ error: 'Loki refused the credentials (401)' });
    for (const text of [ok.body, refused.body, JSON.stringify(ok.headers), logLines.join('\n')]) expect(text).not.toContain(token);
    expect(logLines.length).toBeGreaterThan(0);
  });

  it('redacts the authorization header if a request is logged with its headers', async () => {
    await app.close();
    logLines = [];
    app = buildApp(config(fake.url), { logger: { stream: { write: (s: string) => void logLines.push(s) } } });
    app.get('/test/log-headers', async (req) => {
      req.log.info({ headers: req.headers }, 'headers');
      return {};
    });
    appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    await get('/test/log-headers', { authorization: `Bearer ${token}` });
    const logged = logLines.join('\n');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(token);
  });

  it('uses the token file when the caller has none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-token-'));
    const file = path.join(dir, 'token');
    fs.writeFileSync(file, 'from-file\n');
    await app.close();
    await start(config(fake.url, { tokenFile: file }));
    await get('/api/flows');
    expect(fake.requests[0].headers.authorization).toBe('Bearer from-file');
    await get('/api/flows', { authorization: 'Bearer user' });
    expect(fake.requests[1].headers.authorization).toBe('Bearer user');
  });

  it('LokiStack gateway: tenant path; multi-tenant Loki: X-Scope-OrgID', async () => {
    await app.close();
    await start(config(`${fake.url}/`, { tenantId: 'network' }));
    await get('/api/flows');
    expect(fake.requests[0].url.pathname).toBe('/api/logs/v1/network/loki/api/v1/query_range');
    expect(fake.requests[0].headers['x-scope-orgid']).toBeUndefined();
    await app.close();
    await start(config(fake.url, { orgId: 'tenant-a' }));
    await get('/api/flows');
    expect(fake.requests[1].url.pathname).toBe('/loki/api/v1/query_range');
    expect(fake.requests[1].headers['x-scope-orgid']).toBe('tenant-a');
  });

  it('Loki down (closed port) -> 503', async () => {
    const closedUrl = fake.url;
    await app.close();
    await fake.close();
    fake = await startFakeLoki();
    await start(config(closedUrl));
    const res = await get('/api/flows');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: `Loki is unreachable at ${closedUrl} (ECONNREFUSED)` });
  });

  it.each<[string, Answer, number, string]>([
    ['429', { status: 429, body: 'too many outstanding requests', contentType: 'text/plain' }, 503, 'Loki is overloaded (too many outstanding requests); retry in a moment'],
    ['garbage', { status: 200, body: '<html>proxy error</html>' }, 502, 'Loki answered with something that is not JSON'],
    ['wrong shape', { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }) }, 502, 'unexpected shape (data.resultType'],
    ['max entries', { status: 400, body: 'max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)', contentType: 'text/plain' }, 400, 'lower the limit'],
    ['parse error', { status: 400, body: 'parse error at line 1, col 31: syntax error: unexpected $end, expecting } or ,', contentType: 'text/plain' }, 400, 'Loki rejected the query: parse error at line 1'],
    ['403', { status: 403, body: 'forbidden', contentType: 'text/plain' }, 403, 'Loki refused the credentials (403)'],
    ['500', { status: 500, body: 'internal', contentType: 'text/plain' }, 502, 'Loki answered 500: internal'],
  ])('Loki %s -> JSON error', async (_name, answer, status, message) => {
    fake.answer = () => answer;
    const res = await get('/api/flows');
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({ error: expect.stringContaining(message) });
  });

  it('Loki too slow -> 504 before the console proxy gives up', async () => {
    await app.close();
    await start(config(fake.url, { timeoutSeconds: 0.2 }));
    fake.answer = () => 'hang';
    const res = await get('/api/flows');
    expect(res.statusCode).toBe(504);
    expect(res.json()).toEqual({ error: 'Loki did not answer within 0.2 s; narrow the time range or add filters' });
  });
});

describe('other routes', () => {
  it('GET /api/frontend-config', async () => {
    const res = await get('/api/frontend-config');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.fields.length).toBeGreaterThan(50);
    expect(body.columns).toContain('SrcK8S_Namespace');
    expect(body.lokiLabels).toContain('SrcK8S_Namespace');
    expect(body.features).toEqual(expect.arrayContaining(['FlowRTT', 'PacketDrop', 'NetworkEvents']));
    expect(body.recordTypes).toEqual(['flowLog', 'newConnection', 'heartbeat', 'endConnection']);
    expect(body.quickFilters).toEqual(defaultQuickFilters);
  });

  it("GET /api/frontend-config sends the configuration's quick filters", async () => {
    const quickFilters = [{ name: 'HTTPS', filter: 'DstPort=443' }];
    await app.close();
    await start({ ...config(fake.url), quickFilters });
    expect((await get('/api/frontend-config')).json().quickFilters).toEqual(quickFilters);
  });

  it('health and readiness', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    fake.answer = (url) => (url.pathname === '/ready' ? { status: 200, body: 'ready', contentType: 'text/plain' } : { status: 404, body: '' });
    expect((await get('/readyz')).json()).toEqual({ status: 'ready' });
    fake.answer = () => ({ status: 503, body: 'Ingester not ready', contentType: 'text/plain' });
    const notReady = await get('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().error).toContain('Ingester not ready');
  });

  it('unknown routes and methods answer a JSON 404', async () => {
    for (const res of [await get('/api/nope'), await call('POST', '/api/flows')]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: expect.stringContaining('no route') });
    }
  });

  it('framework errors use the {error} shape too, without a stack', async () => {
    for (const res of [await get('/api/%zz'), await call('POST', '/healthz', { 'content-type': 'application/json' }, '{bad')]) {
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json())).toEqual(['error']);
      expect(res.body).not.toMatch(/\bat \S+:\d+/);
    }
  });

  it('without built assets, / says to run the build', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toContain('npm run build');
  });

  it('serves the built page with security headers, and index.html for client routes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-assets-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script src="main.js"></script>');
    fs.writeFileSync(path.join(dir, 'main.js'), 'console.log(1)');
    await app.close();
    await start(config(fake.url, {}, dir));
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('main.js');
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/main.js')).body).toBe('console.log(1)');
    const route = await get('/netflow-traffic', { accept: 'text/html' });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('main.js');
    expect((await get('/missing.js')).statusCode).toBe(404);
    expect((await get('/api/missing', { accept: 'text/html' })).json()).toEqual({ error: 'no route GET /api/missing' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
