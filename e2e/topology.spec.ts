import { expect, Page, test } from '@playwright/test';

/**
 * The Topology tab end to end (standalone page, backend, mock Prometheus and Loki): nodes and edges from
 * /api/metrics, the side panel, step into, filters from the graph, and screenshots in both themes.
 */

const topology = '/netflow-traffic?view=topology&timeRange=3600';

async function open(page: Page, url = topology) {
  await page.goto(url);
  await expect(page.getByTestId('topology-node').first()).toBeVisible({ timeout: 30_000 });
}

const node = (page: Page, name: string) => page.locator(`[data-test="topology-node"][data-name="${name}"]`);
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

test('draws namespaces and the traffic between them', async ({ page }) => {
  await open(page);
  await expect(node(page, 'iperf')).toBeVisible();
  expect(await page.getByTestId('topology-node').count()).toBeGreaterThan(5);
  expect(await page.getByTestId('topology-edge').count()).toBeGreaterThan(5);
  // The largest edges carry their rate.
  await expect(page.getByTestId('topology-edge-label').first()).toHaveText(/\d.*Bps$/);
  await expect(page.getByTestId('topology-size')).toHaveText(/\d+ nodes, \d+ edges/);
});

test('a node opens the side panel, and "filter on this" adds its filter', async ({ page }) => {
  await open(page);
  // The monitoring stack scrapes every namespace: it always has peers.
  await node(page, 'openshift-monitoring').click();
  const panel = page.getByTestId('topology-side-panel');
  await expect(panel.getByTestId('topology-panel-title')).toHaveText(/openshift-monitoring/);
  await expect(panel.getByTestId('topology-peer').first()).toBeVisible();
  await expect(panel.getByTestId('topology-chart')).toBeVisible();
  expect(param(page, 'topoSelected')).toBe('namespace:openshift-monitoring');

  await panel.getByTestId('topology-filter').click();
  await expect.poll(() => param(page, 'filters')).toBe('K8S_Namespace=openshift-monitoring');
  await expect(page.getByTestId('filter-chip-group')).toHaveCount(1);
  await expect(node(page, 'openshift-monitoring')).toBeVisible();
  // Once the filtered answer is in, every edge has the filtered namespace at one end.
  const edgeIds = () => page.getByTestId('topology-edge').evaluateAll((edges) => edges.map((e) => e.getAttribute('data-id') ?? ''));
  await expect.poll(async () => (await edgeIds()).filter((id) => !id.includes('namespace:openshift-monitoring')), { timeout: 30_000 }).toEqual([]);
  expect((await edgeIds()).length).toBeGreaterThan(0);
});

test('double click steps into a namespace, then into an owner', async ({ page }) => {
  await open(page);
  await node(page, 'iperf').dblclick();
  await expect.poll(() => param(page, 'topoScope')).toBe('owner');
  expect(param(page, 'topoGroups')).toBe('namespace');
  expect(param(page, 'filters')).toBe('K8S_Namespace=iperf');
  await expect(node(page, 'iperf3-client')).toBeVisible({ timeout: 30_000 });

  // The panel's action does the same one level down: the owner's pods.
  await node(page, 'iperf3-client').click();
  await page.getByTestId('topology-step-into').click();
  await expect.poll(() => param(page, 'topoScope')).toBe('resource');
  expect(param(page, 'filters')).toBe('K8S_Namespace=iperf;K8S_OwnerName=iperf3-client');
  await expect(page.locator('[data-test="topology-node"][data-kind="pod"]').first()).toBeVisible({ timeout: 30_000 });
  // Back undoes the step in one go.
  await page.goBack();
  await expect.poll(() => param(page, 'topoScope')).toBe('owner');
});

test('an edge opens its panel and shows its flows in the table', async ({ page }) => {
  await open(page);
  // An edge between two named namespaces (ids are "namespace:<name>>namespace:<name>").
  const ids = await page.getByTestId('topology-edge').evaluateAll((edges) => edges.map((e) => e.getAttribute('data-id') ?? ''));
  const id = ids.find((i) => /^namespace:[^>]+>namespace:.+$/.test(i));
  expect(id).toBeDefined();
  // Nodes are drawn over edges: the click goes to the edge itself, not to where it is on screen.
  await page.locator(`[data-test="topology-edge"][data-id="${id}"]`).dispatchEvent('click');
  const panel = page.getByTestId('topology-side-panel');
  await expect(panel.getByTestId('topology-edge-value')).toHaveText(/\d/);
  await panel.getByTestId('topology-show-flows').click();
  await expect.poll(() => param(page, 'view')).toBe(null);
  expect(param(page, 'filters')).toMatch(/^SrcK8S_Namespace=[^;]+;DstK8S_Namespace=[^;]+$/);
  await expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 });
});

test('search highlights matching nodes; options survive a reload', async ({ page }) => {
  await open(page, `${topology}&topoLayout=grid&topoType=packets`);
  await page.getByTestId('topology-search').locator('input').fill('iperf');
  await expect(page.locator('.netobserv-topology__node--highlighted')).toHaveCount(1);
  await expect(page.locator('.netobserv-topology__node--dimmed').first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('topology-layout')).toHaveValue('grid');
  await expect(page.getByTestId('topology-type')).toHaveValue('packets');
  await expect(page.getByTestId('topology-edge-label').first()).toHaveText(/packets\/s$/);
});

test('light and dark screenshots of the topology', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await open(page, `${topology}&topoScope=owner&topoGroups=namespace&filters=K8S_Namespace%3Diperf`);
  await node(page, 'iperf3-client').click();
  await expect(page.getByTestId('topology-chart')).toBeVisible();
  // Let the layout settle before the picture.
  await page.waitForTimeout(3000);
  await page.screenshot({ path: 'test-results/screenshots/topology-light.png' });
  await page.getByTestId('theme-switch').check({ force: true });
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await page.screenshot({ path: 'test-results/screenshots/topology-dark.png' });
});
