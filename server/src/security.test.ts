/**
 * Security properties not covered by the route sweeps of app.test.ts and integration.test.ts:
 * - an upstream that echoes the caller's token in its error body (some proxies and gateways do) must
 *   not get it into a response or a log line;
 * - gateway mode without a token is refused with 401;
 * - no parameter, header or request target makes the backend contact anything but its configured
 *   Loki and Prometheus (an "attacker" server counts what reaches it; the upstreams record hosts and paths);
 * - security headers on every kind of API answer (JSON, CSV, errors, metrics).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { FastifyInstance } from 'fastify';
import { MockLoki, startMockLoki } from '../../mocks/loki/server';
import { LokiStore } from '../../mocks/loki/store';
import { buildApp } from './app';
import { parseConfig } from './config';

jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const secret = 'sha256~SECURITY-S3CRET-token';
/** Enough of the token to recognise a piece of it. */
const leaks = (text: string) => text.includes(secret.slice(0, 8));
const now = Math.floor(Date.now() / 1000);
const range = `startTime=${now - 300}&endTime=${now}`;

interface Recorder {
  url: string;
  hostPort: string;
  requests: { host: string; path: string }[];
  /** What the next requests get. */
  answer: { status: number; body: string };
  close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
  const rec: Recorder = { url: '', hostPort: '', requests: [], answer: { status: 200, body: '{}' }, close: async () => undefined };
  const server = http.createServer((req, res) => {
    rec.requests.push({ host: req.headers.host ?? '', path: req.url ?? '' });
    res.writeHead(rec.answer.status, { 'content-type': 'application/json' }).end(rec.answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rec.hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  rec.url = `http://${rec.hostPort}`;
  rec.close = () => new Promise((resolve) => server.close(() => resolve()));
  return rec;
}

const logLines: string[] = [];
const apps: FastifyInstance[] = [];
const closers: (() => Promise<void>)[] = [];

async function backend(doc: Record<string, unknown>): Promise<string> {
  const stream = new Writable({ write: (chunk, _enc, done) => { logLines.push(String(chunk)); done(); } });
  const config = parseConfig({ assetsDir: path.join(os.tmpdir(), 'no-assets'), server: { host: '127.0.0.1', port: 0 }, ...doc }, '/');
  const app = buildApp(config, { logger: { stream, level: 'debug' } });
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await Promise.all(closers.map((c) => c()));
});

describe('an upstream echoing the token', () => {
  it.each([
    [500, `upstream failed for Authorization: Bearer ${secret}`],
    [400, `parse error: token ${secret} not allowed`],
    [200, `<html>proxy login for ${secret}</html>`],
    // The message keeps 100 characters of a non-JSON body: the cut falls inside the token.
    [200, `${'x'.repeat(90)} ${secret}`],
    [500, `${'y'.repeat(485)} ${secret}`],
  ])('Loki answering %i with the token in its body: not in the response, not in the log', async (status, body) => {
    const loki = await startRecorder();
    closers.push(loki.close);
    const prom = await startRecorder();
    closers.push(prom.close);
    loki.answer = { status, body };
    prom.answer = { status, body };
    const base = await backend({ loki: { url: loki.url }, prometheus: { url: prom.url } });
    logLines.length = 0;
    for (const u of [`/api/flows?${range}`, `/api/flows/export?${range}`, `/api/metrics?${range}&dataSource=prom`, `/api/values?${range}&field=SrcK8S_Namespace`, '/readyz', '/api/status']) {
      const res = await fetch(`${base}${u}`, { headers: { authorization: `Bearer ${secret}` } });
      const text = await res.text();
      // Some routes answer 200 all the same (/api/status reports, /readyz only needs a 200 from Loki).
      if (u.startsWith('/api/flows?')) expect(res.status).toBeGreaterThanOrEqual(400);
      expect({ u, leaked: leaks(text) }).toEqual({ u, leaked: false });
    }
    expect(loki.requests.length).toBeGreaterThan(0); // the token did reach Loki, as it should
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter(leaks)).toEqual([]);
  });
});

describe('LokiStack gateway mode', () => {
  let loki: MockLoki;
  beforeAll(async () => {
    loki = await startMockLoki({ port: 0, host: '127.0.0.1', store: new LokiStore(), gatewayToken: secret });
    closers.push(loki.close);
  });

  it('without a token (no caller token, no token file) -> 401 with a clear message', async () => {
    const base = await backend({ loki: { url: loki.url, tenantId: 'network' } });
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/api/flows?${range}`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Loki refused the credentials (401)' });
    }
    const ok = await fetch(`${base}/api/flows?${range}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(ok.status).toBe(200);
  });
});

describe('no route fetches a user-supplied URL', () => {
  /** A raw HTTP request, so that the request target and Host header can be anything. */
  function rawGet(base: string, target: string, host: string): Promise<string> {
    const { port } = new URL(base);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nX-Forwarded-Host: ${host}\r\nConnection: close\r\n\r\n`);
      });
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
  }

  it('query parameters, absolute request targets and Host headers never redirect upstream requests', async () => {
    const attacker = await startRecorder();
    closers.push(attacker.close);
    const loki = await startRecorder();
    closers.push(loki.close);
    const prom = await startRecorder();
    closers.push(prom.close);
    const base = await backend({ loki: { url: loki.url }, prometheus: { url: prom.url } });
    const evil = attacker.url;
    const evilEnc = encodeURIComponent(evil);
    const targets = [
      `/api/flows?url=${evilEnc}&${range}`,
      `/api/flows?${range}&loki=${evilEnc}&lokiUrl=${evilEnc}&target=${evilEnc}`,
      `/api/flows?${range}&filters=${encodeURIComponent(`SrcK8S_Namespace="${evil}/"`)}`,
      `/api/metrics?${range}&dataSource=${evilEnc}`,
      `/api/metrics?${range}&dataSource=prom&url=${evilEnc}`,
      `/api/values?${range}&field=${evilEnc}`,
      `/api/flows/export?${range}&columns=${evilEnc}`,
      `/api/status?url=${evilEnc}`,
      `/readyz?url=${evilEnc}`,
      `${evil}/api/flows?${range}`,
      `//${attacker.hostPort}/api/flows?${range}`,
      `/api/flows/..%2f..%2f${attacker.hostPort}?${range}`,
    ];
    for (const t of targets) await rawGet(base, t, attacker.hostPort);
    expect(attacker.requests).toEqual([]);
    expect(loki.requests.length).toBeGreaterThan(0);
    expect(prom.requests.length).toBeGreaterThan(0);
    for (const r of loki.requests) {
      expect(r.host).toBe(loki.hostPort);
      expect(r.path).toMatch(/^\/(ready|loki\/api\/v1\/)/);
    }
    for (const r of prom.requests) {
      expect(r.host).toBe(prom.hostPort);
      expect(r.path).toMatch(/^\/api\/v1\//);
    }
  });
});

describe('security headers', () => {
  it('every kind of API answer carries nosniff, no-referrer and the content security policy', async () => {
    const loki = await startMockLoki({ port: 0, host: '127.0.0.1', store: new LokiStore() });
    closers.push(loki.close);
    const base = await backend({ loki: { url: loki.url }, prometheus: { url: 'http://127.0.0.1:9' } });
    const urls = [
      '/healthz', '/api/frontend-config', `/api/flows?${range}`, `/api/flows/export?${range}`, `/api/metrics?${range}&dataSource=prom`,
      '/api/flows?filters=Nope=1', '/metrics', '/nope', '/api/%', '/',
    ];
    const kinds = new Set<string>();
    for (const u of urls) {
      const res = await fetch(`${base}${u}`);
      await res.arrayBuffer();
      kinds.add(`${res.status} ${res.headers.get('content-type')?.split(';')[0]}`);
      expect({ u, nosniff: res.headers.get('x-content-type-options'), referrer: res.headers.get('referrer-policy') }).toEqual({ u, nosniff: 'nosniff', referrer: 'no-referrer' });
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*object-src 'none'.*frame-ancestors 'self'/);
    }
    // JSON, CSV, Prometheus text; 200, 400, 404, 503.
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['200 application/json', '200 text/csv', '200 text/plain', '400 application/json', '404 application/json', '503 application/json']));
  });
});
