import { expect, Locator, Page } from '@playwright/test';

/**
 * The flows table renders only the rows in view of its scroll box: scrolls the box from the top, a
 * screenful at a time, until `target` (something inside the table) has a match, which must then be visible.
 */
export async function scrollTableTo(page: Page, target: Locator): Promise<void> {
  const box = page.getByTestId('flows-table-scroll');
  await box.evaluate((el) => (el.scrollTop = 0));
  while ((await target.count()) === 0) {
    const atEnd = await box.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight;
      return end;
    });
    if (atEnd) break;
    // The rows of the new position come with the next frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  await expect(target.first()).toBeVisible();
}

/** Flows in the table's answer, whether rendered or not: the rows it announces minus its header rows. */
export async function tableRowCount(page: Page): Promise<number> {
  const table = page.getByTestId('flows-table');
  return Number(await table.getAttribute('aria-rowcount')) - (await table.locator('thead tr').count());
}
