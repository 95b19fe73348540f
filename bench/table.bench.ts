/**
 * Traffic flows table figures in Debian's Chromium, on the whole `npm start` stack with its own ports
 * (bench/browser-page.ts; run `npm run build` first):
 *
 * - Render: time from the arrival of a 1,000-record /api/flows answer to the first frame painted with
 *   the table holding those rows. An init script wraps the page's fetch: for /api/flows it reads the
 *   whole body, then notes performance.now() as the arrival (so the network is out, and the page's own
 *   JSON parse and everything after it are in) and hands the page an equal Response. A
 *   MutationObserver waits for the table to announce the 1,000 rows (aria-rowcount) with rows in the
 *   DOM; a requestAnimationFrame callback then runs just before that frame's paint, and a task it
 *   queues runs after the paint: that moment minus the arrival. Median of several page loads.
 * - Scroll: a 10,000-row result (the page's largest limit is 1,000, so the answer is the backend's
 *   1,000 records ten times over with distinct keys, substituted by page.route). A script scrolls the
 *   table box at a constant speed from requestAnimationFrame callbacks and counts the frames the
 *   browser delivers (frames are dropped when rendering rows makes the main thread miss a frame), and
 *   the longest gap between two frames. It also counts the rows in the DOM at each frame: windowing
 *   keeps it near a screenful whatever the result's size.
 *
 * The machine is shared: the 1-minute load average at the start is reported next to the figures.
 */
import os from 'node:os';
import { Page } from '@playwright/test';
import { startBrowserStack } from './browser-page';
import { BenchResult } from './types';

const renderRuns = 5;
const renderGoalMs = 150;
const scrollRows = 10_000;
const scrollSpeedPxPerS = 6000;
const scrollSeconds = 4;
const fpsGoal = 50;
/** A time range that holds more than 1,000 flows of the mock's history. */
const tablePath = '/netflow-traffic?limit=1000&timeRange=3600';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Installed before the page's scripts: notes the answer's arrival and the first paint with `rows` rows. */
async function watchRender(page: Page, rows: number): Promise<void> {
  await page.addInitScript((expected: number) => {
    const w = window as unknown as { flowsArrivedAt?: number; rowsPaintedAt?: number };
    const pageFetch = window.fetch.bind(window);
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const res = await pageFetch(...args);
      if (!String(args[0]).includes('/api/flows?')) return res;
      const body = await res.text();
      const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      w.flowsArrivedAt = performance.now();
      return copy;
    };
    const observer = new MutationObserver(() => {
      const table = document.querySelector('[data-test="flows-table"]');
      if (w.flowsArrivedAt === undefined || !table || Number(table.getAttribute('aria-rowcount')) < expected) return;
      if (!table.querySelector('[data-test="flow-row"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (w.rowsPaintedAt = performance.now())));
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-rowcount'] });
  }, rows);
}

async function renderMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { rowsPaintedAt?: number }).rowsPaintedAt !== undefined, null, { timeout: 120_000 });
  return page.evaluate(() => {
    const w = window as unknown as { flowsArrivedAt: number; rowsPaintedAt: number };
    return w.rowsPaintedAt - w.flowsArrivedAt;
  });
}

/** Answers /api/flows with the backend's records `copies` times over, each copy with its own keys. */
async function multiplyFlows(page: Page, copies: number): Promise<void> {
  await page.route('**/api/flows?*', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as { records: { key: string }[] };
    const records = Array.from({ length: copies }, (_, c) => body.records.map((r) => ({ ...r, key: `${r.key}#${c}` }))).flat();
    await route.fulfill({ response: res, json: { ...body, records } });
  });
}

interface ScrollFigures {
  fps: number;
  longestFrameMs: number;
  maxRowsInDom: number;
  scrolledPx: number;
}

function scrollTable(page: Page): Promise<ScrollFigures> {
  return page.evaluate(
    ({ speed, seconds }) =>
      new Promise<ScrollFigures>((resolve) => {
        const box = document.querySelector('[data-test="flows-table-scroll"]') as HTMLElement;
        const startTop = box.scrollTop;
        let frames = 0;
        let longest = 0;
        let maxRows = 0;
        let first: number | undefined;
        let last: number | undefined;
        const frame = (now: number) => {
          first ??= now;
          if (last !== undefined) longest = Math.max(longest, now - last);
          last = now;
          const elapsed = now - first;
          maxRows = Math.max(maxRows, box.querySelectorAll('[data-test="flow-row"]').length);
          if (elapsed >= seconds * 1000) {
            resolve({ fps: (frames * 1000) / elapsed, longestFrameMs: longest, maxRowsInDom: maxRows, scrolledPx: box.scrollTop - startTop });
            return;
          }
          frames++;
          box.scrollTop = startTop + (elapsed / 1000) * speed;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { speed: scrollSpeedPxPerS, seconds: scrollSeconds },
  );
}

export async function run(): Promise<BenchResult[]> {
  const load = os.loadavg()[0];
  const stack = await startBrowserStack();
  try {
    const renderPage = await stack.newPage();
    await watchRender(renderPage, 1000);
    await renderMs(renderPage, stack.baseUrl + tablePath); // warm the stack's caches
    const renders: number[] = [];
    for (let i = 0; i < renderRuns; i++) renders.push(await renderMs(renderPage, stack.baseUrl + tablePath));
    await renderPage.close();

    const scrollPage = await stack.newPage();
    await multiplyFlows(scrollPage, scrollRows / 1000);
    await watchRender(scrollPage, scrollRows);
    await renderMs(scrollPage, stack.baseUrl + tablePath);
    await scrollPage.waitForTimeout(1000); // let the histogram and late effects settle
    const scroll = await scrollTable(scrollPage);
    if (scroll.scrolledPx < scrollSpeedPxPerS * scrollSeconds * 0.9) throw new Error(`the table scrolled only ${Math.round(scroll.scrolledPx)} px`);
    await scrollPage.close();

    const medianRender = median(renders);
    return [
      { figure: 'load average (1 min) at start', value: Number(load.toFixed(2)), unit: '' },
      { figure: `render: /api/flows answer to rows painted, 1,000 flows (median of ${renderRuns})`, value: Math.round(medianRender), unit: 'ms', goal: `< ${renderGoalMs} ms`, ok: medianRender < renderGoalMs },
      { figure: 'render: slowest of those runs', value: Math.round(Math.max(...renders)), unit: 'ms' },
      { figure: `scroll 10,000 rows at ${scrollSpeedPxPerS} px/s: frames per second`, value: Number(scroll.fps.toFixed(1)), unit: 'fps', goal: `>= ${fpsGoal} fps`, ok: scroll.fps >= fpsGoal },
      { figure: 'scroll: longest frame', value: Math.round(scroll.longestFrameMs), unit: 'ms' },
      { figure: 'scroll: most rows in the DOM at once, 10,000-row result', value: scroll.maxRowsInDom, unit: 'rows', goal: '< 100 rows', ok: scroll.maxRowsInDom < 100 },
    ];
  } finally {
    await stack.stop();
  }
}
