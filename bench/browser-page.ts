/**
 * Browser benchmarks (table, overview, topology): the whole `npm start` stack on its own ports, plus
 * Debian's headless Chromium driven by Playwright, with the same flags as the e2e suite. The page must
 * have been built (`npm run build`) beforehand.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { Browser, Page, chromium, selectors } from '@playwright/test';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface BrowserStack {
  /** The page's base URL, e.g. http://127.0.0.1:9101 */
  baseUrl: string;
  browser: Browser;
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts `dist/server/scripts/start.js` on the given ports and resolves once the page is served. */
function startStack(ports: { backend: number; loki: number; prom: number }): Promise<ChildProcess> {
  const script = path.join(__dirname, '../scripts/start.js');
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, NETOBSERV_PORT: String(ports.backend), MOCK_LOKI_PORT: String(ports.loki), MOCK_PROM_PORT: String(ports.prom) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the stack was not ready within 240 s')), 240_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (/Network Traffic page:/.test(line)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => console.error(`  [stack] ${line}`));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited (${code}) before it was ready`));
    });
  });
}

/** The stack and a browser; ports default to a set that does not clash with `npm start`. */
export async function startBrowserStack(ports = { backend: 9101, loki: 3101, prom: 9191 }): Promise<BrowserStack> {
  const child = await startStack(ports);
  selectors.setTestIdAttribute('data-test'); // as in playwright.config.ts
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  return {
    baseUrl: `http://127.0.0.1:${ports.backend}`,
    browser,
    newPage: () => browser.newPage({ viewport: { width: 1600, height: 1000 } }),
    async stop() {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
