import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { scrollTableTo, tableRowCount } from './table-scroll';

/**
 * The foundation's acceptance, end to end: the page served by the backend, fed by the mock Loki
 * through /api/flows, in headless Chromium.
 */

test('the traffic flows table shows the flows of the synthetic cluster, readable', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/netflow-traffic/);
  const rows = page.getByTestId('flow-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  // Only the rows in view are rendered: the table announces them all.
  expect(await tableRowCount(page)).toBeGreaterThanOrEqual(50);

  const table = page.getByTestId('flows-table');
  await scrollTableTo(page, table.getByText(/Allowed by network policy \S+ in namespace \S+, direction (Ingress|Egress)/));
  await scrollTableTo(page, table.getByText(/Dropped by network policies isolation in namespace \S+/));
  await scrollTableTo(page, page.getByTestId('cell-TimeFlowRttNs').getByText(/\d ms$/));
  // A drop cause in words, not the kernel's SKB_DROP_REASON_* constant.
  const dropCause = page.getByTestId('cell-PktDropLatestDropCause').filter({ hasText: /\w/ });
  await scrollTableTo(page, dropCause);
  expect(await dropCause.first().innerText()).not.toMatch(/SKB_DROP_REASON/);
  await scrollTableTo(page, page.getByTestId('cell-XlatDstAddr').filter({ hasText: /\d+\.\d+\.\d+\.\d+/ }));
});

test('light and dark screenshots of the table', async ({ page }) => {
  await page.setViewportSize({ width: 2200, height: 1100 });
  // The iperf namespace shows policy verdicts, drops and RTT side by side.
  await page.goto('/netflow-traffic?filters=K8S_Namespace%3Diperf');
  await expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/screenshots/traffic-flows-light.png' });
  // The switch's input is visually hidden behind PatternFly's toggle.
  await page.getByTestId('theme-switch').check({ force: true });
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await page.screenshot({ path: 'test-results/screenshots/traffic-flows-dark.png' });
});

test('a filter in the URL narrows the rows and survives a reload', async ({ page }) => {
  await page.goto('/netflow-traffic?filters=SrcK8S_Namespace%3Diperf');
  const cells = page.getByTestId('flow-row').getByTestId('cell-SrcK8S_Namespace');
  // A namespace cell reads "NS" (the kind badge), then the name.
  const namespaces = async () => new Set((await cells.allInnerTexts()).map((t) => t.split('\n').pop()?.trim()));
  await expect(cells.first()).toBeVisible({ timeout: 30_000 });
  expect(await namespaces()).toEqual(new Set(['iperf']));
  await page.reload();
  await expect(cells.first()).toBeVisible({ timeout: 30_000 });
  expect(await namespaces()).toEqual(new Set(['iperf']));
});

test('a filter that does not parse is explained, not sent', async ({ page }) => {
  await page.goto('/netflow-traffic');
  await page.getByTestId('filter-input').fill('NoSuchField=1');
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('filter-error')).toContainText('unknown filter field "NoSuchField"');
});

test.describe('API', () => {
  test('/api/flows filters on the source namespace', async ({ request }) => {
    const res = await request.get('/api/flows?filters=SrcK8S_Namespace%3Diperf&limit=200');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.records.length).toBeGreaterThan(0);
    for (const r of body.records) expect(r.fields.SrcK8S_Namespace).toBe('iperf');
  });

  test('/api/flows filters on a number', async ({ request }) => {
    const res = await request.get('/api/flows?filters=DstPort%3D443&limit=200');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.records.length).toBeGreaterThan(0);
    for (const r of body.records) expect(r.fields.DstPort).toBe(443);
  });

  for (const [params, word] of [
    ['filters=SrcK8S_Namespace%3D%22unterminated', 'filters'],
    ['limit=-3', 'limit'],
    ['startTime=100&endTime=50', 'startTime'],
  ]) {
    test(`bad input (${params}) is a 400 naming ${word}`, async ({ request }) => {
      const res = await request.get(`/api/flows?${params}`);
      expect(res.status()).toBe(400);
      const body = await res.json();
      expect(body.error).toContain(word);
      expect(JSON.stringify(body)).not.toMatch(/\bat \S+:\d+:\d+/); // no stack trace
    });
  }
});

test.describe('Loki down', () => {
  let backend: ChildProcess;
  const port = 9011;

  test.beforeAll(async () => {
    const root = path.resolve(__dirname, '..');
    backend = spawn(process.execPath, [path.join(root, 'dist/server/server/src/main.js'), '--config', path.join(root, 'config/dev.yaml')], {
      env: { ...process.env, NETOBSERV_PORT: String(port), NETOBSERV_LOKI_URL: 'http://127.0.0.1:9' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('backend did not start');
  });

  test.afterAll(() => {
    backend.kill('SIGTERM');
  });

  test('the API says 503 and the page shows why', async ({ page, request }) => {
    const res = await request.get(`http://127.0.0.1:${port}/api/flows`);
    expect(res.status()).toBe(503);
    expect((await res.json()).error).toMatch(/unreachable/i);

    await page.goto(`http://127.0.0.1:${port}/netflow-traffic`);
    await expect(page.getByTestId('error-state')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('error-state')).toContainText(/unreachable/i);
  });
});
