/**
 * The backend against the project's mock Prometheus and mock Loki, both fed by the same generated
 * flows (as `npm start` runs them): dataSource=auto picks Prometheus for a namespace-scoped bytes rate
 * and finds the same top series as the request forced to Loki; network event and match=any filters
 * reach Prometheus as label matchers.
 */
import os from 'node:os';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { generateCluster } from '../../mocks/cluster';
import { generateFlows } from '../../mocks/flows';
import { MockLoki, startMockLoki } from '../../mocks/loki/server';
import { LokiStore } from '../../mocks/loki/store';
import { FlowMetricsRecorder } from '../../mocks/prometheus/recorder';
import { DEFAULT_SERVED_METRICS } from '../../mocks/prometheus/metrics';
import { MockPrometheus, startMockPrometheus } from '../../mocks/prometheus/server';
import { Tsdb } from '../../mocks/prometheus/tsdb';
import { MetricSeries, MetricsResponse } from '../../web/src/model/metrics';
import { buildApp } from './app';
import { parseConfig } from './config';
import { defaultEnabledMetrics } from './promql';

// @fastify/static's ESM-only dependency; no asset is served here.
jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const endMs = Math.floor(Date.now() / 60_000) * 60_000;
const startMs = endMs - 30 * 60_000;
// The first minutes are left out: Prometheus rates need two samples in their window.
const range = `startTime=${(startMs + 5 * 60_000) / 1000}&endTime=${endMs / 1000}&step=60`;

let loki: MockLoki;
let prom: MockPrometheus;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  const store = new LokiStore();
  const tsdb = new Tsdb();
  const recorder = new FlowMetricsRecorder(tsdb);
  for (const e of generateFlows(generateCluster(5), { seed: 5, startMs, endMs, flowsPerSecond: 8 })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
    recorder.observe(JSON.parse(e.line), Number(BigInt(e.tsNs) / 1_000_000n));
  }
  recorder.advanceTo(endMs);
  loki = await startMockLoki({ port: 0, store });
  prom = await startMockPrometheus({ port: 0, tsdb });
  const config = parseConfig(
    { assetsDir: path.join(os.tmpdir(), 'no-assets'), server: { host: '127.0.0.1', port: 0 }, loki: { url: loki.url }, prometheus: { url: prom.url } },
    '/',
  );
  app = buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await app.close();
  await Promise.all([loki.close(), prom.close()]);
});

async function metrics(query: string): Promise<MetricsResponse> {
  const res = await fetch(`${url}/api/metrics?${query}`);
  const body = (await res.json()) as MetricsResponse & { error?: string };
  if (res.status !== 200) throw new Error(`${query} answered ${res.status}: ${body.error}`);
  return body;
}

const pair = (s: MetricSeries) => `${s.source.SrcK8S_Namespace}->${s.destination.DstK8S_Namespace}`;

describe('metrics from the mock Prometheus', () => {
  it('are recorded by npm start for every family the backend enables by default', () => {
    expect([...DEFAULT_SERVED_METRICS].sort()).toEqual([...defaultEnabledMetrics].sort());
  });

  it('auto picks Prometheus for a namespace bytes rate, with the top series Loki finds', async () => {
    const common = `${range}&scope=namespace&type=bytes&function=rate&limit=5`;
    const auto = await metrics(common);
    expect(auto.dataSource).toBe('prom');
    expect(auto.queries[0]).toMatch(/netobserv_(namespace|workload)_ingress_bytes_total/);
    expect(auto.metrics.length).toBeGreaterThan(0);

    const viaLoki = await metrics(`${common.replace('limit=5', 'limit=50')}&dataSource=loki`);
    expect(viaLoki.dataSource).toBe('loki');
    const lokiByPair = new Map(viaLoki.metrics.map((s) => [pair(s), s]));
    // The top series of Prometheus are among Loki's top 50, and the largest one has a close rate
    // (measured 10-14 % apart: Prometheus rates 30 s samples over a minute, Loki the flows of each step).
    // Smaller series, from outside the cluster, still differ up to 3x: not explained yet.
    for (const s of auto.metrics.slice(0, 3)) expect(lokiByPair.has(pair(s))).toBe(true);
    const [largest] = auto.metrics;
    const lokiRate = lokiByPair.get(pair(largest))!.stats.avg;
    expect(Math.abs(lokiRate - largest.stats.avg) / largest.stats.avg).toBeLessThan(0.3);
  }, 60_000);

  /**
   * Prometheus' and Loki's answers to one breakdown request: Prometheus' top 3 series are found by Loki
   * and the largest has the same total within 10 % (measured: drops by cause 0 %, events by action
   * 0 %). Smaller series are sparse: a counter series that appears after an idle expiry starts above
   * zero and Prometheus cannot see that first increase, so they are lower in Prometheus, as with a
   * real flowlogs-pipeline.
   */
  async function agree(query: string, tolerance = 0.1): Promise<MetricsResponse> {
    const viaProm = await metrics(query);
    expect(viaProm.dataSource).toBe('prom');
    const viaLoki = await metrics(`${query}&dataSource=loki`);
    expect(viaLoki.dataSource).toBe('loki');
    const key = (s: MetricSeries) => `${pair(s)} ${JSON.stringify(s.breakdown)}`;
    const loki = new Map(viaLoki.metrics.map((s) => [key(s), s]));
    expect(viaProm.metrics.length).toBeGreaterThan(1);
    for (const s of viaProm.metrics.slice(0, 3)) expect(loki.has(key(s))).toBe(true);
    const [largest] = viaProm.metrics;
    const other = loki.get(key(largest))!.stats.total!;
    expect(Math.abs(other - largest.stats.total!) / largest.stats.total!).toBeLessThan(tolerance);
    return viaProm;
  }

  it('breaks dropped packets down by cause alike in Prometheus and Loki', async () => {
    const viaProm = await agree(`${range}&scope=namespace&type=droppedPackets&function=rate&breakdown=dropCause&limit=50`);
    expect(viaProm.queries[0]).toContain('PktDropLatestDropCause!=""');
    for (const s of viaProm.metrics) expect(s.breakdown).toEqual({ PktDropLatestDropCause: expect.stringMatching(/^(SKB|OVS)_DROP_/) });
  }, 60_000);

  it('answers the overview\'s cluster-wide drops by cause from Prometheus, as Loki does', async () => {
    // Measured 13 % apart: the cluster's sum takes in the sparse series Prometheus undercounts.
    const viaProm = await agree(`${range}&scope=cluster&type=droppedPackets&function=avg&breakdown=dropCause&limit=10`, 0.25);
    expect(viaProm.queries[0]).toMatch(/^topk\(11, sum by \(K8S_ClusterName,PktDropLatestDropCause\) \(rate\(netobserv_node_drop_packets_total/);
    expect(new Set(viaProm.metrics.map((s) => s.source.K8S_ClusterName)).size).toBe(1);
  }, 60_000);

  it('breaks network events down by action alike in Prometheus and Loki (events counted, not flows)', async () => {
    const viaProm = await agree(`${range}&scope=namespace&type=networkEvents&function=sum&breakdown=eventAction&limit=50`);
    for (const s of viaProm.metrics) expect(s.breakdown).toEqual({ NetworkEventType: expect.any(String), NetworkEventAction: expect.stringMatching(/./) });
  }, 60_000);

  it('filters network events by action on network_policy_events_total', async () => {
    const body = await metrics(`${range}&scope=namespace&type=networkEvents&function=rate&filters=${encodeURIComponent('NetworkEventAction=drop')}`);
    expect(body.dataSource).toBe('prom');
    expect(body.queries[0]).toContain('action="drop"');
  });

  it('answers match=any from Prometheus as the union of the filters', async () => {
    const filters = encodeURIComponent('SrcK8S_Namespace=a-namespace-that-does-not-exist;DstK8S_Namespace=another-missing-one');
    const none = await metrics(`${range}&scope=namespace&type=bytes&function=rate&match=any&filters=${filters}`);
    expect(none.dataSource).toBe('prom');
    expect(none.metrics).toEqual([]);
    const all = await metrics(`${range}&scope=namespace&type=bytes&function=rate&limit=50`);
    const [first] = all.metrics;
    const anyOf = encodeURIComponent(`SrcK8S_Namespace=${first.source.SrcK8S_Namespace};DstK8S_Namespace=${first.destination.DstK8S_Namespace}`);
    const union = await metrics(`${range}&scope=namespace&type=bytes&function=rate&limit=50&match=any&filters=${anyOf}`);
    const matches = (s: MetricSeries) =>
      s.source.SrcK8S_Namespace === first.source.SrcK8S_Namespace || s.destination.DstK8S_Namespace === first.destination.DstK8S_Namespace;
    expect(union.metrics.length).toBeGreaterThan(1);
    expect(union.metrics.every(matches)).toBe(true);
    // Every series of the unfiltered answer that matches one filter is there, with the same points
    // (topk works per step: the unfiltered answer may lack points of its smaller series, never add any).
    const unionByPair = new Map(union.metrics.map((s) => [pair(s), new Map(s.values)]));
    for (const s of all.metrics.filter(matches)) {
      const points = unionByPair.get(pair(s));
      expect(points).toBeDefined();
      for (const [t, v] of s.values) expect(points!.get(t)).toBeCloseTo(v, 6);
    }
  });
});
