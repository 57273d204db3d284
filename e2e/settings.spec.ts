import { expect, test, type Locator, type Page } from '@playwright/test';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { createPrismaClient } from '@/lib/db/client';
import { e2eMemberId } from './support/oauth-company';
import { e2ePort, readStack, storageStateFor } from './support/stack';

/**
 * Settings → Bitrix24 as an admin: testing webhooks that fall short in each way, connecting one
 * (which replaces a demo portal), checking it again, flow ids by hand, and disconnecting. The
 * portal here is this spec's own demo portal with known webhooks; everything it adds to the
 * database is removed afterwards, so the other specs keep seeing only the seeded portal.
 */
test.use({ locale: 'en-US', storageState: storageStateFor('admin') });

const hooks = {
  full: { userId: 1, code: 'e2efullaccess0001', scopes: ['basic', 'task', 'user', 'department', 'calendar', 'im'] },
  narrow: { userId: 1, code: 'e2enarrowaccess01', scopes: ['basic', 'task', 'user'] },
  revoked: { userId: 1, code: 'e2erevokedhook001', scopes: ['basic', 'task', 'user', 'department'] },
};
const company = fixtureCompany({
  flows: [fixtureFlow(3, { name: 'Поддержка клиентов' })],
  tasks: [fixtureTask(1, { flowId: '3' })],
});

let portal: DemoPortal;
let domain: string;
const hookUrl = (hook: keyof typeof hooks) => `${portal.url}/rest/${hooks[hook].userId}/${hooks[hook].code}/`;

async function removeWhatThisSpecAdded() {
  const db = createPrismaClient(readStack().databaseUrl);
  try {
    await db.portal.deleteMany({ where: { OR: [{ domain }, { memberId: 'e2e-settings-demo' }] } });
    await db.portal.updateMany({ where: { memberId: e2eMemberId }, data: { manualFlowIds: [] } });
  } finally {
    await db.$disconnect();
  }
}

test.beforeAll(async () => {
  portal = await startDemoPortal({
    company,
    webhooks: Object.values(hooks),
    faults: { revokedWebhooks: [hooks.revoked.code] },
  });
  domain = new URL(portal.url).host;
});
test.afterAll(async () => {
  await removeWhatThisSpecAdded();
  await portal.stop();
});

function connectForm(page: Page) {
  return page.getByRole('region', { name: /^Connect (a portal|another webhook)$/ });
}

/** One line of a test report, by its exact title ("Flows", "Permission “task”: tasks and flows"). */
function reportItem(report: Locator, title: string) {
  return report.getByRole('listitem').filter({ has: report.page().getByText(title, { exact: true }) });
}

async function testWebhook(page: Page, url: string) {
  const form = connectForm(page);
  await form.getByLabel('Incoming webhook URL').fill(url);
  await form.getByRole('button', { name: 'Test connection' }).click();
  return form.getByRole('region', { name: `Connection test for ${domain}` });
}

test('a webhook URL that is not one is named at the field', async ({ page }) => {
  await page.goto('/settings');
  const form = connectForm(page);
  await form.getByLabel('Incoming webhook URL').fill('https://acme.bitrix24.ru/crm/deal/');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(
    form.getByText('This is not an incoming webhook URL: it ends with /rest/<user id>/<code>/.'),
  ).toBeVisible();
  await expect(form.getByLabel('Incoming webhook URL')).toHaveAttribute('aria-invalid', 'true');
});

test('the test names each missing permission, and connecting is refused with the report', async ({ page }) => {
  await page.goto('/settings');
  const report = await testWebhook(page, hookUrl('narrow'));
  await expect(report.getByText('Flowpilot cannot use this webhook yet.')).toBeVisible();
  const item = (title: string) => reportItem(report, title);
  await expect(item('Portal reachable')).toContainText('The portal answered. Its time zone is UTC+03:00.');
  await expect(item('Permission “task”: tasks and flows')).toContainText('OK');
  await expect(item('Permission “department”: departments')).toContainText(
    'Missing, and needed. Edit the webhook in Bitrix24 and tick “department”.',
  );
  await expect(item('Permission “calendar”: the working calendar; CoPilot: create a meeting')).toContainText(
    'Flowpilot works without it',
  );
  await expect(item('Flows')).toContainText('Flows are available: found “Поддержка клиентов” (#3).');

  await connectForm(page).getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectForm(page).getByRole('alert')).toHaveText(
    'Not connected: fix the items marked missing and try again.',
  );
  await page.reload();
  await expect(page.getByRole('region', { name: domain, exact: true })).toHaveCount(0);
});

test('a revoked webhook and a plan without Flows are each named', async ({ page }) => {
  await page.goto('/settings');
  let report = await testWebhook(page, hookUrl('revoked'));
  await expect(reportItem(report, 'Portal reachable')).toContainText('The portal does not accept this webhook');
  await expect(reportItem(report, 'Flows')).toContainText('Not checked');

  portal.options.flowsEnabled = false;
  try {
    report = await testWebhook(page, hookUrl('full'));
    await expect(reportItem(report, 'Flows')).toContainText('its plan may not include Flows');
  } finally {
    portal.options.flowsEnabled = true;
  }
});

test('an unreachable portal is named with its address', async ({ page }) => {
  await page.goto('/settings');
  const form = connectForm(page);
  await form.getByLabel('Incoming webhook URL').fill('http://127.0.0.1:9/rest/1/abcdef0123456789/');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByText('Cannot reach 127.0.0.1:9.', { exact: false })).toBeVisible({ timeout: 30_000 });
});

test('the form works from the keyboard, with a visible focus', async ({ page }) => {
  await page.goto('/settings');
  const form = connectForm(page);
  await form.getByLabel('Incoming webhook URL').focus();
  await page.keyboard.type(hookUrl('full'));
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Outgoing webhook application token (optional)')).toBeFocused();
  await page.keyboard.press('Tab');
  const testButton = form.getByRole('button', { name: 'Test connection' });
  await expect(testButton).toBeFocused();
  expect(await testButton.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(form.getByText('Everything Flowpilot needs is in place.')).toBeVisible();
});

test('connecting replaces a demo portal, shows no secret, and the connection can be checked, given flow ids and disconnected', async ({
  page,
}) => {
  const db = createPrismaClient(readStack().databaseUrl);
  try {
    await db.portal.create({ data: { memberId: 'e2e-settings-demo', domain: 'demo.flowpilot.local', kind: 'demo' } });
  } finally {
    await db.$disconnect();
  }
  await page.goto('/settings');
  await expect(page.getByRole('region', { name: 'demo.flowpilot.local' })).toContainText(
    'Connecting your own portal below removes it',
  );

  const form = connectForm(page);
  await form.getByLabel('Incoming webhook URL').fill(hookUrl('full'));
  await form.getByLabel('Outgoing webhook application token (optional)').fill('e2e-outgoing-token-42');
  await expect(form.getByText(`http://127.0.0.1:${e2ePort}/api/bitrix24/events`, { exact: false })).toBeVisible();
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(form.getByRole('status')).toContainText(`Connected to ${domain}.`);
  await expect(form.getByRole('status')).toContainText('The demo portal, its data and the demo accounts were removed.');
  await expect(form.getByLabel('Incoming webhook URL')).toHaveValue('');

  await page.reload();
  await expect(page.getByRole('region', { name: 'demo.flowpilot.local' })).toHaveCount(0);
  const card = page.getByRole('region', { name: domain, exact: true });
  await expect(card).toContainText('Connected');
  await expect(card).toContainText('Incoming webhook');
  await expect(card).toContainText('basic, task, user, department, calendar, im');
  await expect(card).toContainText("Accepted (the outgoing webhook's token is stored)");
  await expect(card).toContainText('UTC+03:00');
  const html = await page.content();
  expect(html).not.toContain(hooks.full.code);
  expect(html).not.toContain('e2e-outgoing-token-42');
  await expect(connectForm(page)).toContainText('A token is stored for this portal');

  await card.getByRole('button', { name: 'Check again' }).click();
  await expect(card.getByRole('status').first()).toHaveText('Checked. The result is below.');
  await expect(card.getByText('Everything Flowpilot needs is in place.')).toBeVisible();

  const flowIds = card.getByLabel(`Flow ids for ${domain}`);
  await flowIds.fill('12, x');
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(card.getByText('Flow ids are whole numbers from 1 up.')).toBeVisible();
  await flowIds.fill('12, 7');
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(card.getByText('Added. The next sync reads these flows.')).toBeVisible();
  await expect(card.getByRole('list', { name: 'Flows added by id' }).getByRole('listitem')).toHaveText([
    /^#7\b/,
    /^#12\b/,
  ]);
  await card.getByRole('button', { name: 'Remove flow 12' }).click();
  await expect(card.getByRole('list', { name: 'Flows added by id' }).getByRole('listitem')).toHaveText([/^#7\b/]);

  await card.getByRole('button', { name: 'Disconnect' }).click();
  const question = card.getByRole('group', { name: 'Disconnect' });
  await expect(question).toContainText(`Disconnect ${domain}? Syncing and events stop.`);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByRole('button', { name: 'Disconnect' })).toBeFocused();
  await card.getByRole('button', { name: 'Disconnect' }).click();
  await card.getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(card).toContainText('Not connected');
  await expect(card).toContainText('Flowpilot keeps the mirrored data of this portal but no longer syncs it.');
  await expect(card.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
});

test('the section reads in Russian', async ({ page, context }) => {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ru', url: `http://127.0.0.1:${e2ePort}` }]);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 2, name: 'Битрикс24' })).toBeVisible();
  const form = page.getByRole('region', { name: /^Подключить (портал|другой вебхук)$/ });
  await form.getByLabel('Адрес входящего вебхука').fill(hookUrl('narrow'));
  await form.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(reportItem(form, 'Право «department»: подразделения')).toContainText('Нет, а оно обязательно.');
});
