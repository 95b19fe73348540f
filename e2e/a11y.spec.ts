import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

/**
 * Accessibility of the page in its states (table, resource tab, invalid filter, no flows), in the
 * light and the dark theme, with axe-core's WCAG 2.1 A/AA rules (contrast included). Any violation
 * fails, whatever its impact: the page has none today, so a new one is a regression.
 */

const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function audit(page: Page, theme: 'light' | 'dark') {
  // The standalone shell's switch sets the class the console sets: both themes are the console's.
  await page.evaluate((dark) => document.documentElement.classList.toggle('pf-v6-theme-dark', dark), theme === 'dark');
  const { violations } = await new AxeBuilder({ page }).withTags(wcag).analyze();
  const describe = (v: (typeof violations)[number]) =>
    `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0]?.target.join(' ')})`;
  expect(violations.map(describe)).toEqual([]);
}

const states: { name: string; url: string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'flows table',
    url: '/netflow-traffic?filters=K8S_Namespace%3Diperf',
    ready: (page) => expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 }),
  },
  {
    name: 'resource tab',
    url: '/k8s/cluster/namespaces/iperf/netflow',
    ready: (page) => expect(page.getByTestId('flow-row').first()).toBeVisible({ timeout: 30_000 }),
  },
  {
    name: 'invalid filter',
    url: '/netflow-traffic?filters=NoSuchField%3D1',
    ready: (page) => expect(page.getByTestId('filter-error')).toBeVisible(),
  },
  {
    name: 'overview',
    url: '/netflow-traffic?view=overview',
    ready: async (page) => {
      await expect(page.getByTestId('legend-entry').first()).toBeVisible({ timeout: 50_000 });
      await expect(page.getByTestId('panel-loading')).toHaveCount(0, { timeout: 50_000 });
    },
  },
  {
    name: 'no flows',
    url: '/netflow-traffic?filters=K8S_Namespace%3Dno-such-namespace',
    ready: (page) => expect(page.getByTestId('empty-state')).toBeVisible({ timeout: 30_000 }),
  },
];

for (const state of states) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${state.name}, ${theme} theme: no WCAG 2.1 AA violation`, async ({ page }) => {
      await page.goto(state.url);
      await state.ready(page);
      await audit(page, theme);
    });
  }
}
