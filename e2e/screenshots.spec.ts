import { expect, test } from '@playwright/test';
import { drawAllCharts } from './support/charts';
import { e2ePort, readStack, storageStateFor } from './support/stack';

test.use({ storageState: storageStateFor('admin') });

// Every page in both languages at laptop and tablet widths, kept under test-results/screenshots
// (CI artifacts, not committed) so a person can check that each looks finished.
const pages = () => [
  { path: '/', name: 'landing' },
  { path: '/overview', name: 'overview' },
  { path: '/flows', name: 'flows' },
  { path: `/flows/${readStack().flows.support}`, name: 'flow' },
  { path: `/flows/${readStack().flows.support}/what-if`, name: 'flow-what-if' },
  { path: '/users', name: 'users' },
  { path: '/settings', name: 'settings' },
];
const widths = [1440, 834];

for (const locale of ['ru', 'en'] as const) {
  for (const width of widths) {
    test(`screenshots in ${locale} at ${width}px`, async ({ page, context }) => {
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: `http://127.0.0.1:${e2ePort}` }]);
      await page.setViewportSize({ width, height: 900 });
      for (const { path, name } of pages()) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        if (path !== '/')
          await expect(
            page.getByRole('status', { name: locale === 'ru' ? 'Состояние системы' : 'System status' }),
          ).not.toHaveAttribute('data-state', 'checking');
        await drawAllCharts(page);
        await page.screenshot({ path: `test-results/screenshots/${name}-${locale}-${width}.png`, fullPage: true });
      }
    });
  }
}
