import { expect, Page, test } from '@playwright/test';
import { defaultPanelIds } from '../web/src/components/overview/panel-defs';

/**
 * The Overview tab against `npm start`'s mocks: every default panel draws data, a legend entry adds
 * its filter (chips and URL), a panel's menu opens the table with the panel's filters, and screenshots
 * in both themes.
 */

// A dozen metric queries, several through the mock Loki, on a shared machine.
test.setTimeout(180_000);

async function allPanelsDrawn(page: Page) {
  for (const id of defaultPanelIds) {
    const panel = page.getByTestId(`panel-${id}`);
    await expect(panel.getByTestId('legend-entry').first(), `panel ${id}`).toBeVisible({ timeout: 120_000 });
    await expect(panel.locator('svg').first()).toBeVisible();
  }
}

test('every default panel renders data from the mock, with the data source that answered', async ({ page }) => {
  await page.goto('/netflow-traffic?view=overview');
  await allPanelsDrawn(page);
  await expect(page.getByTestId('panel-error')).toHaveCount(0);
  for (const id of defaultPanelIds) {
    await expect(page.getByTestId(`panel-${id}`).getByTestId('panel-source')).toHaveText(/^(Prometheus|Loki)( \+ (Prometheus|Loki))?$/);
  }
  // Breakdowns read in words, not the agent's constants.
  const causes = await page.getByTestId('panel-dropCauses').getByTestId('legend-entry').allInnerTexts();
  expect(causes.join('\n')).not.toMatch(/SKB_DROP_REASON/);
  await expect(page.getByTestId('panel-eventsByPolicy').getByTestId('legend-entry').first()).toHaveText(/(Allowed|Dropped|Delegated|Rejected) by /);
  // The namespace series read "source → destination".
  await expect(page.getByTestId('panel-topRates').getByTestId('legend-entry').first()).toHaveText(/ → /);
});

test('clicking a legend entry adds its filters: chips and URL', async ({ page }) => {
  await page.goto('/netflow-traffic?view=overview&ovPanels=topRates,dropCauses');
  const entry = page.getByTestId('panel-topRates').getByTestId('legend-entry').first();
  await expect(entry).toBeVisible({ timeout: 120_000 });
  const name = (await entry.locator('.netobserv-ov-legend__name').innerText()).split(' → ');
  await entry.click();
  await expect(page).toHaveURL(/filters=[^&]*DstK8S_Namespace/);
  await expect(page.locator('[data-test="filter-chip-group"][data-target="DstK8S_Namespace"]')).toContainText(name[1]);

  const cause = page.getByTestId('panel-dropCauses').getByTestId('legend-entry').first();
  await expect(cause).toBeVisible({ timeout: 120_000 });
  await cause.click();
  await expect(page).toHaveURL(/filters=[^&]*PktDropLatestDropCause/);
  await expect(page.locator('[data-test="filter-chip-group"][data-target="PktDropLatestDropCause"]')).toBeVisible();
});

test("the panel menu opens the table with the panel's filters", async ({ page }) => {
  await page.goto('/netflow-traffic?view=overview&ovPanels=droppedRates&filters=K8S_Namespace%3Diperf');
  const panel = page.getByTestId('panel-droppedRates');
  await panel.getByTestId('panel-menu').click();
  await page.getByRole('menuitem', { name: 'Show in the table' }).click();
  await expect(page).not.toHaveURL(/view=overview/);
  await expect(page).toHaveURL(/filters=K8S_Namespace%3Diperf%3BPktDropPackets%3E0/);
  await expect(page.locator('[data-test="filter-chip-group"][data-target="PktDropPackets"]')).toBeVisible();
  await expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 60_000 });
});

test('light and dark screenshots of the overview', async ({ page }) => {
  // Tall enough for every default panel: the page scrolls inside its own box, which fullPage misses.
  await page.setViewportSize({ width: 1600, height: 2750 });
  await page.goto('/netflow-traffic?view=overview');
  await allPanelsDrawn(page);
  await page.screenshot({ path: 'test-results/screenshots/overview-light.png' });
  await page.getByTestId('theme-switch').check({ force: true });
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await page.screenshot({ path: 'test-results/screenshots/overview-dark.png' });
});
