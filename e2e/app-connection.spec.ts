import { expect, test } from '@playwright/test';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { createPrismaClient } from '@/lib/db/client';
import { e2ePort, readStack, storageStateFor } from './support/stack';

/**
 * "Connect as an app" end to end: an admin makes an install link in Settings, saves a local
 * application with it in this spec's own demo portal (its form posts ONAPPINSTALL at once), the
 * first sync mirrors the portal, a task added on the portal arrives through the events the app
 * bound with event.bind, and deleting the app posts ONAPPUNINSTALL: the connection goes, the
 * mirror stays. Everything this spec adds to the database is removed afterwards.
 */
test.use({ locale: 'en-US', storageState: storageStateFor('admin') });

const memberId = 'a99c0ffee00000000000000000000a99';
const domain = 'app.bitrix24.test';
const hook = { userId: 1, code: 'e2eappspechook01', scopes: ['basic', 'task', 'user', 'department', 'calendar', 'im'] };
const company = {
  ...fixtureCompany({
    flows: [fixtureFlow(3, { name: 'Поддержка клиентов' })],
    tasks: [fixtureTask(1, { flowId: '3', title: 'Первая задача' })],
  }),
};
company.header = { ...company.header, memberId, domain };

let portal: DemoPortal;

async function withDatabase<T>(work: (db: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  const db = createPrismaClient(readStack().databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

const mirroredTitles = () =>
  withDatabase(async (db) =>
    (
      await db.task.findMany({
        where: { portal: { memberId } },
        select: { title: true },
        orderBy: { bitrixTaskId: 'asc' },
      })
    ).map((task) => task.title),
  );

test.beforeAll(async () => {
  portal = await startDemoPortal({ company, webhooks: [hook] });
});
test.afterAll(async () => {
  await withDatabase((db) => db.portal.deleteMany({ where: { memberId } }));
  await portal.stop();
});

test('install as a local app, receive events it bound, uninstall: the mirror stays', async ({ page }) => {
  await page.goto('/settings');
  const card = page.getByRole('region', { name: 'Connect as an app' });
  await expect(card).toContainText(`http://127.0.0.1:${e2ePort}/`);
  await card.getByRole('button', { name: 'Create install link' }).click();
  const link = card.getByLabel('Install link (Initial installation path)');
  await expect(link).toHaveValue(
    new RegExp(`^http://127\\.0\\.0\\.1:${e2ePort}/api/bitrix24/install\\?state=[\\w-]{20,}$`),
  );
  const installUrl = await link.inputValue();

  await page.goto(`${portal.url}/devops/local-apps/`);
  await page.getByLabel(/Handler path/).fill(`http://127.0.0.1:${e2ePort}/`);
  await page.getByLabel(/Initial installation path/).fill(installUrl);
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByRole('region', { name: 'keys' }).locator('output')).toHaveText('HTTP 200');
  const clientId = await page.locator('[data-key="client_id"]').innerText();
  const clientSecret = await page.locator('[data-key="client_secret"]').innerText();

  // The link works once: a second installation post with it is refused.
  const again = await fetch(installUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'event=ONAPPINSTALL',
  });
  expect(again.status).toBe(403);

  await page.goto('/settings');
  const portalCard = page.getByRole('region', { name: domain, exact: true });
  await expect(portalCard).toContainText('Connected');
  await expect(portalCard).toContainText('Bitrix24 application');
  await expect(portalCard).toContainText('Accepted (the app bound them with event.bind)');
  const html = await page.content();
  expect(html).not.toContain('access_token');
  // This deployment has sign-in keys of its own (another app), which would be used until these are entered.
  await expect(portalCard).toContainText(
    "The deployment's (BITRIX24_OAUTH_CLIENT_ID): the access is renewed every hour",
  );

  // The keys Bitrix24 showed: a wrong secret is refused at once, the right ones are checked and kept.
  const keys = portalCard.getByRole('form', { name: `App keys for ${domain}` });
  await keys.getByLabel('Application ID (client_id)').fill(clientId);
  await keys.getByLabel('Application key (client_secret)').fill('not-the-secret');
  await keys.getByRole('button', { name: 'Check and save keys' }).click();
  await expect(keys.getByRole('alert')).toContainText('Bitrix24 did not accept these keys');
  await keys.getByLabel('Application key (client_secret)').fill(clientSecret);
  await keys.getByRole('button', { name: 'Check and save keys' }).click();
  await expect(keys.getByRole('status')).toHaveText('Keys checked and saved. Flowpilot renews the access with them.');
  await expect(keys.getByLabel('Application key (client_secret)')).toHaveValue('');
  await page.reload();
  await expect(portalCard).toContainText('Entered in Settings: the access is renewed every hour');
  expect(await page.content()).not.toContain(clientSecret);

  const bound = await (await fetch(`${portal.url}/rest/${hook.userId}/${hook.code}/event.get`)).json();
  expect(bound).toMatchObject({ error: 'WRONG_AUTH_TYPE' });

  await expect.poll(mirroredTitles, { timeout: 30_000 }).toEqual(['Первая задача']);

  const added = await fetch(`${portal.url}/rest/${hook.userId}/${hook.code}/tasks.task.add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { TITLE: 'Пришла через event.bind', RESPONSIBLE_ID: 2, FLOW_ID: 3 } }),
  });
  expect(added.status).toBe(200);
  await expect.poll(mirroredTitles, { timeout: 30_000 }).toEqual(['Первая задача', 'Пришла через event.bind']);

  await page.goto(`${portal.url}/devops/local-apps/`);
  await page
    .getByRole('listitem')
    .filter({ hasText: clientId })
    .getByRole('button', { name: /Delete/ })
    .click();
  await expect(page.getByRole('status')).toContainText('Application deleted');

  // Bitrix24 posts ONAPPUNINSTALL after the deletion answers, so the page is read again until
  // Flowpilot has received it.
  await expect(async () => {
    await page.goto('/settings');
    await expect(portalCard).toContainText('Not connected', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(portalCard).toContainText('The Bitrix24 app was uninstalled on');
  await expect(portalCard.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
  expect(await mirroredTitles()).toEqual(['Первая задача', 'Пришла через event.bind']);
});
