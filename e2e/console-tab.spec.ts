import { expect, Page, test } from '@playwright/test';

/**
 * The Network Traffic tab of resource pages, through the standalone shell's console-like routes
 * (/k8s/ns/<namespace>/<resource>/<name>/netflow): the rows are the flows of that object only.
 */

/** The text of a name cell without its kind badge ("P" then the name, on two lines). */
const names = async (page: Page, testId: string) =>
  (await page.getByTestId('flow-row').getByTestId(testId).allInnerTexts()).map((t) => t.split('\n').pop()?.trim() ?? '');

async function rowsOf(page: Page, url: string) {
  await page.goto(url);
  const rows = page.getByTestId('flow-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  return rows.count();
}

test("a pod's tab shows only the flows from or to that pod, without the page title", async ({ page, request }) => {
  // Pick a pod that has traffic from what the backend knows.
  const res = await request.get('/api/flows?filters=SrcK8S_Namespace%3Diperf%3BSrcK8S_Type%3DPod&limit=50');
  expect(res.status()).toBe(200);
  const { records } = (await res.json()) as { records: { fields: Record<string, unknown> }[] };
  const pod = records.map((r) => r.fields.SrcK8S_Name).find((n): n is string => typeof n === 'string' && n !== '');
  expect(pod).toBeDefined();

  const count = await rowsOf(page, `/k8s/ns/iperf/pods/${pod}/netflow`);
  expect(count).toBeGreaterThan(0);
  await expect(page.getByTestId('resource-heading')).toContainText(pod as string);
  await expect(page.getByTestId('page-title')).toHaveCount(0);
  const src = await names(page, 'cell-SrcK8S_Name');
  const dst = await names(page, 'cell-DstK8S_Name');
  src.forEach((s, i) => expect([s, dst[i]]).toContain(pod));
  // The object's scope is not a user filter: the filter box is empty.
  await expect(page.getByTestId('filter-input')).toHaveValue('');
});

test("a namespace's tab narrows further with the user's filters and keeps its own scope", async ({ page }) => {
  await rowsOf(page, '/k8s/cluster/namespaces/iperf/netflow');
  const inIperf = async () => {
    const src = await names(page, 'cell-SrcK8S_Namespace');
    const dst = await names(page, 'cell-DstK8S_Namespace');
    return src.every((s, i) => s === 'iperf' || dst[i] === 'iperf');
  };
  expect(await inIperf()).toBe(true);

  await page.getByTestId('filter-input').fill('Proto=TCP');
  await page.getByTestId('filter-apply').click();
  await expect(page).toHaveURL(/filters=Proto%3DTCP/);
  // The previous rows stay until the new answer arrives.
  const protocols = async () => [...new Set(await page.getByTestId('flow-row').getByTestId('cell-Proto').allInnerTexts())];
  await expect.poll(protocols, { timeout: 30_000 }).toEqual(['TCP']);
  expect(await inIperf()).toBe(true);
});

test('a resource the tab cannot filter on says so', async ({ page }) => {
  await page.goto('/k8s/ns/iperf/configmaps/x/netflow');
  await expect(page.getByTestId('tab-unsupported')).toHaveText(/not available for this resource/);
  await expect(page.getByTestId('flow-row')).toHaveCount(0);
});
