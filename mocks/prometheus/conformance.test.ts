/**
 * Conformance: the same generated metrics are backfilled into a real Prometheus (Debian's 2.42, with
 * promtool) and served by the mock; both answer the same PromQL and must agree — label sets exactly,
 * values within a small relative tolerance. Skipped, saying so, when /usr/bin/prometheus is missing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateCluster } from '../cluster';
import { generateFlows } from '../flows';
import { METRIC_DEFINITIONS } from './metrics';
import { toOpenMetrics } from './openmetrics';
import { FlowMetricsRecorder } from './recorder';
import { startMockPrometheus, type MockPrometheus } from './server';
import { Tsdb } from './tsdb';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const available = fs.existsSync(PROMETHEUS) && fs.existsSync(PROMTOOL);
if (!available) console.warn(`SKIPPED Prometheus conformance: ${PROMETHEUS} or ${PROMTOOL} is missing (apt-get install prometheus)`);
const describeIf = available ? describe : describe.skip;

/** A manageable subset of families: every kind (counter, gauge, histogram, flattened events). */
const FAMILIES = [
  'netobserv_node_ingress_bytes_total', 'netobserv_namespace_flows_total', 'netobserv_workload_ingress_bytes_total',
  'netobserv_workload_egress_packets_total', 'netobserv_namespace_drop_packets_total', 'netobserv_namespace_rtt_seconds',
  'netobserv_node_dns_latency_seconds', 'netobserv_namespace_network_policy_events_total', 'netobserv_node_sampling',
];

// Whole minutes, 40 minutes of flows ending a little before now (inside the real Prometheus' retention).
const END_MS = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
const START_MS = END_MS - 40 * 60_000;
const AT = [END_MS - 7_000, END_MS - 10 * 60_000 + 13_000, START_MS + 6 * 60_000];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

type Answer = { status: string; data?: { resultType: string; result: unknown }; error?: string };
type Point = [number, string];
type Row = { metric: Record<string, string>; value?: Point; values?: Point[] };

const key = (m: Record<string, string>): string => JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]]));

function close(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  return Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y), 1e-9);
}

/** Number of series (or 1 for a scalar) in an answer. */
const size = (a: Answer): number => (a.data?.resultType === 'scalar' ? 1 : ((a.data?.result as Row[] | undefined)?.length ?? 0));

/** Differences between two answers, as readable lines (empty when they agree). */
function differences(mock: Answer, real: Answer): string[] {
  if (real.status !== 'success') return [`real Prometheus failed: ${real.error}`];
  if (mock.status !== 'success') return [`mock failed: ${mock.error}`];
  if (mock.data!.resultType !== real.data!.resultType) return [`result type ${mock.data!.resultType} vs ${real.data!.resultType}`];
  if (real.data!.resultType === 'scalar') {
    const [mp, rp] = [mock.data!.result as Point, real.data!.result as Point];
    return mp[0] === rp[0] && close(mp[1], rp[1]) ? [] : [`scalar ${JSON.stringify(mp)} vs ${JSON.stringify(rp)}`];
  }
  const index = (rows: Row[]) => new Map(rows.map((r) => [key(r.metric), r]));
  const m = index(mock.data!.result as Row[]);
  const r = index(real.data!.result as Row[]);
  const out: string[] = [];
  for (const k of r.keys()) if (!m.has(k)) out.push(`missing in mock: ${k}`);
  for (const k of m.keys()) if (!r.has(k)) out.push(`extra in mock: ${k}`);
  for (const [k, rr] of r) {
    const mr = m.get(k);
    if (!mr) continue;
    const mp = mr.values ?? [mr.value!];
    const rp = rr.values ?? [rr.value!];
    if (mp.length !== rp.length) out.push(`${k}: ${mp.length} points vs ${rp.length}`);
    else mp.forEach((p, i) => {
      if (p[0] !== rp[i][0] || !close(p[1], rp[i][1])) out.push(`${k} @${rp[i][0]}: ${p[1]} vs ${rp[i][1]}`);
    });
  }
  return out.slice(0, 5);
}

describeIf('mock Prometheus agrees with a real Prometheus 2.42', () => {
  let tmp: string;
  let real: ChildProcess | undefined;
  let realUrl: string;
  let mock: MockPrometheus;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-prom-conformance-'));
    const tsdb = new Tsdb();
    const definitions = METRIC_DEFINITIONS.filter((d) => FAMILIES.includes(d.name));
    // No expiry: a backfilled block cannot carry the staleness markers an expired series would leave.
    const recorder = new FlowMetricsRecorder(tsdb, { expiryMs: Infinity, definitions });
    for (const e of generateFlows(generateCluster(7), { seed: 7, startMs: START_MS, endMs: END_MS, flowsPerSecond: 4 })) {
      recorder.observe(JSON.parse(e.line), Number(BigInt(e.tsNs) / 1_000_000n));
    }
    recorder.advanceTo(END_MS);
    const file = path.join(tmp, 'data.om');
    fs.writeFileSync(file, toOpenMetrics(tsdb));
    const data = path.join(tmp, 'data');
    execFileSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', file, data], { stdio: 'pipe' });
    const config = path.join(tmp, 'prometheus.yml');
    fs.writeFileSync(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
    const port = await freePort();
    realUrl = `http://127.0.0.1:${port}`;
    // Started directly (no shell), so this PID is Prometheus' own and the one stopped in afterAll.
    real = spawn(PROMETHEUS, [`--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, `--config.file=${config}`, '--log.level=warn'], { stdio: 'ignore' });
    mock = await startMockPrometheus({ port: 0, tsdb });
    for (let i = 0; i < 100; i++) {
      const ready = await fetch(`${realUrl}/-/ready`).then((r) => r.ok, () => false);
      if (ready) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the real Prometheus did not become ready in 20 s');
  }, 60_000);

  afterAll(async () => {
    if (real?.pid !== undefined && real.exitCode === null) {
      const exited = new Promise((r) => real!.once('exit', r));
      process.kill(real.pid, 'SIGTERM');
      await exited;
    }
    await mock?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ask = async (base: string, endpoint: string, params: Record<string, string>): Promise<Answer> =>
    (await fetch(`${base}/api/v1/${endpoint}`, { method: 'POST', body: new URLSearchParams(params) })).json() as Promise<Answer>;

  const instant = [
    'netobserv_node_ingress_bytes_total',
    'netobserv_node_ingress_bytes_total offset 3m',
    'netobserv_workload_ingress_bytes_total{SrcK8S_Namespace="shop",DstK8S_OwnerName!="cart"}',
    'netobserv_workload_ingress_bytes_total{SrcK8S_Namespace=~"open.*|shop",DstK8S_Namespace!~"openshift-.*"}',
    'rate(netobserv_node_ingress_bytes_total[2m])',
    'irate(netobserv_namespace_flows_total[5m])',
    'increase(netobserv_workload_egress_packets_total[10m])',
    'sum by (SrcK8S_Namespace, DstK8S_Namespace) (rate(netobserv_workload_ingress_bytes_total[2m]))',
    'sum without (SrcK8S_Zone, DstK8S_Zone) (rate(netobserv_namespace_flows_total[1m]))',
    'topk(5, sum by (SrcK8S_Namespace, DstK8S_Namespace) (rate(netobserv_workload_ingress_bytes_total[2m])))',
    'bottomk(3, sum by (DstK8S_HostName) (rate(netobserv_node_ingress_bytes_total[5m])))',
    'avg by (K8S_FlowLayer) (rate(netobserv_namespace_flows_total[2m]))',
    'max(rate(netobserv_node_ingress_bytes_total[2m])) - min(rate(netobserv_node_ingress_bytes_total[2m]))',
    'count by (SrcK8S_HostName) (netobserv_node_ingress_bytes_total)',
    'histogram_quantile(0.9, sum by (le, SrcK8S_Namespace) (rate(netobserv_namespace_rtt_seconds_bucket[5m])))',
    'histogram_quantile(0.5, sum by (le) (rate(netobserv_node_dns_latency_seconds_bucket[10m])))',
    'sum(rate(netobserv_namespace_rtt_seconds_sum[5m])) / sum(rate(netobserv_namespace_rtt_seconds_count[5m]))',
    'rate(netobserv_namespace_rtt_seconds_sum[5m]) / rate(netobserv_namespace_rtt_seconds_count[5m])',
    'sum by (SrcK8S_Namespace) (rate(netobserv_namespace_drop_packets_total[10m])) / on (SrcK8S_Namespace) sum by (SrcK8S_Namespace) (rate(netobserv_namespace_flows_total[10m]))',
    'sum by (SrcK8S_Namespace, DstK8S_Namespace) (rate(netobserv_namespace_flows_total[5m])) / ignoring (DstK8S_Namespace) group_left sum by (SrcK8S_Namespace) (rate(netobserv_namespace_flows_total[5m]))',
    'sum by (action, type) (increase(netobserv_namespace_network_policy_events_total[10m]))',
    'sum_over_time(netobserv_node_sampling[5m])',
    'avg_over_time(netobserv_node_ingress_bytes_total[5m])',
    'max_over_time(rate(netobserv_node_ingress_bytes_total[1m])[5m:1m])',
    'netobserv_node_ingress_bytes_total > 1e6',
    'sum(rate(netobserv_node_ingress_bytes_total[2m])) * 8 / 1000',
    '2 * 3 + 1',
    'rate(netobserv_node_ingress_bytes_total[2m]) > bool 1000',
    'netobserv_workload_ingress_bytes_total unless netobserv_workload_ingress_bytes_total{K8S_FlowLayer="infra"}',
  ];

  it.each(instant)('instant query %s', async (query) => {
    const answered: number[] = [];
    let refused = false;
    for (const at of AT) {
      const params = { query, time: String(at / 1000) };
      const [m, r] = await Promise.all([ask(mock.url, 'query', params), ask(realUrl, 'query', params)]);
      if (r.status !== 'success') {
        // Features the mock refuses must be refused clearly, never answered differently.
        expect(m.status).toBe('error');
        continue;
      }
      if (m.status === 'error' && /not supported by the mock/.test(m.error ?? '')) {
        refused = true;
        continue;
      }
      expect({ query, at, diff: differences(m, r) }).toEqual({ query, at, diff: [] });
      answered.push(size(r));
    }
    // Agreement on empty answers proves nothing: the real Prometheus must have found data.
    expect(refused || answered.some((n) => n > 0)).toBe(true);
  });

  const ranges = [
    ['topk(10, sum by (SrcK8S_Namespace, DstK8S_Namespace) (rate(netobserv_workload_ingress_bytes_total[2m])))', '60'],
    ['sum by (DstK8S_HostName) (rate(netobserv_node_ingress_bytes_total[1m]))', '30s'],
    ['histogram_quantile(0.99, sum by (le) (rate(netobserv_namespace_rtt_seconds_bucket[2m])))', '45'],
    ['sum(increase(netobserv_namespace_flows_total[5m]))', '1m'],
    ['netobserv_node_sampling', '100'],
    ['scalar(sum(rate(netobserv_namespace_flows_total[2m])))', '120'],
  ];

  it.each(ranges)('range query %s step %s', async (query, step) => {
    const params = { query, start: String((START_MS + 123_456) / 1000), end: String(END_MS / 1000 + 17), step };
    const [m, r] = await Promise.all([ask(mock.url, 'query_range', params), ask(realUrl, 'query_range', params)]);
    expect({ query, diff: differences(m, r) }).toEqual({ query, diff: [] });
    expect(size(r)).toBeGreaterThan(0);
  });

  it('agrees on label names, label values and series', async () => {
    const names = await Promise.all([mock.url, realUrl].map((u) => ask(u, 'labels', {})));
    expect(names[0]).toEqual(names[1]);
    const values = await Promise.all([mock.url, realUrl].map(async (u) => (await fetch(`${u}/api/v1/label/SrcK8S_Namespace/values`)).json()));
    expect(values[0]).toEqual(values[1]);
    const series = await Promise.all([mock.url, realUrl].map((u) => ask(u, 'series', { 'match[]': 'netobserv_node_ingress_bytes_total{SrcK8S_Zone="eu-west-1a"}' })));
    expect(series[0]).toEqual(series[1]);
    expect((series[1].data as unknown as unknown[]).length).toBeGreaterThan(0);
  });
});
