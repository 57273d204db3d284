import type { Page } from '@playwright/test';
import { causeArchetypes } from '@/lib/demo-portal/generator/flow-catalog';
import { expectNoSeriousAxeViolations } from './support/axe';
import { drawAllCharts } from './support/charts';
import { expect, signedIn, test } from './support/demo-company';
import type { DemoPortalFacts, ExpectedFlowRow } from './support/demo-portal-facts';

/**
 * The dashboards on the demo company, as `npm start` serves it: figures in the pages are checked
 * against figures this spec works out itself from the demo portal's REST answers, the company's
 * known story is checked in the charts' tables, every page passes axe, and screenshots of each
 * page in both languages at laptop and tablet widths go to test-results/screenshots.
 */
let portal: DemoPortalFacts;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test.beforeAll(async ({ demoCompany }) => {
  portal = await demoCompany.facts();
});

const number = (text: string | null | undefined) => Number((text ?? '').replace(/[^\d-]/g, ''));

/** The figures of each row of the flows list, by flow name. */
async function listedRows(page: Page): Promise<Map<string, ExpectedFlowRow>> {
  await page.goto('/flows');
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const found = new Map<string, ExpectedFlowRow>();
  for (const row of await rows.all()) {
    const name = (await row.getByRole('rowheader').getByRole('link').first().textContent())!.trim();
    found.set(name, {
      pending: number(await row.locator('[data-figure="pending"]').textContent()),
      inProgress: number(await row.locator('[data-figure="in-progress"]').textContent()),
      completed: number(await row.locator('[data-figure="completed"]').textContent()),
      efficiency: number(await row.locator('[data-figure="efficiency"]').textContent()),
    });
  }
  return found;
}

/** A chart card's table view, as rows of cell texts keyed by column header. */
async function chartTable(page: Page, title: string): Promise<Record<string, string>[]> {
  const card = page.getByRole('region', { name: title, exact: true });
  await card.getByRole('button', { name: 'Table' }).click();
  const table = card.getByRole('table');
  const headers = (await table.locator('thead th').allTextContents()).map((text) => text.trim());
  return Promise.all(
    (await table.locator('tbody tr').all()).map(async (row) => {
      const cells = (await row.locator('th, td').allTextContents()).map((text) => text.trim());
      return Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? '']));
    }),
  );
}

test('a lead sees only their flows, with the figures the portal gives', async ({ browser }) => {
  const page = await signedIn(browser, 'Team lead');
  const leadId = portal.userIdByName(
    await page.getByRole('button', { name: /^Account menu for / }).getAttribute('aria-label'),
  );
  const expected = portal.flowsOf(leadId);
  expect(expected.size).toBeGreaterThan(0);
  expect(expected.size).toBeLessThan(portal.flows.length);
  const listed = await listedRows(page);
  expect([...listed.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [name, figures] of expected) expect(listed.get(name), name).toEqual(figures);
  // Another flow's page is closed to the lead.
  const other = portal.flows.find((flow) => !expected.has(flow.name))!;
  await page.goto('/flows');
  const response = await page.request.get(`/api/dashboard/flows`);
  const ids = ((await response.json()) as { rows: { id: string; name: string }[] }).rows.map((row) => row.name);
  expect(ids).not.toContain(other.name);
  await page.context().close();
});

test('an executive sees every flow; the list, a flow page and the overview agree', async ({ browser }) => {
  const page = await signedIn(browser, 'Executive');
  const listed = await listedRows(page);
  const expected = portal.flowsOf(null);
  expect(listed.size).toBe(portal.flows.length);
  for (const [name, figures] of expected) expect(listed.get(name), name).toEqual(figures);
  // Every row says how many open tasks are likely late and where efficiency is heading, as estimates.
  await expect(page.getByRole('columnheader', { name: /Likely late/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Forecast, 14 days/ })).toBeVisible();
  await expect(
    page.getByText(/Likely late: open tasks with a 50% or higher chance .* Both are estimates\./),
  ).toBeVisible();
  const likelyLate = new Map<string, number>();
  for (const row of await page.getByRole('table').locator('tbody tr').all()) {
    const name = (await row.getByRole('rowheader').getByRole('link').first().textContent())!.trim();
    likelyLate.set(name, number(await row.locator('[data-figure="likely-late"]').textContent()));
    await expect(row.locator('[data-figure="forecast-drop"]')).toHaveText(/^(▼ −\d+ pts|▲ \+\d+ pts|no change)$/);
  }
  expect(likelyLate.size).toBe(listed.size);

  // The flow page's headline figures are the list's row.
  const spike = causeArchetypes['intake-spike'].name;
  await page.getByRole('link', { name: spike, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: spike })).toBeVisible();
  const row = listed.get(spike)!;
  await expect(page.locator('[data-figure="pending"]')).toHaveText(String(row.pending));
  await expect(page.locator('[data-figure="in-progress"]')).toHaveText(String(row.inProgress));
  await expect(page.locator('[data-figure="completed"]')).toHaveText(String(row.completed));
  expect(number(await page.locator('[data-figure="efficiency"]').textContent())).toBe(row.efficiency);
  // The calendar the portal serves (calendar.settings.get's documented example), as the first sync read it.
  await expect(page.getByRole('region', { name: 'How this flow works' })).toContainText(
    "Bitrix24's calendar: days off Sat and Sun; 9 holidays a year; working day 9:00–19:00",
  );
  // Each overdue or at-risk task says how likely it is to run late, the likeliest first, and that it is an estimate.
  const risks = page.getByRole('table', { name: 'Overdue and at-risk tasks' });
  await expect(risks.getByRole('columnheader', { name: 'Chance late' })).toBeVisible();
  const chances = (await risks.locator('tbody tr').allTextContents()).map((text) =>
    Number(/(\d+)%\s*likely late/.exec(text)?.[1]),
  );
  expect(chances.length).toBeGreaterThan(0);
  expect(chances.every((chance) => chance >= 0 && chance <= 100)).toBe(true);
  expect(chances).toEqual([...chances].sort((a, b) => b - a));
  await expect(page.getByText(/The chance is an estimate/)).toBeVisible();
  // The table shows overdue and at-risk tasks; the list's likely late also counts others at 50 % or more.
  expect(chances.filter((chance) => chance >= 50).length).toBeLessThanOrEqual(likelyLate.get(spike)!);

  // The efficiency chart goes on two weeks as a forecast: its table has the two estimate rows, each inside its band.
  const efficiencyRows = await chartTable(page, 'Efficiency by day');
  const ahead = efficiencyRows.filter((day) => day['Forecast (estimate), %'] !== '—');
  expect(ahead).toHaveLength(2);
  for (const day of ahead) {
    expect(day['Efficiency, %']).toBe('—');
    const [low, median, high] = [
      day['Low end of the 80 % band, %'],
      day['Forecast (estimate), %'],
      day['High end of the 80 % band, %'],
    ].map(Number);
    expect(low).toBeLessThanOrEqual(median!);
    expect(median).toBeLessThanOrEqual(high!);
  }
  expect(efficiencyRows.indexOf(ahead[0]!)).toBe(efficiencyRows.length - 2);
  await expect(
    page.getByText(/^Forecast: \d+% in 14 days \(80 % band \d+% – \d+%\)\. An estimate from \d+ tasks/),
  ).toBeVisible();

  // The overview adds up the same flows.
  await page.goto('/overview');
  const sum = (pick: (figures: ExpectedFlowRow) => number) =>
    [...listed.values()].reduce((total, figures) => total + pick(figures), 0);
  await expect(page.locator('[data-figure="flows"]')).toHaveText(String(portal.flows.length));
  expect(number(await page.locator('[data-figure="completed"]').textContent())).toBe(
    sum((figures) => figures.completed),
  );
  expect(number(await page.locator('[data-figure="open"]').textContent())).toBe(portal.openTasks());
  expect(number(await page.locator('[data-figure="efficiency"]').textContent())).toBe(
    Math.round(sum((figures) => figures.efficiency) / listed.size),
  );
  expect(number(await page.locator('[data-figure="likely-late"]').textContent())).toBe(
    [...likelyLate.values()].reduce((total, count) => total + count, 0),
  );
  expect(number(await page.locator('[data-figure="below-target"]').textContent())).toBe(
    [...listed.values()].filter((figures) => figures.efficiency < 80).length,
  );
  await page.context().close();
});

test('the list is searched, filtered and sorted by keyboard, and the address keeps the view', async ({ browser }) => {
  const page = await signedIn(browser, 'Executive');
  const listed = await listedRows(page);
  const rows = page.getByRole('table').locator('tbody tr');
  const names = async () =>
    (await rows.getByRole('rowheader').locator('a[href^="/flows/"]').allTextContents()).map((name) => name.trim());

  await page.getByLabel('Health').selectOption('critical');
  await expect(page).toHaveURL(/[?&]health=critical\b/);
  const critical = [...listed].filter(([, figures]) => figures.efficiency < 60).map(([name]) => name);
  expect(critical.length).toBeGreaterThan(0);
  await expect(rows).toHaveCount(critical.length);
  expect((await names()).sort()).toEqual(critical.sort());

  // Sorting by efficiency with the keyboard: highest first, then lowest first.
  const sortButton = page.getByRole('button', { name: /^Efficiency/ });
  await sortButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /Efficiency/ })).toHaveAttribute('aria-sort', 'descending');
  const efficiencies = () =>
    rows
      .locator('[data-figure="efficiency"]')
      .allTextContents()
      .then((texts) => texts.map((text) => number(text)));
  // The rows follow once the server's page arrives.
  await expect
    .poll(async () => {
      const shown = await efficiencies();
      return (
        shown.length === critical.length && shown.every((value, index) => index === 0 || shown[index - 1]! >= value)
      );
    })
    .toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /Efficiency/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(async () => {
      const shown = await efficiencies();
      return shown.every((value, index) => index === 0 || shown[index - 1]! <= value);
    })
    .toBe(true);
  // Back returns to the previous view.
  await page.goBack();
  await expect(page.getByRole('columnheader', { name: /Efficiency/ })).toHaveAttribute('aria-sort', 'descending');

  // The address holds the view: a reload shows the same rows; a search narrows them; clearing restores all.
  await page.reload();
  await expect(rows).toHaveCount(critical.length);
  const one = critical[0]!;
  await page.getByLabel('Search').fill(one.slice(0, 8));
  await expect(rows.getByRole('rowheader').getByRole('link', { name: one, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(listed.size);
  // Sorted by the forecast, the flow expected to fall most comes first.
  await page.getByRole('button', { name: /^Forecast, 14 days/ }).click();
  await expect(page.getByRole('columnheader', { name: /Forecast, 14 days/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const drops = () =>
    rows
      .locator('[data-figure="forecast-drop"]')
      .allTextContents()
      .then((texts) => texts.map((text) => (text.startsWith('▼') ? 1 : text.startsWith('▲') ? -1 : 0) * number(text)));
  await expect
    .poll(async () => {
      const shown = await drops();
      return shown.length === listed.size && shown.every((value, index) => index === 0 || shown[index - 1]! >= value);
    })
    .toBe(true);
  await page.getByLabel('Search').fill('<script>alert(1)</script>');
  await expect(page.getByText('No flow matches')).toBeVisible();
  await page.context().close();
});

test("the charts tell the demo company's story", async ({ browser }) => {
  const page = await signedIn(browser, 'Executive');
  // Intake spike: three times the usual intake in the last weeks, and the queue piling up.
  await page.goto('/flows');
  await page.getByRole('link', { name: causeArchetypes['intake-spike'].name, exact: true }).click();
  const weeks = await chartTable(page, 'Throughput by week');
  const created = weeks.map((week) => number(week.Created));
  const before = created.slice(0, -4).sort((a, b) => a - b);
  const usual = before[Math.floor(before.length / 2)]!;
  expect(Math.max(...created.slice(-4, -1))).toBeGreaterThanOrEqual(2 * usual);
  const days = await chartTable(page, 'Cumulative flow');
  const pending = days.map((day) => number(day.Pending));
  expect(pending.at(-1)!).toBeGreaterThanOrEqual(2 * pending.at(-31)! + 20);

  // Planned time too short: the p85 lead time of the period's completed tasks lies above the planned time.
  await page.goto('/flows');
  const tooShort = causeArchetypes['planned-time-too-short'].name;
  await page.getByRole('link', { name: tooShort, exact: true }).click();
  const points = await chartTable(page, 'Lead time of completed tasks');
  const leadDays = points.map((point) => Number(point['Lead time, days'])).sort((a, b) => a - b);
  expect(leadDays.length).toBe(portal.completedSince(tooShort, 90));
  const p85 = leadDays[Math.ceil(0.85 * leadDays.length) - 1]!;
  const plannedDays = portal.plannedSeconds(tooShort) / 86_400;
  expect(p85).toBeGreaterThan(plannedDays);
  await expect(page.getByRole('region', { name: 'Lead time of completed tasks', exact: true })).toContainText(
    'Planned time',
  );
  await page.context().close();
});

test('every dashboard page passes axe and is photographed in both languages at 1440 and 834 pixels', async ({
  browser,
}) => {
  for (const locale of ['en-US', 'ru-RU'] as const) {
    const page = await signedIn(browser, 'Executive', locale);
    const flowPath = async () => {
      await page.goto('/flows');
      return page.getByRole('link', { name: causeArchetypes['intake-spike'].name, exact: true }).getAttribute('href');
    };
    const pages = [
      { path: '/overview', name: 'overview' },
      { path: '/flows', name: 'flows' },
      { path: (await flowPath())!, name: 'flow' },
    ];
    for (const width of [1440, 834]) {
      await page.setViewportSize({ width, height: 900 });
      for (const { path: pagePath, name } of pages) {
        await page.goto(pagePath);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('.recharts-surface').or(page.getByRole('table')).first()).toBeVisible();
        await drawAllCharts(page);
        if (width === 1440) await expectNoSeriousAxeViolations(page, `${locale} ${pagePath}`);
        await page.screenshot({
          path: `test-results/screenshots/demo-${name}-${locale.slice(0, 2)}-${width}.png`,
          fullPage: true,
        });
      }
    }
    await page.context().close();
  }
});
