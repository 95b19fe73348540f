/**
 * Overview figures in Debian's Chromium, on the whole `npm start` stack with its own ports
 * (bench/browser-page.ts; run `npm run build` first):
 *
 * - Requests: how many `/api/metrics` calls the default Overview makes (one per panel, two for the RTT
 *   percentiles), counted from the browser's requests during a load.
 * - Time to all panels: from navigation start to the moment every default panel shows its chart and
 *   legend (a MutationObserver in the page notes performance.now(), which counts from navigation
 *   start), median of several loads; the time to the first drawn panel too.
 *
 * The machine is shared: the 1-minute load average at the start is reported next to the figures.
 */
import os from 'node:os';
import { Page } from '@playwright/test';
import { defaultPanelIds, requestCount } from '../web/src/components/overview/panel-defs';
import { startBrowserStack } from './browser-page';
import { BenchResult } from './types';

const runs = 3;
const allPanelsGoalMs = 10_000;
const overviewPath = '/netflow-traffic?view=overview';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Installed before the page's scripts: notes when the first panel, then all of them, have a drawn chart and legend. */
async function watchPanels(page: Page, ids: readonly string[]): Promise<void> {
  await page.addInitScript((panelIds: string[]) => {
    const w = window as unknown as { firstPanelAt?: number; allPanelsAt?: number };
    const drawn = (id: string) => {
      const panel = document.querySelector(`[data-test="panel-${id}"]`);
      return !!panel && !!panel.querySelector('[data-test="legend-entry"]') && !!panel.querySelector('svg');
    };
    const observer = new MutationObserver(() => {
      const done = panelIds.filter(drawn).length;
      if (done > 0 && w.firstPanelAt === undefined) w.firstPanelAt = performance.now();
      if (done === panelIds.length) {
        observer.disconnect();
        w.allPanelsAt = performance.now();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, [...ids]);
}

interface LoadFigures {
  requests: number;
  firstMs: number;
  allMs: number;
  errors: number;
}

async function load(page: Page, baseUrl: string): Promise<LoadFigures> {
  let requests = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/metrics?')) requests++;
  });
  await page.goto(baseUrl + overviewPath);
  await page.waitForFunction(() => (window as unknown as { allPanelsAt?: number }).allPanelsAt !== undefined, null, { timeout: 180_000 });
  const times = await page.evaluate(() => {
    const w = window as unknown as { firstPanelAt: number; allPanelsAt: number };
    return { firstMs: w.firstPanelAt, allMs: w.allPanelsAt };
  });
  const errors = await page.locator('[data-test="panel-error"]').count();
  return { requests, errors, ...times };
}

export async function run(): Promise<BenchResult[]> {
  const loadAverage = os.loadavg()[0];
  const stack = await startBrowserStack({ backend: 9111, loki: 3111, prom: 9211 });
  const loads: LoadFigures[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await stack.newPage();
      await watchPanels(page, defaultPanelIds);
      loads.push(await load(page, stack.baseUrl));
      await page.close();
    }
  } finally {
    await stack.stop();
  }
  const expected = requestCount(defaultPanelIds);
  const requests = Math.max(...loads.map((l) => l.requests));
  const allMs = median(loads.map((l) => l.allMs));
  const errors = Math.max(...loads.map((l) => l.errors));
  return [
    { figure: 'load average (1 min) at start', value: loadAverage, unit: '' },
    { figure: `/api/metrics requests of the default overview (${defaultPanelIds.length} panels)`, value: requests, unit: 'requests', goal: `<= ${expected}`, ok: requests <= expected },
    { figure: 'panels in error state', value: errors, unit: 'panels', goal: '= 0', ok: errors === 0 },
    { figure: `time to first panel drawn (median of ${runs})`, value: median(loads.map((l) => l.firstMs)), unit: 'ms' },
    { figure: `time to all default panels drawn (median of ${runs})`, value: allMs, unit: 'ms', goal: `< ${allPanelsGoalMs} ms`, ok: allMs < allPanelsGoalMs },
  ];
}
