import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { generateCluster } from '../mocks/cluster';
import { generateFlows } from '../mocks/flows';
import { MockLoki, startMockLoki } from '../mocks/loki/server';
import { LokiStore } from '../mocks/loki/store';
import { FaultState } from '../mocks/loki/faults';

/**
 * Loki misbehaving, seen from the page: a mock Loki of its own with fault injection, and a backend
 * process on another port with a short Loki timeout. For each fault the API answers with the right
 * status and the page shows the backend's message in its error state.
 */

// A free port per worker: a retry's worker must not meet the previous worker's backend.
let port: number;
const timeoutSeconds = 2;
const root = path.resolve(__dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
    srv.on('error', reject);
  });
}
let loki: MockLoki;
let backend: ChildProcess;
let dir: string;

test.beforeAll(async () => {
  port = await freePort();
  const endMs = Date.now();
  const store = new LokiStore();
  for (const e of generateFlows(generateCluster(4), { seed: 4, startMs: endMs - 10 * 60_000, endMs, flowsPerSecond: 5 })) {
    store.push(e.labels, [{ tsNs: BigInt(e.tsNs), line: e.line }]);
  }
  loki = await startMockLoki({ port: 0, host: '127.0.0.1', store, faults: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-faults-'));
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(
    configFile,
    `server:\n  host: 127.0.0.1\n  port: ${port}\nassetsDir: ${path.join(root, 'dist/web')}\nloki:\n  url: ${loki.url}\n  timeoutSeconds: ${timeoutSeconds}\n`,
  );
  backend = spawn(process.execPath, [path.join(root, 'dist/server/server/src/main.js'), '--config', configFile], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('backend did not start');
});

test.afterAll(async () => {
  backend?.kill('SIGTERM');
  await loki?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cases: { name: string; fault: FaultState; status: number; message: RegExp }[] = [
  { name: '429', fault: { mode: '429', delayMs: 0 }, status: 503, message: /Loki is overloaded \(too many outstanding requests\); retry in a moment/ },
  { name: '500', fault: { mode: '500', delayMs: 0 }, status: 502, message: /Loki answered 500: .*internal error/ },
  { name: 'truncated', fault: { mode: 'truncated', delayMs: 0 }, status: 502, message: /Loki answer was cut off before its end/ },
  { name: 'slow beyond the timeout', fault: { mode: 'slow', delayMs: 10_000 }, status: 504, message: new RegExp(`Loki did not answer within ${timeoutSeconds} s; narrow the time range or add filters`) },
];

for (const c of cases) {
  test(`Loki ${c.name}: the API says ${c.status} and the page shows the message`, async ({ page, request }) => {
    loki.setFaults(c.fault);
    const started = Date.now();
    const res = await request.get(`http://127.0.0.1:${port}/api/flows`);
    expect(res.status()).toBe(c.status);
    expect((await res.json()).error).toMatch(c.message);
    expect(Date.now() - started).toBeLessThan(timeoutSeconds * 1000 + 3000);

    await page.goto(`http://127.0.0.1:${port}/netflow-traffic`);
    await expect(page.getByTestId('error-state')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('error-state')).toContainText(c.message);
  });
}

test('after the faults, the same page shows flows again', async ({ page }) => {
  loki.setFaults({ mode: 'none', delayMs: 0 });
  await page.goto(`http://127.0.0.1:${port}/netflow-traffic`);
  await expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 });
});
