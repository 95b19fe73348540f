/**
 * Upstream faults, end to end over loopback: the backend against the mock Loki's fault injection
 * (down, slow, 429, 500, truncated) and against a programmable fake for what the mock does not do
 * (giant bodies, TLS with an unknown certificate, Prometheus faults). Each fault must give the right
 * status and a clear message within the configured timeout, while /healthz and good requests on the
 * other data source keep answering fast.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { generateCluster } from '../../mocks/cluster';
import { generateFlows } from '../../mocks/flows';
import { MockLoki, startMockLoki } from '../../mocks/loki/server';
import { LokiStore } from '../../mocks/loki/store';
import { buildApp } from './app';
import { parseConfig } from './config';

jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const timeoutSeconds = 0.8;
const endMs = Math.floor(Date.now() / 60_000) * 60_000;
const startMs = endMs - 5 * 60_000;
const range = `startTime=${startMs / 1000}&endTime=${endMs / 1000}`;

type Behaviour = 'ok' | 'hang' | '429' | '500' | 'truncated' | 'giant' | 'down';

/** A fake upstream (Loki or Prometheus) whose behaviour each test sets; over TLS when given a key pair. */
interface Fake {
  url: string;
  behaviour: Behaviour;
  requests: number;
  close(): Promise<void>;
}

const promOk = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } });
/** 50 MB of JSON that never ends: the backend must refuse it, not crash or hang. */
const giantBody = Buffer.alloc(50 * 1024 * 1024, 'x');
giantBody.write('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"');

async function startFake(tls?: { key: Buffer; cert: Buffer }): Promise<Fake> {
  const sockets = new Set<import('node:net').Socket>();
  const fake: Fake = { url: '', behaviour: 'ok', requests: 0, close: async () => undefined };
  const handler = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    fake.requests++;
    switch (fake.behaviour) {
      case 'hang':
        return; // never answers; the socket is destroyed on close
      case 'down':
        res.socket?.destroy();
        return;
      case '429':
        res.writeHead(429, { 'content-type': 'text/plain' }).end('too many outstanding requests');
        return;
      case '500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal server error');
        return;
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/json' }).end(promOk.slice(0, promOk.length / 2));
        return;
      case 'giant':
        res.writeHead(200, { 'content-type': 'application/json' }).end(giantBody);
        return;
      case 'ok':
        res.writeHead(200, { 'content-type': 'application/json' }).end(promOk);
    }
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}

let loki: MockLoki;
let prom: Fake;
let base: string;
const apps: FastifyInstance[] = [];

async function startBackend(lokiUrl: string, promUrl: string): Promise<string> {
  const config = parseConfig(
    {
      assetsDir: path.join(os.tmpdir(), 'no-assets'),
      server: { host: '127.0.0.1', port: 0 },
      loki: { url: lokiUrl, timeoutSeconds },
      prometheus: { url: promUrl, timeoutSeconds },
    },
    '/',
  );
  const a = buildApp(config, { logger: false });
  apps.push(a);
  await a.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`;
}

/** A request and how long it took. */
async function timedGet(url: string): Promise<{ status: number; body: { error?: string }; ms: number }> {
  const started = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  let body: { error?: string } = {};
  try {
    body = JSON.parse(text) as { error?: string };
  } catch {
    body = { error: `not JSON: ${text.slice(0, 100)}` };
  }
  return { status: res.status, body, ms: performance.now() - started };
}

const flowsUrl = () => `${base}/api/flows?${range}&limit=10`;
const promMetricsUrl = () => `${base}/api/metrics?${range}&dataSource=prom&type=bytes&scope=namespace`;
/** Answered within the timeout, plus a margin for a loaded machine. */
const withinTimeout = timeoutSeconds * 1000 + 1500;

beforeAll(async () => {
  const store = new LokiStore();
  for (const e of generateFlows(generateCluster(3), { seed: 3, startMs, endMs, flowsPerSecond: 5 })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
  }
  loki = await startMockLoki({ port: 0, host: '127.0.0.1', store, faults: true });
  prom = await startFake();
  base = await startBackend(loki.url, prom.url);
});

afterEach(() => {
  loki.setFaults({ mode: 'none', delayMs: 0 });
  prom.behaviour = 'ok';
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await loki.close();
  await prom.close();
});

describe('Loki faults (mock Loki fault injection)', () => {
  it('answers normally without a fault', async () => {
    const res = await timedGet(flowsUrl());
    expect(res.status).toBe(200);
  });

  it.each<[string, 'down' | '429' | '500' | 'truncated', number, RegExp]>([
    ['connection dropped', 'down', 503, /^Loki is unreachable at http:\/\/127\.0\.0\.1:\d+ \(UND_ERR_SOCKET\)$/],
    ['429', '429', 503, /^Loki is overloaded \(too many outstanding requests\); retry in a moment$/],
    ['500', '500', 502, /^Loki answered 500: .*internal error/],
    // The mock announces the full length and closes the connection half-way.
    ['truncated answer', 'truncated', 502, /^Loki answer was cut off before its end \(UND_ERR_SOCKET\); retry, or narrow the query$/],
  ])('%s (mode %s) -> %i with a clear message', async (_name, mode, status, message) => {
    loki.setFaults({ mode, delayMs: 0 });
    const res = await timedGet(flowsUrl());
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expect(res.ms).toBeLessThan(withinTimeout);
  });

  it('slow beyond the timeout -> 504 within the timeout, while /healthz and Prometheus stay fast', async () => {
    loki.setFaults({ mode: 'slow', delayMs: 1_500 });
    const slow = timedGet(flowsUrl());
    // While Loki hangs: the process is not blocked, and the other data source answers.
    const health = await timedGet(`${base}/healthz`);
    const metrics = await timedGet(promMetricsUrl());
    expect(health.status).toBe(200);
    // Both answer before Loki's timeout would fire: they do not wait behind it (loose bounds for busy CI machines).
    expect(health.ms).toBeLessThan(timeoutSeconds * 1000);
    expect(metrics.status).toBe(200);
    expect(metrics.ms).toBeLessThan(timeoutSeconds * 1000);
    const res = await slow;
    expect(res.status).toBe(504);
    expect(res.body.error).toBe(`Loki did not answer within ${timeoutSeconds} s; narrow the time range or add filters`);
    expect(res.ms).toBeGreaterThanOrEqual(timeoutSeconds * 1000 - 50);
    expect(res.ms).toBeLessThan(withinTimeout);
  });

  it('many hung requests at once do not stop the backend from answering', async () => {
    loki.setFaults({ mode: 'slow', delayMs: 1_500 });
    const hung = Array.from({ length: 30 }, () => timedGet(flowsUrl()));
    const health = await timedGet(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(timeoutSeconds * 1000);
    const results = await Promise.all(hung);
    // Each waits at most its own timeout once it runs, or is shed at once when the queue is full.
    for (const r of results) expect([503, 504]).toContain(r.status);
    expect(results.every((r) => typeof r.body.error === 'string' && r.body.error.length > 0)).toBe(true);
  });
});

describe('Prometheus faults', () => {
  it.each<[Behaviour, number | string, RegExp]>([
    ['down', 503, /^Prometheus is unreachable at http:\/\/127\.0\.0\.1:\d+ \(UND_ERR_SOCKET\)$/],
    ['hang', 504, /^Prometheus did not answer within 0\.8 s/],
    ['429', 503, /^Prometheus is overloaded or unavailable \(429\); retry in a moment$/],
    ['500', 502, /^Prometheus answered 500/],
    ['truncated', 502, /^Prometheus answered with something that is not JSON/],
    // 50 MB: refused as not JSON, or by the timeout when reading it takes longer on a busy machine.
    ['giant', '502 or 504', /^Prometheus (answered with something that is not JSON|did not answer within 0\.8 s)/],
  ])('%s -> %s with a clear message, Loki still answering', async (behaviour, status, message) => {
    prom.behaviour = behaviour;
    const pending = timedGet(promMetricsUrl());
    const flows = await timedGet(flowsUrl());
    expect(flows.status).toBe(200);
    const res = await pending;
    if (typeof status === 'number') expect(res.status).toBe(status);
    else expect([502, 504]).toContain(res.status);
    expect(res.body.error).toMatch(message);
    expect(res.ms).toBeLessThan(withinTimeout + (behaviour === 'giant' ? 3000 : 0));
  });
});

describe('upstream unreachable or untrusted', () => {
  it('Loki on a closed port -> 503 naming it', async () => {
    const closed = await startFake();
    const url = closed.url;
    await closed.close();
    const b = await startBackend(url, prom.url);
    const res = await timedGet(`${b}/api/flows?${range}`);
    expect(res.status).toBe(503);
    expect(res.body.error).toBe(`Loki is unreachable at ${url} (ECONNREFUSED)`);
  });

  it('a self-signed HTTPS Loki without a configured CA -> 503 naming the certificate problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const tlsLoki = await startFake({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
    try {
      const b = await startBackend(tlsLoki.url, prom.url);
      const res = await timedGet(`${b}/api/flows?${range}`);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatch(new RegExp(`^Loki is unreachable at ${tlsLoki.url.replace(/\./g, '\\.')} \\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\\)$`));
      expect(tlsLoki.requests).toBe(0); // no query went over the untrusted connection
    } finally {
      await tlsLoki.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
