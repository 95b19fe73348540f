/**
 * Mock Loki figures with about a million flows in one hour: a namespace log query with a json filter,
 * the topology topk rate query, and the store's memory per million flows. Queries go through HTTP.
 */
import { generateCluster } from '../mocks/cluster';
import { generateFlows } from '../mocks/flows';
import { startMockLoki } from '../mocks/loki/server';
import { LokiStore } from '../mocks/loki/store';
import type { BenchResult } from './types';

const HOUR_MS = 3_600_000;
/** Generating a million distinct flows takes about a minute; ten shifted copies of 106 k give the same load. */
const GENERATED_PER_SECOND = 28;
const COPIES = 10;
const RUNS = 3;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function load(store: LokiStore, endMs: number): number {
  const cluster = generateCluster(42);
  let flows = 0;
  for (const e of generateFlows(cluster, { seed: 42, startMs: endMs - HOUR_MS, endMs, flowsPerSecond: GENERATED_PER_SECOND })) {
    const ts = BigInt(e.tsNs);
    // Copies 1 ms apart: distinct entries with the generator's label and size distribution.
    for (let copy = 0; copy < COPIES; copy++) store.push(e.labels, [{ tsNs: ts + BigInt(copy) * 1_000_000n, line: e.line }]);
    flows += COPIES;
  }
  return flows;
}

/** Best of a few runs of one HTTP query, in ms; fails loudly on a non-200 answer. */
async function timeQuery(url: string, params: Record<string, string>, runs = RUNS): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/loki/api/v1/query_range?${new URLSearchParams(params)}`);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`mock Loki answered ${res.status}: ${body.slice(0, 300)}`);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export async function run(): Promise<BenchResult[]> {
  const endMs = Math.floor(Date.now() / 60_000) * 60_000;
  gc();
  const rssBefore = process.memoryUsage().rss;
  const store = new LokiStore();
  const loadStart = performance.now();
  const flows = load(store, endMs);
  const loadMs = performance.now() - loadStart;
  gc();
  const rssPerMillion = ((process.memoryUsage().rss - rssBefore) / 1e6) * (1e6 / flows);

  const loki = await startMockLoki({ port: 0, store });
  try {
    const range = { start: String((endMs - HOUR_MS) / 1000), end: String(endMs / 1000) };
    const logMs = await timeQuery(loki.url, {
      ...range,
      query: '{app="netobserv-flowcollector", SrcK8S_Namespace="openshift-monitoring"} | json | Proto = 6',
      limit: '1000',
    });
    const topkMs = await timeQuery(loki.url, {
      ...range,
      step: '60',
      query: 'topk(10, sum by(SrcK8S_Namespace,DstK8S_Namespace) (rate({app="netobserv-flowcollector"} | json | unwrap Bytes | __error__="" [1m])))',
    }, 1);
    return [
      { figure: `mock Loki: flows loaded (1 h, ${store.streamCount} streams)`, value: flows, unit: 'flows' },
      { figure: 'mock Loki: load time', value: Math.round(loadMs), unit: 'ms' },
      // The copies share their line strings, so this undercounts distinct lines (about 1.2 kB each).
      { figure: 'mock Loki: store RSS per million flows (10 copies share each line)', value: Math.round(rssPerMillion), unit: 'MB' },
      { figure: 'mock Loki: namespace + json filter log query, limit 1000', value: Math.round(logMs), unit: 'ms', goal: '< 300 ms', ok: logMs < 300 },
      { figure: 'mock Loki: topk(10) sum by namespaces of rate(unwrap Bytes) over 1 h, step 60 s', value: Math.round(topkMs), unit: 'ms', goal: '< 1000 ms', ok: topkMs < 1000 },
    ];
  } finally {
    await loki.close();
  }
}
