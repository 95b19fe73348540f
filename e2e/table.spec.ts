import { readFile } from 'node:fs/promises';
import { expect, Page, test } from '@playwright/test';
import { defaultColumns, getField } from '../web/src/model/fields';
import { tableRowCount } from './table-scroll';

/**
 * The traffic flows table end to end (standalone page, backend, mock Loki): default columns, the
 * column picker remembered across reloads, sorting, the details drawer and the CSV export.
 */

const iperf = '/netflow-traffic?filters=K8S_Namespace%3Diperf&limit=50';

async function open(page: Page, url = iperf) {
  await page.goto(url);
  await expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 });
}

/** Column names in display order, from the first row's cells. */
async function columnOrder(page: Page): Promise<string[]> {
  const ids = await page.getByTestId('flow-row').first().locator('[data-test^="cell-"]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-test') ?? ''));
  return ids.map((id) => id.replace(/^cell-/, ''));
}

/** "1.5 kB" -> 1500: the SI sizes of web/src/model/format.ts. */
function bytesOf(text: string): number {
  const m = /^([\d.]+)\s*(B|kB|MB|GB|TB)$/.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  return Number(m[1]) * 1000 ** ['B', 'kB', 'MB', 'GB', 'TB'].indexOf(m[2]);
}

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 2000, height: 1100 });
});

test('the table shows the default columns of the catalogue', async ({ page }) => {
  await open(page);
  expect(await columnOrder(page)).toEqual(defaultColumns);
  for (const name of defaultColumns) await expect(page.getByTestId(`header-${name}`)).toContainText(getField(name)?.title ?? name);
});

test('the column picker adds, removes and reorders columns, and the choice survives a reload', async ({ page }) => {
  await open(page);
  await page.getByTestId('manage-columns').click();
  const picker = page.getByTestId('column-picker');
  await picker.getByRole('textbox', { name: 'Search columns' }).fill('dscp');
  await picker.getByLabel('DSCP', { exact: true }).check();
  await picker.getByRole('textbox', { name: 'Search columns' }).fill('');
  await picker.getByLabel('Protocol', { exact: true }).uncheck();
  await picker.getByTestId('move-up-Dscp').click();
  await picker.getByTestId('columns-save').click();

  const expected = defaultColumns.filter((c) => c !== 'Proto');
  expected.splice(expected.length - 1, 0, 'Dscp');
  expect(await columnOrder(page)).toEqual(expected);
  await page.reload();
  await expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 });
  expect(await columnOrder(page)).toEqual(expected);

  // Back to the defaults, remembered too.
  await page.getByTestId('manage-columns').click();
  await page.getByTestId('columns-reset').click();
  await page.getByTestId('columns-save').click();
  await page.reload();
  await expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 });
  expect(await columnOrder(page)).toEqual(defaultColumns);
});

test('a header click sorts the rows, a second click reverses them', async ({ page }) => {
  await open(page);
  const bytes = async () => (await page.getByTestId('flow-row').getByTestId('cell-Bytes').allInnerTexts()).map(bytesOf);
  await page.getByTestId('header-Bytes').getByRole('button', { name: 'Bytes', exact: true }).click();
  const ascending = await bytes();
  expect(ascending.length).toBeGreaterThan(5); // the rows in view: the table renders no others
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.getByTestId('header-Bytes').getByRole('button', { name: 'Bytes', exact: true }).click();
  const descending = await bytes();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
});

test('a row click opens its details with its network events; arrow keys move to the next row', async ({ page }) => {
  await open(page);
  const row = page.getByTestId('flow-row').filter({ has: page.getByTestId('cell-NetworkEvents').locator('li') }).first();
  const inCell = (await row.getByTestId('cell-NetworkEvents').locator('li').allInnerTexts()).map((s) => s.trim());
  expect(inCell.length).toBeGreaterThan(0);
  await row.getByTestId('cell-Bytes').click();
  const drawer = page.getByTestId('flow-details');
  await expect(drawer).toBeVisible();
  const inDrawer = (await drawer.getByTestId('details-network-events').locator('li').allInnerTexts()).map((s) => s.trim());
  // The cell shows the first events; the drawer all of them.
  expect(inDrawer.slice(0, inCell.length)).toEqual(inCell);

  await page.screenshot({ path: 'test-results/screenshots/flow-details-light.png' });
  await page.getByTestId('theme-switch').check({ force: true });
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await page.screenshot({ path: 'test-results/screenshots/flow-details-dark.png' });
  await page.getByTestId('theme-switch').uncheck({ force: true });
  await drawer.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(drawer.locator('#flow-json')).toContainText('"NetworkEvents"');

  const before = await drawer.locator('#flow-json').innerText();
  await row.focus();
  await page.keyboard.press('ArrowDown');
  await expect(drawer.locator('#flow-json')).not.toHaveText(before);
});

test('"filter on this" in the drawer adds the filter to the page', async ({ page }) => {
  await open(page);
  await page.getByTestId('flow-row').first().getByTestId('cell-Bytes').click();
  await page.getByTestId('flow-details').getByTestId('filter-on-DstPort').click();
  await expect(page).toHaveURL(/filters=K8S_Namespace%3Diperf%3BDstPort%3D\d+/);
});

test('the exported CSV has the visible columns and the rows of the same query', async ({ page }) => {
  await open(page);
  const rowsShown = await tableRowCount(page);
  const exportRequest = page.waitForRequest((r) => r.url().includes('/api/flows/export'));
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const url = new URL((await exportRequest).url());
  const csv = parseCsv(await readFile(await (await download).path(), 'utf8'));

  expect(url.searchParams.get('columns')).toBe(defaultColumns.join(','));
  expect(csv[0]).toEqual(defaultColumns.map((n) => getField(n)?.title));
  const rows = csv.slice(1);
  expect(rows).toHaveLength(rowsShown);

  // The same query through /api/flows: the same flows, field by field (raw values).
  const params = new URLSearchParams(url.searchParams);
  params.delete('columns');
  const res = await page.request.get(`/api/flows?${params.toString()}`);
  expect(res.ok()).toBe(true);
  const { records } = (await res.json()) as { records: { fields: Record<string, unknown> }[] };
  const numeric = ['TimeFlowEndMs', 'Bytes', 'Packets', 'SrcPort', 'DstPort'];
  const index = numeric.map((n) => defaultColumns.indexOf(n));
  const fromCsv = rows.map((r) => index.map((i) => r[i]).join('|')).sort();
  const fromApi = records.map((r) => numeric.map((n) => (r.fields[n] === undefined ? '' : String(r.fields[n]))).join('|')).sort();
  expect(fromCsv).toEqual(fromApi);
});

test('light and dark screenshots of the table with its histogram', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('flows-histogram')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/flows-table-light.png' });
  await page.getByTestId('theme-switch').check({ force: true });
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await page.screenshot({ path: 'test-results/screenshots/flows-table-dark.png' });
});

test('a 5,000-flow answer keeps a screenful of rows in the DOM; scrolling reaches the last flow under a sticky header', async ({ page }) => {
  // The page offers at most 1,000 flows: the answer here is the backend's records five times over.
  await page.route('**/api/flows?*', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as { records: { key: string }[] };
    const records = Array.from({ length: 5 }, (_, c) => body.records.map((r) => ({ ...r, key: `${r.key}#${c}` }))).flat();
    await route.fulfill({ response: res, json: { ...body, records } });
  });
  await page.goto('/netflow-traffic?limit=1000&timeRange=3600');
  const rows = page.getByTestId('flow-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const total = await tableRowCount(page);
  expect(total).toBeGreaterThan(1000);
  expect(total % 5).toBe(0);
  const headerRows = await page.getByTestId('flows-table').locator('thead tr').count();
  expect(await rows.count()).toBeLessThan(100);
  await expect(rows.first()).toHaveAttribute('aria-rowindex', String(headerRows + 1));

  const box = page.getByTestId('flows-table-scroll');
  await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.last()).toHaveAttribute('aria-rowindex', String(headerRows + total));
  expect(await rows.count()).toBeLessThan(100);
  // The last row ends at the bottom of the box once the measured heights have corrected the spacers
  // (they wait for scrolling to pause); the header stays at its top.
  const area = (await box.boundingBox()) ?? { y: NaN, height: NaN };
  await expect
    .poll(async () => {
      await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
      const last = (await rows.last().boundingBox()) ?? { y: NaN, height: NaN };
      return Math.abs(last.y + last.height - (area.y + area.height));
    }, { timeout: 10_000 })
    .toBeLessThan(20);
  const headerTop = (await page.getByTestId('header-Bytes').boundingBox())?.y ?? NaN;
  expect(headerTop - area.y).toBeGreaterThanOrEqual(0);
  expect(headerTop - area.y).toBeLessThan(120);
});
