import { expect, Page, Response, test } from '@playwright/test';

/**
 * The filter toolbar end to end, against the mock Loki: filters built through the UI narrow the rows
 * as they say, survive a reload, and hostile values never break the page or the backend.
 */

interface FlowRecord {
  fields: Record<string, unknown>;
}

const isFlows = (r: Response) => new URL(r.url()).pathname.endsWith('/api/flows');

async function records(response: Response): Promise<FlowRecord[]> {
  expect(response.status()).toBe(200);
  return ((await response.json()) as { records: FlowRecord[] }).records;
}

/** Runs an action that changes the query and returns the flows it loads. */
async function flowsAfter(page: Page, action: () => Promise<unknown>): Promise<FlowRecord[]> {
  const [response] = await Promise.all([page.waitForResponse(isFlows, { timeout: 30_000 }), action()]);
  return records(response);
}

async function open(page: Page, query = ''): Promise<FlowRecord[]> {
  return flowsAfter(page, () => page.goto(`/netflow-traffic${query}`));
}

async function addFilter(page: Page, target: string, value: string, op?: string): Promise<void> {
  await page.getByTestId('filter-field').selectOption(target);
  if (op) await page.getByTestId('filter-op').selectOption(op);
  const input = page.getByTestId('filter-value');
  if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
  else await input.fill(value);
  await page.getByTestId('filter-add').click();
}

const sourceNamespaces = async (page: Page) =>
  new Set((await page.getByTestId('flow-row').getByTestId('cell-SrcK8S_Namespace').allInnerTexts()).map((t) => t.split('\n').pop()?.trim()));

test('"Source namespace" = iperf through the UI: every row comes from iperf, and a reload keeps it', async ({ page }) => {
  const all = await open(page);
  expect(new Set(all.map((r) => r.fields.SrcK8S_Namespace)).size).toBeGreaterThan(1);

  let flowsRequests = 0;
  page.on('request', (r) => new URL(r.url()).pathname.endsWith('/api/flows') && flowsRequests++);
  const rows = await flowsAfter(page, () => addFilter(page, 'SrcK8S_Namespace', 'iperf'));
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.fields.SrcK8S_Namespace).toBe('iperf');
  await expect(page).toHaveURL(/filters=SrcK8S_Namespace%3Diperf/);
  await expect(page.getByTestId('filter-chip')).toHaveText('iperf');
  await expect(page.getByTestId('flow-row').first()).toBeVisible();
  expect(await sourceNamespaces(page)).toEqual(new Set(['iperf']));
  // One backend request per filter change.
  await page.waitForTimeout(500);
  expect(flowsRequests).toBe(1);
  test.info().annotations.push({ type: 'figure', description: `/api/flows requests for one filter change: ${flowsRequests}` });

  const reloaded = await flowsAfter(page, () => page.reload());
  for (const r of reloaded) expect(r.fields.SrcK8S_Namespace).toBe('iperf');
  await expect(page.getByTestId('filter-chip-group')).toHaveAttribute('data-target', 'SrcK8S_Namespace');
  await expect(page.getByTestId('flow-row').first()).toBeVisible();
  expect(await sourceNamespaces(page)).toEqual(new Set(['iperf']));

  // Back restores the unfiltered view.
  const back = await flowsAfter(page, () => page.goBack());
  expect(new Set(back.map((r) => r.fields.SrcK8S_Namespace)).size).toBeGreaterThan(1);
  await expect(page.getByTestId('filter-chips')).toHaveCount(0);
});

test('either side, not, match any and a quick filter change the rows as they say', async ({ page }) => {
  await open(page, '?filters=SrcK8S_Namespace%3Diperf');
  const flip = page.getByTestId('filter-flip');

  const dst = await flowsAfter(page, () => flip.click());
  expect(dst.length).toBeGreaterThan(0);
  for (const r of dst) expect(r.fields.DstK8S_Namespace).toBe('iperf');

  const either = await flowsAfter(page, () => flip.click());
  await expect(page).toHaveURL(/filters=K8S_Namespace%3Diperf/);
  for (const r of either) expect([r.fields.SrcK8S_Namespace, r.fields.DstK8S_Namespace]).toContain('iperf');
  expect(either.some((r) => r.fields.SrcK8S_Namespace !== 'iperf' || r.fields.DstK8S_Namespace !== 'iperf')).toBe(true);

  const not = await flowsAfter(page, () => page.getByTestId('filter-not').click());
  expect(not.length).toBeGreaterThan(0);
  for (const r of not) {
    expect(r.fields.SrcK8S_Namespace).not.toBe('iperf');
    expect(r.fields.DstK8S_Namespace).not.toBe('iperf');
  }

  await flowsAfter(page, () => page.getByTestId('filters-clear').click());
  await flowsAfter(page, () => addFilter(page, 'SrcK8S_Namespace', 'iperf'));
  const both = await flowsAfter(page, () => addFilter(page, 'DstPort', '443'));
  for (const r of both) expect([r.fields.SrcK8S_Namespace, r.fields.DstPort]).toEqual(['iperf', 443]);
  const any = await flowsAfter(page, () => page.getByRole('button', { name: 'Match any' }).click());
  await expect(page).toHaveURL(/match=any/);
  for (const r of any) expect(r.fields.SrcK8S_Namespace === 'iperf' || r.fields.DstPort === 443).toBe(true);
  expect(any.some((r) => r.fields.SrcK8S_Namespace !== 'iperf')).toBe(true);
  expect(any.some((r) => r.fields.DstPort !== 443)).toBe(true);

  await flowsAfter(page, () => page.getByTestId('filters-clear').click());
  const infra = await flowsAfter(page, () => page.getByRole('button', { name: 'Infrastructure' }).click());
  expect(infra.length).toBeGreaterThan(0);
  for (const r of infra) expect(r.fields.K8S_FlowLayer).toBe('infra');
  // Off again, then the denials alone (the match mode is still "any").
  await flowsAfter(page, () => page.getByRole('button', { name: 'Infrastructure' }).click());
  await expect(page.getByTestId('filter-chips')).toHaveCount(0);
  const denials = await flowsAfter(page, () => page.getByRole('button', { name: 'Network policy denials' }).click());
  expect(denials.length).toBeGreaterThan(0);
  for (const r of denials) {
    const events = (r.fields.NetworkEvents ?? []) as { Action?: string }[];
    expect(events.some((e) => e.Action === 'drop')).toBe(true);
  }
});

const hostile = ['it\'s "quoted"', 'back\\slash', 'tick`tock', 'a|b', '.*[(+?{^$', 'line\nbreak', 'ünï©ødé 名前 🚀', '"}) or vector(1) #', ''];

test('hostile values typed in the UI give rows or a clear message, never an error', async ({ page }) => {
  const statuses: number[] = [];
  page.on('response', (r) => new URL(r.url()).pathname.startsWith('/api/') && statuses.push(r.status()));
  await open(page);
  for (const value of hostile) {
    for (const op of ['=', '=~']) {
      await page.getByTestId('filter-field').selectOption('SrcK8S_Name');
      await page.getByTestId('filter-op').selectOption(op);
      await page.getByTestId('filter-value').fill(value);
      const problem = page.getByTestId('filter-value-error');
      const answered = page.waitForResponse(isFlows, { timeout: 10_000 }).catch(() => undefined);
      await page.getByTestId('filter-add').click();
      const response = await Promise.race([answered, problem.waitFor({ timeout: 10_000 }).then(() => undefined)]);
      if (response) {
        expect(response.status(), `${op} ${JSON.stringify(value)}`).toBe(200);
        await flowsAfter(page, () => page.getByTestId('filters-clear').click());
      } else {
        await expect(problem).toContainText('This value cannot be used');
      }
      await expect(page.getByTestId('error-state')).toHaveCount(0);
    }
  }
  // Suggestions were asked with the hostile prefixes too.
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
});

test('an invalid parameter in the address is reported and the defaults apply', async ({ page }) => {
  const rows = await open(page, '?limit=12345&timeRange=forever&match=maybe');
  expect(rows.length).toBeGreaterThan(0);
  await expect(page.getByTestId('url-warning')).toContainText('limit: "12345" is not valid');
  await expect(page.getByTestId('url-warning')).toContainText('match: "maybe" is not valid');
  await expect(page.getByTestId('limit')).toHaveValue('100');
});

test('autocomplete suggests values within 200 ms of the last keystroke', async ({ page }) => {
  await open(page);
  await page.getByTestId('filter-field').selectOption('SrcK8S_Namespace');
  const input = page.getByTestId('filter-value');
  await input.pressSequentially('ip');
  const start = Date.now();
  await expect(page.getByTestId('filter-suggestions').locator('option[value="iperf"]')).toHaveCount(1, { timeout: 5_000 });
  const ms = Date.now() - start;
  test.info().annotations.push({ type: 'figure', description: `keystroke to suggestions: ${ms} ms` });
  expect(ms).toBeLessThan(1_000);
});

test('light and dark screenshots of the toolbar with chips', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await open(page, '?filters=SrcK8S_Namespace%3Diperf%3BDstPort%3Dhttps,443%3BK8S_FlowLayer!%3Dinfra&match=any&timeRange=3600');
  const toolbar = page.getByTestId('flows-toolbar');
  await expect(page.getByTestId('filter-chip-group')).toHaveCount(3);
  await toolbar.screenshot({ path: 'test-results/screenshots/filters-toolbar-light.png' });
  await page.getByTestId('theme-switch').check({ force: true });
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await toolbar.screenshot({ path: 'test-results/screenshots/filters-toolbar-dark.png' });
});
