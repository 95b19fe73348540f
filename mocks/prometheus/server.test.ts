import net from 'node:net';
import type { Flow } from '../../web/src/model/flow';
import { FlowMetricsRecorder } from './recorder';
import { formatValue, parseDurationParam, parseTime, startMockPrometheus, type MockPrometheus } from './server';
import { Tsdb } from './tsdb';

// On the 30 s scrape grid, so scrapes fall at T0 + 30 s, + 60 s...
const T0 = 1_700_000_010_000;

/** Two flows of one namespace pair, a DNS flow and an ACL event, then nothing for 10 minutes. */
function fixture(): Tsdb {
  const tsdb = new Tsdb();
  const rec = new FlowMetricsRecorder(tsdb);
  const base: Flow = { SrcK8S_Namespace: 'a', DstK8S_Namespace: 'b', K8S_FlowLayer: 'app', Sampling: 50, Bytes: 1000, Packets: 2 };
  rec.observe({ ...base, FlowDirection: 0 }, T0 + 1_000);
  rec.observe({ ...base, FlowDirection: 1 }, T0 + 2_000); // egress copy: not an ingress flow
  rec.observe({ ...base, FlowDirection: 2, Bytes: 500, DnsId: 7, DnsLatencyMs: 30, DnsFlagsResponseCode: 'NoError' }, T0 + 40_000);
  rec.observe({ ...base, FlowDirection: 0, NetworkEvents: [{ Feature: 'acl', Type: 'NetworkPolicy', Action: 'drop', Namespace: 'b', Name: 'deny', Direction: 'Ingress' }, { Feature: 'other' }] }, T0 + 50_000);
  rec.advanceTo(T0 + 600_000);
  return tsdb;
}

describe('mock Prometheus HTTP API', () => {
  let prom: MockPrometheus;
  beforeAll(async () => {
    prom = await startMockPrometheus({ port: 0, tsdb: fixture() });
  });
  afterAll(() => prom.close());

  const get = async (path: string, params: Record<string, string> = {}) => {
    const res = await fetch(`${prom.url}${path}?${new URLSearchParams(params)}`);
    return { status: res.status, body: (await res.json()) as { status: string; data?: { resultType: string; result: unknown }; errorType?: string; error?: string } };
  };

  it('counts ingress and inner flows once, as the operator filters them, then marks the series stale after expiry', async () => {
    const { body } = await get('/api/v1/query', { query: 'netobserv_namespace_ingress_bytes_total', time: String((T0 + 90_000) / 1000) });
    expect(body).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { __name__: 'netobserv_namespace_ingress_bytes_total', SrcK8S_Namespace: 'a', DstK8S_Namespace: 'b', K8S_FlowLayer: 'app' }, value: [(T0 + 90_000) / 1000, '2500'] }] },
    });
    // Last flow at +50 s, expiry 2 min: exported until the scrape at +150 s, stale from +180 s.
    const later = await get('/api/v1/query', { query: 'netobserv_namespace_ingress_bytes_total', time: String((T0 + 200_000) / 1000) });
    expect(later.body.data!.result).toEqual([]);
    const range = await get('/api/v1/query', { query: 'count_over_time(netobserv_namespace_ingress_bytes_total[10m])', time: String((T0 + 300_000) / 1000) });
    expect((range.body.data!.result as { value: [number, string] }[])[0].value[1]).toBe('5');
  });

  it('flattens ACL network events and builds histograms with the operator buckets', async () => {
    const at = String((T0 + 60_000) / 1000);
    const events = await get('/api/v1/query', { query: 'netobserv_namespace_network_policy_events_total', time: at });
    expect((events.body.data!.result as { metric: Record<string, string> }[]).map((r) => r.metric)).toEqual([
      { __name__: 'netobserv_namespace_network_policy_events_total', SrcK8S_Namespace: 'a', DstK8S_Namespace: 'b', K8S_FlowLayer: 'app', type: 'NetworkPolicy', action: 'drop', namespace: 'b', name: 'deny', direction: 'Ingress' },
    ]);
    const buckets = await get('/api/v1/query', { query: 'sum by (le) (netobserv_namespace_dns_latency_seconds_bucket)', time: at });
    const byLe = Object.fromEntries((buckets.body.data!.result as { metric: { le: string }; value: [number, string] }[]).map((r) => [r.metric.le, r.value[1]]));
    expect(byLe).toEqual({ '0.005': '0', '0.01': '0', '0.02': '0', '0.03': '1', '0.04': '1', '0.05': '1', '0.075': '1', '0.1': '1', '0.25': '1', '1': '1', '+Inf': '1' });
  });

  it('answers query_range at start + k * step, as a matrix, with seconds, RFC3339 and durations', async () => {
    const { body } = await get('/api/v1/query_range', { query: 'sum(netobserv_namespace_flows_total)', start: new Date(T0 + 30_000).toISOString(), end: String((T0 + 95_000) / 1000), step: '30s' });
    expect(body.data).toEqual({ resultType: 'matrix', result: [{ metric: {}, values: [[(T0 + 30_000) / 1000, '2'], [(T0 + 60_000) / 1000, '4'], [(T0 + 90_000) / 1000, '4']] }] });
    const scalar = await get('/api/v1/query', { query: '1 + 2 * 3', time: '100' });
    expect(scalar.body.data).toEqual({ resultType: 'scalar', result: [100, '7'] });
  });

  it('refuses bad input with Prometheus error shapes', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ query: 'sum(', start: '0', end: '10', step: '1' }, /^invalid parameter "query": 1:\d+: parse error/],
      [{ query: 'up', start: '0', end: '100000', step: '1' }, /exceeded maximum resolution of 11,000 points per timeseries/],
      [{ query: 'up', start: '10', end: '0', step: '1' }, /end timestamp must not be before start time/],
      [{ query: 'up', start: '0', end: '10', step: '0' }, /zero or negative query resolution step/],
      [{ query: 'up', start: 'yesterday', end: '10', step: '1' }, /invalid parameter "start": cannot parse "yesterday"/],
      [{ query: 'quantile(0.5, up)', start: '0', end: '10', step: '1' }, /aggregation "quantile" is not supported by the mock Prometheus/],
      [{ query: 'rate(up[5m:1m])', start: '0', end: '10', step: '1' }, /subquery is not supported/],
      [{ query: 'up[5m]', start: '0', end: '10', step: '1' }, /invalid expression type "range vector" for range query/],
      [{ query: '{job=~".*"}', start: '0', end: '10', step: '1' }, /at least one non-empty matcher/],
      [{ query: 'rate(up)', start: '0', end: '10', step: '1' }, /expected type range vector in call to function "rate"/],
      [{ query: '1 > 2', start: '0', end: '10', step: '1' }, /comparisons between scalars must use BOOL modifier/],
    ];
    for (const [params, message] of cases) {
      const { status, body } = await get('/api/v1/query_range', params);
      expect({ params, status, errorType: body.errorType }).toEqual({ params, status: 400, errorType: 'bad_data' });
      expect(body.error).toMatch(message);
    }
    const many = await get('/api/v1/query', { query: 'netobserv_namespace_flows_total + on() netobserv_namespace_ingress_bytes_total', time: String((T0 + 60_000) / 1000) });
    expect(many.status).toBe(200);
    const dup = await get('/api/v1/query', { query: 'netobserv_namespace_dns_latency_seconds_bucket + on() netobserv_namespace_flows_total', time: String((T0 + 60_000) / 1000) });
    expect({ status: dup.status, errorType: dup.body.errorType }).toEqual({ status: 422, errorType: 'execution' });
  });

  it('lists labels, label values and series, accepts form POST, and says it is ready', async () => {
    const labels = await get('/api/v1/labels');
    expect(labels.body.data).toEqual(expect.arrayContaining(['__name__', 'SrcK8S_Namespace', 'le', 'action', 'DnsFlagsResponseCode']));
    const names = await get('/api/v1/label/__name__/values', { 'match[]': '{__name__=~"netobserv_namespace_dns.*"}' });
    expect(names.body.data).toEqual(['netobserv_namespace_dns_latency_seconds_bucket', 'netobserv_namespace_dns_latency_seconds_count', 'netobserv_namespace_dns_latency_seconds_sum']);
    const missing = await get('/api/v1/series');
    expect(missing.status).toBe(400);
    const post = await fetch(`${prom.url}/api/v1/series`, { method: 'POST', body: new URLSearchParams({ 'match[]': 'netobserv_node_flows_total' }) });
    expect(await post.json()).toEqual({ status: 'success', data: [{ __name__: 'netobserv_node_flows_total' }] });
    const ready = await fetch(`${prom.url}/-/ready`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${prom.url}/nope`)).status).toBe(404);
  });

  it('answers a request target that is no URL with a 400 and keeps serving', async () => {
    const { port } = new URL(prom.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.end('GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1.1 400 /);
    expect((await fetch(`${prom.url}/-/ready`)).status).toBe(200);
  });
});

describe('parameters and number formatting', () => {
  it('parses times and durations as Prometheus does', () => {
    expect(parseTime('1700000000.1234', 'time')).toBe(1_700_000_000_123);
    expect(parseTime('2023-11-14T22:13:20.5Z', 'time')).toBe(1_700_000_000_500);
    expect(parseDurationParam('1m30s', 'step')).toBe(90_000);
    expect(parseDurationParam('15.5', 'step')).toBe(15_500);
    expect(() => parseDurationParam('fast', 'step')).toThrow('invalid parameter "step": cannot parse "fast" to a valid duration');
  });

  it('formats floats without exponents, and special values as Prometheus does', () => {
    expect([1e21, 1.5e-7, 0.1, -2, NaN, Infinity, -Infinity].map(formatValue)).toEqual(['1000000000000000000000', '0.00000015', '0.1', '-2', 'NaN', '+Inf', '-Inf']);
  });
});
