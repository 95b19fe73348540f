/// <reference lib="dom" />
/**
 * Filters, in Chromium against the whole stack:
 * - keystroke to suggestions: from the last keydown of a typed prefix (a capture listener on the page's
 *   clock) to the moment the suggestion list holds exactly the backend's values for that prefix
 *   (a MutationObserver on the same clock), debounce included;
 * - backend requests per filter change: `/api/flows` requests the table sends for one change, and how
 *   many superseded requests are cancelled when changes come faster than answers.
 */
import { Page } from '@playwright/test';
import { BrowserStack, startBrowserStack } from './browser-page';
import type { BenchResult } from './types';

const field = 'SrcK8S_Namespace';

/** Prefixes whose suggestions differ from the unfiltered list, so that their arrival is observable. */
async function distinctPrefixes(stack: BrowserStack, count: number): Promise<{ prefix: string; values: string[] }[]> {
  const values = async (prefix: string) => {
    const res = await fetch(`${stack.baseUrl}/api/values?${new URLSearchParams({ field, prefix, limit: '20' })}`);
    return ((await res.json()) as { values: string[] }).values;
  };
  const all = await values('');
  const prefixes = [...new Set(all.flatMap((v) => [v.slice(0, 1), v.slice(0, 2), v.slice(0, 3)]))];
  const out: { prefix: string; values: string[] }[] = [];
  for (const prefix of prefixes) {
    const found = await values(prefix);
    if (found.length > 0 && found.join() !== all.join()) out.push({ prefix, values: found });
    if (out.length === count) break;
  }
  return out;
}

/** Milliseconds from the last keystroke of `prefix` to the list showing exactly `expected`. */
async function keystrokeToSuggestions(page: Page, prefix: string, expected: string[]): Promise<number> {
  const input = page.getByTestId('filter-value');
  await input.fill('');
  await page.waitForTimeout(400); // the empty prefix's answer lands first
  await page.evaluate((want) => {
    const w = window as unknown as { benchKey?: number; benchShown?: Promise<number> };
    w.benchKey = undefined;
    document.addEventListener('keydown', () => (w.benchKey = performance.now()), { capture: true });
    w.benchShown = new Promise<number>((resolve) => {
      const list = document.querySelector('[data-test="filter-suggestions"]')!;
      const check = () => {
        const shown = Array.from(list.querySelectorAll('option'), (o) => o.value).join('\n');
        if (shown === want && w.benchKey !== undefined) {
          observer.disconnect();
          resolve(performance.now());
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(list, { childList: true, subtree: true, attributes: true });
    });
  }, expected.join('\n'));
  await input.pressSequentially(prefix, { delay: 40 });
  return page.evaluate(async () => {
    const w = window as unknown as { benchKey: number; benchShown: Promise<number> };
    const shown = await Promise.race([w.benchShown, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
    return shown - w.benchKey;
  });
}

/** `/api/flows` requests started, finished and cancelled by `act`, counted once they have all ended. */
async function countFlowRequests(page: Page, act: () => Promise<void>) {
  const counts = { started: 0, finished: 0, cancelled: 0 };
  let lastEvent = Date.now();
  const counter = (key: keyof typeof counts) => (r: { url(): string }) => {
    if (new URL(r.url()).pathname !== '/api/flows') return;
    counts[key]++;
    lastEvent = Date.now();
  };
  const handlers = { request: counter('started'), requestfinished: counter('finished'), requestfailed: counter('cancelled') };
  for (const [event, handler] of Object.entries(handlers)) page.on(event as 'request', handler);
  await act();
  const deadline = Date.now() + 15_000;
  const settled = () => counts.started > 0 && counts.started === counts.finished + counts.cancelled && Date.now() - lastEvent > 700;
  while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const [event, handler] of Object.entries(handlers)) page.off(event as 'request', handler);
  return counts;
}

export async function run(): Promise<BenchResult[]> {
  const stack = await startBrowserStack();
  try {
    const page = await stack.newPage();
    await page.goto(`${stack.baseUrl}/?timeRange=300`);
    await page.getByTestId('filter-field').selectOption(field);

    const samples = await distinctPrefixes(stack, 12);
    if (samples.length === 0) throw new Error('no prefix narrows the suggestions');
    const times: number[] = [];
    for (const { prefix, values } of samples) times.push(await keystrokeToSuggestions(page, prefix, values));
    const measured = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
    if (measured.length < times.length) throw new Error(`${times.length - measured.length} prefixes never showed their suggestions`);
    const median = measured[Math.floor(measured.length / 2)];
    const worst = measured[measured.length - 1];

    const addFilter = async (value: string) => {
      await page.getByTestId('filter-value').fill(value);
      await page.getByTestId('filter-add').click();
    };
    const single = await countFlowRequests(page, () => addFilter('iperf'));
    // Changes that come before the previous answer (held back for a second): only the last one counts.
    await countFlowRequests(page, () => page.getByTestId('filters-clear').click());
    await page.route('**/api/flows?*', async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue().catch(() => undefined); // the page cancelled it meanwhile
    });
    const burst = await countFlowRequests(page, async () => {
      for (const v of ['iperf', 'shop', 'openshift-dns']) await addFilter(v);
    });
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    const superseded = burst.started - 1;
    return [
      { figure: `keystroke to suggestions, median of ${measured.length} prefixes (debounce included)`, value: median, unit: 'ms', goal: '< 200 ms', ok: median < 200 },
      { figure: 'keystroke to suggestions, slowest prefix', value: worst, unit: 'ms', goal: '< 200 ms', ok: worst < 200 },
      { figure: 'table: /api/flows requests for one filter change', value: single.started, unit: 'requests', goal: '= 1', ok: single.started === 1 },
      {
        figure: `table: superseded requests cancelled in a burst of changes (${burst.started} sent, ${burst.finished} answered)`,
        value: burst.cancelled,
        unit: `of ${superseded}`,
        goal: `= ${superseded}`,
        ok: burst.cancelled === superseded,
      },
    ];
  } finally {
    await stack.stop();
  }
}
