/**
 * The backend against the project's mock Loki (a real HTTP server evaluating LogQL over generated
 * flows), in plain mode and behind LokiStack gateway paths, plus a sweep of every route checking that
 * the caller's token never reaches a log line or a response body.
 */
import { Writable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { generateCluster } from '../../mocks/cluster';
import { generateFlows } from '../../mocks/flows';
import { MockLoki, startMockLoki } from '../../mocks/loki/server';
import { LokiStore } from '../../mocks/loki/store';
import { fields } from '../../web/src/model/fields';
import { FlowsResponse } from '../../web/src/model/flow';
import { MetricsResponse } from '../../web/src/model/metrics';
import { buildApp } from './app';
import { parseConfig } from './config';
import { csvCell } from './csv-export';

jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const token = 'sha256~integration-S3CRET-token';
const endMs = Math.floor(Date.now() / 60_000) * 60_000;
const startMs = endMs - 10 * 60_000;
const range = `startTime=${startMs / 1000}&endTime=${endMs / 1000}`;

let loki: MockLoki;
const logLines: string[] = [];
const apps: FastifyInstance[] = [];

async function backend(lokiOver: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<string> {
  const stream = new Writable({ write: (chunk, _enc, done) => { logLines.push(String(chunk)); done(); } });
  const config = parseConfig({ assetsDir: path.join(os.tmpdir(), 'no-assets'), server: { host: '127.0.0.1', port: 0 }, loki: { url: loki.url, ...lokiOver }, ...extra }, '/');
  const app = buildApp(config, { logger: { stream, level: 'debug' } });
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

const get = (url: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => fetch(url, { headers });

beforeAll(async () => {
  const store = new LokiStore();
  for (const e of generateFlows(generateCluster(7), { seed: 7, startMs, endMs, flowsPerSecond: 8 })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
  }
  loki = await startMockLoki({ port: 0, store, gatewayToken: token });
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await loki.close();
});

/** Parses CSV text (RFC 4180) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('plain Loki', () => {
  let base: string;
  beforeAll(async () => {
    base = await backend();
  });

  it('answers flows from the mock', async () => {
    const res = await get(`${base}/api/flows?${range}&limit=50&filters=SrcK8S_Namespace!=x`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FlowsResponse;
    expect(body.records).toHaveLength(50);
    expect(body.stats.limitReached).toBe(true);
  });

  it('exports the same records as /api/flows, in the same order, as CSV', async () => {
    const q = `${range}&limit=300&filters=Proto=6`;
    const flows = (await (await get(`${base}/api/flows?${q}`)).json()) as FlowsResponse;
    const columns = ['SrcAddr', 'SrcPort', 'DstAddr', 'DstPort', 'Bytes', 'Interfaces', 'NetworkEvents', 'SrcK8S_Name'];
    const res = await get(`${base}/api/flows/export?${q}&columns=${columns.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="flows-.*\.csv"$/);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(columns.map((c) => fields.find((f) => f.name === c)!.title));
    // When the limit cuts through the records of one instant, which of them make the cut is Loki's
    // choice, per query: compare everything newer than that instant, and the count.
    const oldest = flows.records[flows.records.length - 1].timestampNs;
    const compared = flows.stats.limitReached ? flows.records.filter((r) => r.timestampNs !== oldest) : flows.records;
    expect(rows.length - 1).toBe(flows.records.length);
    const expected = compared.map((r) => {
      const f = r.fields as Record<string, unknown>;
      return columns.map((c) => {
        const v = f[c];
        if (v === undefined) return '';
        if (c === 'NetworkEvents') return JSON.stringify(v);
        return Array.isArray(v) ? v.join('|') : String(v);
      });
    });
    expect(rows.slice(1, 1 + expected.length)).toEqual(expected);
  });

  it('pages through Loki for exports larger than one query', async () => {
    const paged = await backend({ maxLimit: 500 });
    const whole = parseCsv(await (await get(`${base}/api/flows/export?${range}&limit=1800&columns=TimeFlowEndMs,SrcAddr,SrcPort,DstAddr,DstPort,Bytes`)).text());
    const pages = parseCsv(await (await get(`${paged}/api/flows/export?${range}&limit=1800&columns=TimeFlowEndMs,SrcAddr,SrcPort,DstAddr,DstPort,Bytes`)).text());
    expect(whole.length).toBe(1801);
    expect(pages).toEqual(whole);
  }, 30_000); // four pages on a shared, busy machine

  it('refuses unknown columns and bad parameters with a message naming them', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/flows/export?columns=SrcAddr,Nope', /^columns: unknown column "Nope"/],
      ['/api/flows?filters=Nope=1', /unknown filter field "Nope"/],
      ['/api/flows?filters=SrcPort>70000', /port/],
      ['/api/flows?filters=SrcAddr=10.0.0.300', /not an IP address or CIDR/],
      ['/api/flows?filters=SrcK8S_Namespace>a', /operator ">" is not allowed/],
      ['/api/flows?startTime=200&endTime=100', /^endTime:/],
      ['/api/flows?startTime=0&endTime=100000000', /^startTime: the time range exceeds/],
      ['/api/flows?limit=999999', /^limit:/],
      ['/api/metrics?scope=galaxy', /^scope: "galaxy" is not one of/],
      ['/api/metrics?type=joules', /^type:/],
      ['/api/metrics?function=median', /^function:/],
      ['/api/metrics?type=rtt&function=rate', /^function: "rate" does not apply to rtt/],
      ['/api/metrics?groups=planet', /^groups:/],
      ['/api/metrics?step=1&startTime=0&endTime=86400', /^step:/],
      ['/api/metrics?dataSource=prom', /^dataSource: prom is not available/],
      ['/api/values?field=Nope', /^field: unknown/],
      ['/api/values', /^field:/],
    ];
    for (const [url, message] of cases) {
      const res = await get(`${base}${url}`);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
  });

  it('answers metrics from Loki, ranked, with source and destination labels', async () => {
    const res = await get(`${base}/api/metrics?${range}&scope=namespace&type=bytes&function=rate&limit=5&step=60`);
    const text = await res.text();
    expect({ status: res.status, text: res.status === 200 ? '' : text }).toEqual({ status: 200, text: '' });
    const body = JSON.parse(text) as MetricsResponse;
    expect(body.dataSource).toBe('loki');
    expect(body.stats.dataSourceReason).toBe('no Prometheus is configured');
    expect(body.metrics.length).toBeGreaterThan(0);
    expect(body.metrics.length).toBeLessThanOrEqual(5);
    for (const s of body.metrics) {
      expect(Object.keys(s.source)).toEqual(['SrcK8S_Namespace']);
      expect(Object.keys(s.destination)).toEqual(['DstK8S_Namespace']);
    }
    const avgs = body.metrics.map((s) => s.stats.avg);
    expect(avgs).toEqual([...avgs].sort((a, b) => b - a));
  });

  it('gives autocomplete values from labels and from flows', async () => {
    const labels = (await (await get(`${base}/api/values?${range}&field=SrcK8S_Namespace&prefix=open`)).json()) as { values: string[]; source: string };
    expect(labels.source).toBe('labels');
    expect(labels.values.length).toBeGreaterThan(0);
    expect(labels.values.every((v) => v.startsWith('open'))).toBe(true);
    const names = (await (await get(`${base}/api/values?${range}&field=K8S_Name&limit=5`)).json()) as { values: string[]; source: string };
    expect(names.source).toBe('flows');
    expect(names.values).toHaveLength(5);
  });

  it('reports status and its own metrics', async () => {
    const status = (await (await get(`${base}/api/status`)).json()) as { version: string; loki: { ready: boolean }; problems: Array<{ key: string }> };
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.loki.ready).toBe(true);
    expect(status.problems.map((p) => p.key)).toContain('prometheus');
    const metrics = await (await get(`${base}/metrics`)).text();
    expect(metrics).toMatch(/netobserv_backend_http_request_duration_seconds_count\{route="\/api\/flows",method="GET",status="200"\} \d+/);
    expect(metrics).toMatch(/netobserv_backend_upstream_query_duration_seconds_count\{target="loki",outcome="200"\} \d+/);
  });
});

describe('LokiStack gateway paths', () => {
  it('forwards the token to the tenant path and reports a refusal clearly', async () => {
    const base = await backend({ tenantId: 'network' });
    const ok = await get(`${base}/api/flows?${range}&limit=10`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as FlowsResponse).records).toHaveLength(10);
    const refused = await get(`${base}/api/flows?${range}&limit=10`, { authorization: 'Bearer wrong-token' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'Loki refused the credentials (401)' });
  });
});

describe('token hygiene', () => {
  it('never writes the token in a log line or a response, on any route', async () => {
    const base = await backend({ tenantId: 'network' });
    const down = await backend({ url: 'http://127.0.0.1:9' }, { prometheus: { url: 'http://127.0.0.1:9' } });
    const urls = [
      '/healthz', '/readyz', '/api/frontend-config', `/api/flows?${range}`, `/api/flows/export?${range}&limit=20`,
      `/api/metrics?${range}`, `/api/values?${range}&field=SrcK8S_Namespace`, '/api/status', '/metrics',
      '/api/flows?filters=Nope=1', '/api/metrics?scope=galaxy', '/nope',
    ];
    const leaks: string[] = [];
    for (const b of [base, down]) {
      for (const u of urls) {
        for (const auth of [`Bearer ${token}`, token]) {
          const body = await (await get(`${b}${u}`, { authorization: auth })).text();
          if (body.includes('S3CRET')) leaks.push(`response of ${u}`);
        }
      }
    }
    expect(logLines.length).toBeGreaterThan(0);
    leaks.push(...logLines.filter((l) => l.includes('S3CRET')).map((l) => `log line ${l.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', true, 'plain'],
    ['a,b', true, '"a,b"'],
    ['say "hi"', true, '"say ""hi"""'],
    ['two\nlines', true, '"two\nlines"'],
    ['=1+1', true, "'=1+1"],
    ['+33 1', true, "'+33 1"],
    ['-2', true, "'-2"],
    ['-2', false, '-2'],
    ['@SUM(A1)', true, "'@SUM(A1)"],
    ['=HYPERLINK("x")', true, `"'=HYPERLINK(""x"")"`],
    [' padded', true, '" padded"'],
  ])('%j -> %s', (value, isText, expected) => {
    expect(csvCell(value as string, isText as boolean)).toBe(expected);
  });
});
