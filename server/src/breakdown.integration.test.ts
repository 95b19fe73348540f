/**
 * `/api/metrics` breakdowns answered by the mock Loki, checked against totals worked out directly from
 * the generated flows: drops by cause and by TCP state, DNS requests and latency by response code,
 * network events by action and by policy (each ACL event of a flow counted, event filters applied per
 * event), IPsec flows by status, and the 400 for a breakdown the type does not carry.
 */
import os from 'node:os';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { generateCluster } from '../../mocks/cluster';
import { generateFlows } from '../../mocks/flows';
import { MockLoki, startMockLoki } from '../../mocks/loki/server';
import { LokiStore } from '../../mocks/loki/store';
import { Flow, NetworkEvent } from '../../web/src/model/flow';
import { MetricBreakdown, MetricsResponse, breakdownDefs } from '../../web/src/model/metrics';
import { buildApp } from './app';
import { parseConfig } from './config';

jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const endMs = Math.floor(Date.now() / 60_000) * 60_000;
const startMs = endMs - 10 * 60_000;
// Steps of 60 s from startMs + 60 s: their windows (t - 60 s, t] cover (startMs, endMs] once.
const range = `startTime=${startMs / 1000 + 60}&endTime=${endMs / 1000}&step=60`;

let loki: MockLoki;
let app: FastifyInstance;
let url: string;
const flows: Flow[] = [];

beforeAll(async () => {
  const store = new LokiStore();
  for (const e of generateFlows(generateCluster(11), { seed: 11, startMs, endMs, flowsPerSecond: 10 })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
    const ms = Number(BigInt(e.tsNs) / 1_000_000n);
    if (ms > startMs && ms <= endMs) flows.push(JSON.parse(e.line) as Flow);
  }
  loki = await startMockLoki({ port: 0, store });
  const config = parseConfig({ assetsDir: path.join(os.tmpdir(), 'no-assets'), server: { host: '127.0.0.1', port: 0 }, loki: { url: loki.url } }, '/');
  app = buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await app.close();
  await loki.close();
});

async function metrics(query: string): Promise<MetricsResponse> {
  const res = await fetch(`${url}/api/metrics?${range}&scope=namespace&limit=100&${query}`);
  const body = (await res.json()) as MetricsResponse & { error?: string };
  if (res.status !== 200) throw new Error(`${query} answered ${res.status}: ${body.error}`);
  return body;
}

type Totals = Map<string, number>;
const keyOf = (src: unknown, dst: unknown, breakdown: readonly unknown[]) => `${src ?? ''}->${dst ?? ''} ${JSON.stringify(breakdown.map((v) => v ?? ''))}`;

/** The answer's totals per series, keyed as the expectations are. */
function answered(body: MetricsResponse, breakdown: MetricBreakdown): Totals {
  expect(body.dataSource).toBe('loki');
  expect(body.stats.limitReached).toBe(false);
  const fields = breakdownDefs[breakdown].fields;
  return new Map(body.metrics.map((s) => {
    expect(Object.keys(s.breakdown ?? {})).toEqual(fields);
    return [keyOf(s.source.SrcK8S_Namespace, s.destination.DstK8S_Namespace, fields.map((f) => s.breakdown![f])), s.stats.total!];
  }));
}

function add(totals: Totals, key: string, value: number): void {
  totals.set(key, (totals.get(key) ?? 0) + value);
}

function expectTotals(actual: Totals, expected: Totals): void {
  expect(expected.size).toBeGreaterThan(1);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, value] of expected) expect({ key, total: actual.get(key)! }).toEqual({ key, total: expect.closeTo(value, 6) });
}

/** Loki's flow dedup (server/src/logql.ts dedupCondition): ingress and inner, or egress leaving the cluster. */
const counted = (f: Flow) => f.FlowDirection === 0 || f.FlowDirection === 2 || (!f.DstK8S_HostName && f.DstK8S_Type !== 'Service');

/** ACL events of the flows passing `keep`, by the given event keys; events without `required` left out. */
function eventTotals(keys: readonly (keyof NetworkEvent)[], required: keyof NetworkEvent, keep: (e: NetworkEvent) => boolean = () => true): Totals {
  const totals: Totals = new Map();
  for (const f of flows) {
    for (const e of (f.NetworkEvents ?? []).slice(0, 4)) {
      if (e.Feature !== 'acl' || !e[required] || !keep(e)) continue;
      add(totals, keyOf(f.SrcK8S_Namespace, f.DstK8S_Namespace, keys.map((k) => e[k])), 1);
    }
  }
  return totals;
}

describe('metric breakdowns from the mock Loki', () => {
  it.each([
    ['dropCause', 'PktDropLatestDropCause'],
    ['dropState', 'PktDropLatestState'],
  ] as const)('sums dropped packets by %s, every drop record once, drops without the field left out', async (breakdown, field) => {
    const expected: Totals = new Map();
    for (const f of flows) if (f[field] && f.PktDropPackets) add(expected, keyOf(f.SrcK8S_Namespace, f.DstK8S_Namespace, [f[field]]), f.PktDropPackets);
    expectTotals(answered(await metrics(`type=droppedPackets&function=sum&breakdown=${breakdown}`), breakdown), expected);
  });

  // The requests to the cluster DNS: their series stay under the limit, whatever the generated mix.
  const toDns = `filters=${encodeURIComponent('DstK8S_Namespace=openshift-dns')}`;
  const isToDns = (f: Flow) => f.DstK8S_Namespace === 'openshift-dns';

  it('counts DNS requests by response code (flows with a DNS answer, deduplicated like flows)', async () => {
    const expected: Totals = new Map();
    for (const f of flows) if (f.DnsFlagsResponseCode && counted(f) && isToDns(f)) add(expected, keyOf(f.SrcK8S_Namespace, f.DstK8S_Namespace, [f.DnsFlagsResponseCode]), 1);
    expect([...expected.keys()].some((k) => !k.endsWith('["NoError"]'))).toBe(true);
    expectTotals(answered(await metrics(`type=flows&function=sum&breakdown=dnsRcode&${toDns}`), 'dnsRcode'), expected);
  });

  it('gives the DNS latency maximum per response code', async () => {
    const body = await metrics(`type=dnsLatency&function=max&breakdown=dnsRcode&${toDns}`);
    expect(body.stats.limitReached).toBe(false);
    const max = new Map<string, number>();
    for (const f of flows) {
      if (!f.DnsFlagsResponseCode || f.DnsLatencyMs === undefined || !counted(f) || !isToDns(f)) continue;
      const key = keyOf(f.SrcK8S_Namespace, f.DstK8S_Namespace, [f.DnsFlagsResponseCode]);
      max.set(key, Math.max(max.get(key) ?? 0, f.DnsLatencyMs));
    }
    const actual = new Map(body.metrics.map((s) => [keyOf(s.source.SrcK8S_Namespace, s.destination.DstK8S_Namespace, [s.breakdown!.DnsFlagsResponseCode]), s.stats.max]));
    expect([...actual.keys()].sort()).toEqual([...max.keys()].sort());
    for (const [key, value] of max) expect({ key, max: actual.get(key) }).toEqual({ key, max: value });
  });

  it('counts network events by action: one per ACL event, on the sender\'s side too', async () => {
    expect(flows.some((f) => (f.NetworkEvents?.length ?? 0) >= 2)).toBe(true); // later indexes are exercised
    const body = await metrics('type=networkEvents&function=sum&breakdown=eventAction');
    expect(body.queries).toHaveLength(4);
    expect(body.stats.numQueries).toBe(4);
    expectTotals(answered(body, 'eventAction'), eventTotals(['Type', 'Action'], 'Action'));
  });

  it('counts network events by policy, an action filter applied to each event', async () => {
    expectTotals(answered(await metrics('type=networkEvents&function=sum&breakdown=eventPolicy'), 'eventPolicy'), eventTotals(['Type', 'Namespace', 'Name', 'Action'], 'Type'));
    const drops = await metrics(`type=networkEvents&function=sum&breakdown=eventPolicy&filters=${encodeURIComponent('NetworkEventAction!=drop')}`);
    expectTotals(answered(drops, 'eventPolicy'), eventTotals(['Type', 'Namespace', 'Name', 'Action'], 'Type', (e) => e.Action !== 'drop'));
  });

  it('counts network events without a breakdown as events too', async () => {
    const body = await metrics('type=networkEvents&function=sum');
    const expected: Totals = new Map();
    for (const [key, n] of eventTotals([], 'Feature')) add(expected, key.replace(/ \[\]$/, ''), n);
    const actual = new Map(body.metrics.map((s) => [`${s.source.SrcK8S_Namespace}->${s.destination.DstK8S_Namespace}`, s.stats.total!]));
    expect(body.metrics.every((s) => s.breakdown === undefined)).toBe(true);
    expectTotals(actual, expected);
  });

  it('sums the bytes of IPsec flows by status (deduplicated like flows), flows without a status left out', async () => {
    const expected: Totals = new Map();
    for (const f of flows) if (f.IPSecStatus && counted(f) && isToDns(f)) add(expected, keyOf(f.SrcK8S_Namespace, f.DstK8S_Namespace, [f.IPSecStatus]), f.Bytes);
    expect([...expected.keys()].some((k) => k.endsWith('["error"]'))).toBe(true);
    expectTotals(answered(await metrics(`type=bytes&function=sum&breakdown=ipsecStatus&${toDns}`), 'ipsecStatus'), expected);
  });

  it('refuses a breakdown the type does not carry with a 400 naming the parameter', async () => {
    const res = await fetch(`${url}/api/metrics?${range}&type=bytes&breakdown=eventPolicy`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('breakdown: eventPolicy does not apply to bytes (it applies to networkEvents)');
  });
});
