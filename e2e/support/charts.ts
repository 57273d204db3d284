import { expect, type Page } from '@playwright/test';

/**
 * Charts are drawn when scrolled into view (components/charts/chart-plot.tsx): this scrolls to
 * each chart, waits until all are drawn and goes back to the top, so that a full-page screenshot
 * or an axe check sees every chart.
 */
export async function drawAllCharts(page: Page) {
  for (const plot of await page.locator('[data-chart-plot]').all()) await plot.scrollIntoViewIfNeeded();
  await expect(page.locator('[data-chart-plot]:empty')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}
