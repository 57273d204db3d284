import type { Locator, Page } from '@playwright/test';
import { createPrismaClient } from '@/lib/db/client';
import { causeArchetypes } from '@/lib/demo-portal/generator/flow-catalog';
import { expectNoSeriousAxeViolations } from './support/axe';
import { drawAllCharts } from './support/charts';
import { expect, signedIn, test } from './support/demo-company';

/*
 * Acceptance of What if on the demo company, as `npm start` serves it. The demo lead is granted the
 * flow whose planned time is too short and the overloaded flow, as an admin would; on the first
 * the lead takes the suggested planned time and the simulated efficiency rises, on the second
 * spreading the load raises it, and the delivery forecast shows its 50, 85 and 95 % answers. A bad
 * lever gets its message; an executive reads but cannot move the levers.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const tooShort = causeArchetypes['planned-time-too-short'].name;
const overloaded = causeArchetypes['overloaded-assignee'].name;
const flowIds = new Map<string, string>();

test.beforeAll(async ({ demoCompany }) => {
  const db = createPrismaClient(demoCompany.databaseUrl);
  try {
    const lead = await db.user.findUniqueOrThrow({ where: { email: 'lead@demo.flowpilot.local' } });
    for (const flow of await db.flow.findMany({ where: { name: { in: [tooShort, overloaded] } } })) {
      flowIds.set(flow.name, flow.id);
      await db.flowAccessGrant.upsert({
        where: { userId_flowId: { userId: lead.id, flowId: flow.id } },
        create: { userId: lead.id, flowId: flow.id },
        update: {},
      });
    }
  } finally {
    await db.$disconnect();
  }
  expect([...flowIds.keys()].sort()).toEqual([tooShort, overloaded].sort());
});

/** A figure's median, as the result table shows it in a column ("41 %" of "41 % (37 %–45 %)"). */
async function median(cell: Locator): Promise<number> {
  const text = (await cell.textContent()) ?? '';
  return Number(/^\s*(\d+)/.exec(text)?.[1] ?? Number.NaN);
}

const efficiencyRow = (page: Page) => page.locator('tr[data-figure="efficiency"]');

/** Opens the flow's What if tab from its dashboard, and waits for the flow as it is. */
async function openWhatIf(page: Page, name: string) {
  await page.goto(`/flows/${flowIds.get(name)}`);
  await page.getByRole('navigation', { name: 'Flow views' }).getByRole('link', { name: 'What if' }).click();
  await expect(page).toHaveURL(/\/what-if$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(efficiencyRow(page).locator('[data-column="as-it-is"]')).toHaveText(/\d/, { timeout: 30_000 });
}

async function simulate(page: Page): Promise<{ before: number; after: number }> {
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByText('Simulated with your levers.')).toBeVisible({ timeout: 30_000 });
  return {
    before: await median(efficiencyRow(page).locator('[data-column="as-it-is"]')),
    after: await median(efficiencyRow(page).locator('[data-column="with-levers"]')),
  };
}

test('a lead takes the suggested planned time on the too-short flow, and the simulated efficiency rises', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'Team lead');
  await openWhatIf(page, tooShort);
  await expect(page.getByRole('heading', { name: 'Planned time and tasks on time' })).toBeVisible();

  const suggest = page.getByRole('button', { name: /^Use the suggested .+ \(85 % on time\)$/ });
  const suggested = Number(/(\d+)/.exec((await suggest.textContent()) ?? '')?.[1]);
  await suggest.click();
  await expect(page.getByLabel('Planned time, hours')).toHaveValue(String(suggested));
  const { before, after } = await simulate(page);
  expect(after).toBeGreaterThan(before);

  await drawAllCharts(page);
  await expectNoSeriousAxeViolations(page, 'What if, en');
  await page.screenshot({ path: 'test-results/screenshots/demo-what-if-en-1440.png', fullPage: true });

  // The calibration's table view carries the curve.
  await page.getByRole('button', { name: 'Table' }).first().click();
  await expect(
    page
      .getByRole('region', { name: /^Planned time and tasks on time/ })
      .getByRole('row')
      .nth(1),
  ).toBeVisible();
  await page.context().close();
});

test('on the overloaded flow, spreading the load raises it; the delivery forecast gives its percentiles', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'Team lead');
  await openWhatIf(page, overloaded);
  await page.getByRole('radio', { name: 'Spread evenly across the team' }).check();
  const { before, after } = await simulate(page);
  expect(after).toBeGreaterThan(before);

  for (const question of ['backlog', 'by']) {
    const answers = page.locator(`table[data-question="${question}"] tbody tr`);
    await expect(answers).toHaveCount(3);
    for (const [index, level] of ['50', '85', '95'].entries())
      await expect(answers.nth(index).getByRole('rowheader')).toHaveText(`${level}% of runs`);
  }
  await page.context().close();
});

test('a bad lever gets its message, and an executive reads without levers', async ({ browser }) => {
  const page = await signedIn(browser, 'Team lead');
  await openWhatIf(page, tooShort);
  await page.getByLabel('People to add to the team').fill('-3');
  await page.getByLabel('Planned time, hours').fill('0');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByText('Add a whole number of people from 0 to 20.')).toBeVisible();
  await expect(page.getByText('Planned time must be a whole number of hours from 1 to 2,160 (90 days).')).toBeVisible();
  await expect(page.getByLabel('Planned time, hours')).toHaveAttribute('aria-invalid', 'true');
  await page.context().close();

  // In Russian: the executive reads the flow as it is, with the levers shut.
  const executive = await signedIn(browser, 'Executive', 'ru-RU');
  await executive.goto(`/flows/${flowIds.get(overloaded)}/what-if`);
  await expect(executive.getByRole('link', { name: 'Что если' })).toHaveAttribute('aria-current', 'page');
  await expect(
    executive.getByText('Вы можете смотреть симуляцию; рычаги двигают руководители потока и администраторы.'),
  ).toBeVisible();
  await expect(efficiencyRow(executive).locator('[data-column="as-it-is"]')).toHaveText(/\d/, { timeout: 30_000 });
  await expect(executive.getByRole('button', { name: 'Смоделировать' })).toBeDisabled();
  await drawAllCharts(executive);
  await expectNoSeriousAxeViolations(executive, 'What if, ru');
  await executive.screenshot({ path: 'test-results/screenshots/demo-what-if-ru-1440.png', fullPage: true });
  await executive.context().close();
});
