import type { Page } from '@playwright/test';
import { expect, signedIn, test } from './support/demo-company';

/*
 * Acceptance of "did the advice work?" on the demo company, as `npm start` serves it: a lead makes
 * a task from CoPilot's advice on their lowest flow, an admin moves the demo on two weeks with that
 * flow working well, a full sync runs, and the lead sees the advice's figures then and now in the
 * panel and on the outcomes page. It moves the shared demo company's dates, so it runs after the
 * other specs that read it (files run in name order).
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(420_000);

const copilotPanel = (page: Page) => page.getByRole('dialog', { name: 'CoPilot recommendations' });

/** The lead's flow with the lowest efficiency, as the flows list shows it. */
async function lowestFlow(page: Page): Promise<{ name: string; href: string }> {
  await page.goto('/flows');
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  let lowest: { name: string; href: string; efficiency: number } | null = null;
  for (const row of await rows.all()) {
    const efficiency = Number(
      ((await row.locator('[data-figure="efficiency"]').textContent()) ?? '').replace(/\D/g, ''),
    );
    const link = row.getByRole('rowheader').locator('a[href^="/flows/"]');
    if (!lowest || efficiency < lowest.efficiency)
      lowest = { name: (await link.textContent())!.trim(), href: (await link.getAttribute('href'))!, efficiency };
  }
  return lowest!;
}

test('a lead acts on advice, the demo moves on two weeks, and the panel and outcomes page show then and now', async ({
  browser,
  demoCompany,
}) => {
  const lead = await signedIn(browser, 'Team lead');
  const flow = await lowestFlow(lead);
  const askCopilot = async () => {
    await lead.goto(`/flows?q=${encodeURIComponent(flow.name)}`);
    await lead.getByRole('button', { name: `Ask CoPilot about “${flow.name}”` }).click();
  };
  await askCopilot();
  const panel = copilotPanel(lead);
  const messages = panel.getByRole('list', { name: 'CoPilot recommendations' }).locator(':scope > li');
  await expect(messages.first()).toBeVisible();
  await expect(panel.getByRole('status').filter({ hasText: 'CoPilot is writing' })).toHaveCount(0);

  // The first piece of advice nobody has acted on yet: its menu still offers "We did this…".
  let index = 0;
  for (; index < (await messages.count()); index++) {
    await messages
      .nth(index)
      .getByRole('button', { name: `Actions for message ${index + 1}` })
      .click();
    const open = await lead.getByRole('menuitem', { name: 'We did this…' }).isVisible();
    await lead.keyboard.press('Escape');
    if (open) break;
  }
  expect(index, 'a message not yet followed').toBeLessThan(await messages.count());
  const message = messages.nth(index);
  await message.getByRole('button', { name: `Actions for message ${index + 1}` }).click();
  await lead.getByRole('menuitem', { name: 'Create task' }).click();
  const taskDialog = lead.getByRole('dialog', { name: 'Create a task in the flow' });
  await taskDialog.getByLabel('Title').fill(`Follow-up ${Date.now()}`);
  await taskDialog.getByRole('button', { name: 'Create task' }).click();
  await expect(taskDialog.getByRole('status').getByRole('link')).toBeVisible();
  await taskDialog.getByRole('button', { name: 'Close' }).click();
  // Acted on today: the outcome is there at once, then and now alike.
  const outcome = message.getByRole('region', { name: /^Outcome since / });
  await expect(outcome).toContainText('when a task was made from this advice');
  const actedOn = (await outcome.getAttribute('aria-label'))!.replace('Outcome since ', '');

  // An admin moves the demo company on 14 days, with this flow working well.
  const admin = await signedIn(browser, 'Admin');
  const syncsBefore = demoCompany.appLog().match(/sync full: done/g)?.length ?? 0;
  await admin.goto('/settings');
  const card = admin.getByRole('region', { name: 'Move the demo company on' });
  await card.getByLabel('Flow that works well').selectOption({ label: flow.name });
  await card.getByLabel('Days').fill('14');
  await card.getByRole('button', { name: 'Move on' }).click();
  await expect(card.getByText(/^Moved on 14 days: /)).toBeVisible({ timeout: 60_000 });
  await expect
    .poll(() => demoCompany.appLog().match(/sync full: done/g)?.length ?? 0, { timeout: 300_000 })
    .toBeGreaterThan(syncsBefore);

  // The lead sees the same advice, acted on two weeks ago, with today's figures beside those of then.
  await askCopilot();
  await expect(panel.getByRole('status').filter({ hasText: 'CoPilot is writing' })).toHaveCount(0);
  const followed = panel.getByRole('region', { name: /^Outcome since / }).first();
  await expect(followed).toBeVisible();
  expect(await followed.getAttribute('aria-label')).not.toBe(`Outcome since ${actedOn}`);
  await expect(followed).toContainText('when a task was made from this advice');
  const rows = followed.getByRole('row');
  await expect(rows.filter({ hasText: 'Points lost to it' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Flow efficiency' })).toContainText(/\d+ % → \d+ %/);
  await expect(followed).toContainText('not proof that the action caused them');
  await lead.screenshot({ path: 'test-results/screenshots/demo-outcome-en.png' });

  await lead.goto('/outcomes');
  await expect(lead.getByRole('heading', { name: 'Advice and outcomes' })).toBeVisible();
  await expect(lead.getByText(/^\d+ of \d+ improved since the team acted \(\d+ %\)\.$/)).toBeVisible();
  await expect(lead.getByRole('table').getByRole('row').filter({ hasText: flow.name }).first()).toContainText('task');
});
