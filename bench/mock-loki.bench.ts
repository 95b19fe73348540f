/**
 * Mock Loki figures with a million distinct generated flows in one hour: a namespace log query with a
 * json filter, the topology topk rate query, and the store's memory per million flows. Queries go
 * through HTTP.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateCluster } from '../mocks/cluster';
import { generateFlows } from '../mocks/flows';
import { startMockLoki } from '../mocks/loki/server';
import { LokiStore } from '../mocks/loki/store';
import type { BenchResult } from './types';

const HOUR_MS = 3_600_000;
const FLOWS_PER_SECOND = 1e6 / 3600;
const RUNS = 3;

/** A full collection before each RSS reading, without needing `node --expose-gc`. */
function gc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Loads one hour of generated flows (all distinct); returns their count and total line size. */
function load(store: LokiStore, endMs: number): { flows: number; lineBytes: number } {
  const cluster = generateCluster(42);
  let flows = 0;
  let lineBytes = 0;
  for (const e of generateFlows(cluster, { seed: 42, startMs: endMs - HOUR_MS, endMs, flowsPerSecond: FLOWS_PER_SECOND })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
    flows++;
    lineBytes += e.line.length;
  }
  return { flows, lineBytes };
}

/**
 * Best of a few runs of one HTTP query: wall time and this process' CPU time (the server runs here), in
 * ms — on a shared machine the CPU time tells the query's cost apart from waiting for a core. Fails
 * loudly on a non-200 answer.
 */
async function timeQuery(url: string, params: Record<string, string>, runs = RUNS): Promise<{ wallMs: number; cpuMs: number }> {
  let best = { wallMs: Infinity, cpuMs: Infinity };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const res = await fetch(`${url}/loki/api/v1/query_range?${new URLSearchParams(params)}`);
    const body = await res.text();
    const cpu = process.cpuUsage(cpu0);
    if (res.status !== 200) throw new Error(`mock Loki answered ${res.status}: ${body.slice(0, 300)}`);
    const wallMs = performance.now() - t0;
    if (wallMs < best.wallMs) best = { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
  }
  return best;
}

export async function run(): Promise<BenchResult[]> {
  const endMs = Math.floor(Date.now() / 60_000) * 60_000;
  gc();
  const before = process.memoryUsage();
  const store = new LokiStore();
  const loadStart = performance.now();
  const { flows, lineBytes } = load(store, endMs);
  const loadMs = performance.now() - loadStart;
  gc();
  const after = process.memoryUsage();
  // RSS keeps the generator's freed garbage; heap + external is what the store holds.
  const rssPerMillion = (after.rss - before.rss) / flows;
  const heldPerMillion = (after.heapUsed + after.external - before.heapUsed - before.external) / flows;
  const packedPerFlow = store.packedBytes / flows;

  const loki = await startMockLoki({ port: 0, store });
  try {
    const range = { start: String((endMs - HOUR_MS) / 1000), end: String(endMs / 1000) };
    const log = await timeQuery(loki.url, {
      ...range,
      query: '{app="netobserv-flowcollector", SrcK8S_Namespace="openshift-monitoring"} | json | Proto = 6',
      limit: '1000',
    });
    const topk = await timeQuery(loki.url, {
      ...range,
      step: '60',
      query: 'topk(10, sum by(SrcK8S_Namespace,DstK8S_Namespace) (rate({app="netobserv-flowcollector"} | json | unwrap Bytes | __error__="" [1m])))',
    }, 2);
    return [
      { figure: `mock Loki: flows loaded (1 h, ${store.streamCount} streams)`, value: flows, unit: 'flows' },
      { figure: 'mock Loki: generate and load time', value: Math.round(loadMs), unit: 'ms' },
      { figure: 'mock Loki: raw line size', value: Math.round(lineBytes / flows), unit: 'B/flow' },
      { figure: 'mock Loki: sealed chunks (deflated lines + columns)', value: Math.round(packedPerFlow), unit: 'B/flow' },
      { figure: 'mock Loki: heap + external held per million distinct flows', value: Math.round(heldPerMillion), unit: 'MB' },
      { figure: 'mock Loki: RSS growth per million distinct flows', value: Math.round(rssPerMillion), unit: 'MB' },
      { figure: 'mock Loki: namespace + json filter log query, limit 1000', value: Math.round(log.wallMs), unit: 'ms', goal: '< 300 ms', ok: log.wallMs < 300 },
      { figure: 'mock Loki: same log query, CPU time', value: Math.round(log.cpuMs), unit: 'ms' },
      { figure: 'mock Loki: topk(10) sum by namespaces of rate(unwrap Bytes) over 1 h, step 60 s', value: Math.round(topk.wallMs), unit: 'ms', goal: '< 1000 ms', ok: topk.wallMs < 1000 },
      { figure: 'mock Loki: same topk query, CPU time', value: Math.round(topk.cpuMs), unit: 'ms' },
    ];
  } finally {
    await loki.close();
  }
}
