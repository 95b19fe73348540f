/**
 * Topology: time from the /api/metrics answer to a laid-out graph, in Chromium, for 100, 500 and 1,000
 * nodes (5 edges per node). The page asks the backend as usual; the answer is replaced (page.route) by
 * generated series, so the page runs its real path: series -> graph model -> PatternFly -> layout.
 * Measured in the page: from the answer's responseEnd (Resource Timing) to the
 * "netobserv-topology-laid-out" mark the view sets when the layout ends (User Timing).
 */
import os from 'node:os';
import type { MetricSeries, MetricsResponse } from '../web/src/model/metrics';
import { startBrowserStack } from './browser-page';
import type { BenchResult } from './types';

const sizes = [100, 500, 1000];
const edgesPerNode = 5;
const runs = 3;
const goalMs = 1000;

/** A deterministic graph: each namespace talks to 5 others, some of them "popular" (a few hubs, like real clusters). */
function syntheticSeries(nodes: number, edgesPer = edgesPerNode): MetricSeries[] {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const series: MetricSeries[] = [];
  const seen = new Set<string>();
  const now = Math.floor(Date.now() / 1000 / 60) * 60;
  for (let i = 0; i < nodes; i++) {
    let made = 0;
    while (made < edgesPer) {
      // Squaring skews peers towards low indexes: hubs.
      const j = Math.floor(random() ** 2 * nodes);
      const key = `${i}>${j}`;
      if (j === i || seen.has(key)) continue;
      seen.add(key);
      made++;
      const avg = 1000 + random() * 1e6;
      series.push({
        source: { SrcK8S_Namespace: `ns-${i}` },
        destination: { DstK8S_Namespace: `ns-${j}` },
        values: [[now - 60, avg], [now, avg]],
        stats: { avg, max: avg, last: avg, total: avg * 120 },
      });
    }
  }
  return series;
}

function answer(series: MetricSeries[]): MetricsResponse {
  return {
    metrics: series,
    dataSource: 'prom',
    unit: 'bytes',
    queries: [],
    stats: { numQueries: 1, durationMs: 1, limitReached: false, dataSourceReason: 'synthetic' },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [{ figure: 'load average (1 min) at start', value: os.loadavg()[0], unit: '' }];
  const stack = await startBrowserStack({ backend: 9121, loki: 3121, prom: 9221 });
  try {
    for (const nodes of sizes) {
      const body = JSON.stringify(answer(syntheticSeries(nodes)));
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await stack.newPage();
        await page.route('**/api/metrics?**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
        await page.goto(`${stack.baseUrl}/netflow-traffic?view=topology&topoTop=500`);
        const ms = await page.evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error('no laid-out graph within 60 s')), 60_000);
              const poll = () => {
                const laidOut = performance.getEntriesByName('netobserv-topology-laid-out')[0];
                const data = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/metrics?')) as PerformanceResourceTiming | undefined;
                if (laidOut && data) {
                  clearTimeout(timer);
                  resolve(laidOut.startTime - data.responseEnd);
                } else setTimeout(poll, 20);
              };
              poll();
            }),
        );
        const drawn = await page.locator('[data-test="topology-node"]').count();
        if (drawn === 0) throw new Error(`no node drawn for ${nodes} nodes`);
        times.push(ms);
        await page.close();
      }
      const value = median(times);
      const isGoal = nodes === 1000;
      results.push({
        figure: `answer to laid-out graph, ${nodes} nodes / ${nodes * edgesPerNode} edges, default layout (median of ${runs})`,
        value,
        unit: 'ms',
        ...(isGoal ? { goal: `< ${goalMs} ms`, ok: value < goalMs } : {}),
      });
    }
  } finally {
    await stack.stop();
  }
  return results;
}
