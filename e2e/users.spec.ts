import { expect, test } from '@playwright/test';
import { seedPassword } from './support/seed';
import { storageStateFor } from './support/stack';

test.use({ locale: 'en-US', storageState: storageStateFor('admin') });

test('an admin invites a user, who sets a password, signs in, and is locked out again by deactivation', async ({
  page,
  browser,
}) => {
  await page.goto('/users');
  const invite = page.getByRole('region', { name: 'Invite a user' });
  await invite.getByLabel('Name').fill('Ivan Invited');
  await invite.getByLabel('E-mail').fill('Ivan@E2E.test');
  await invite.getByLabel('Role').selectOption('executive');
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  const link = await invite.getByLabel('Invitation link for Ivan@E2E.test').inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\?token=[\w-]{20,}$/);
  const row = page.getByRole('row', { name: /Ivan Invited/ });
  await expect(row).toContainText('ivan@e2e.test');
  await expect(row).toContainText('Invitation not accepted');

  const guest = await browser.newContext({ locale: 'en-US', storageState: { cookies: [], origins: [] } });
  try {
    const guestPage = await guest.newPage();
    await guestPage.goto(link);
    await expect(guestPage.getByText('You were invited to Flowpilot as ivan@e2e.test.')).toBeVisible();
    await guestPage.getByLabel('Password', { exact: true }).fill('a-brand-new-password');
    await guestPage.getByLabel('Repeat the password').fill('a-brand-new-password');
    await guestPage.getByRole('button', { name: 'Set password' }).click();
    await expect(guestPage.getByRole('status')).toHaveText('Your password is set. Sign in with it.');
    await guestPage.getByLabel('Password', { exact: true }).fill('a-brand-new-password');
    await guestPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(guestPage).toHaveURL(/\/overview$/);

    // The link worked once.
    await guestPage.goto(link);
    await expect(guestPage.getByRole('heading', { name: 'This invitation does not work' })).toBeVisible();

    await page.reload();
    await page
      .getByRole('row', { name: /Ivan Invited/ })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    await expect(page.getByRole('row', { name: /Ivan Invited/ })).toContainText('Deactivated');

    await guestPage.goto('/overview');
    await expect(guestPage).toHaveURL(/\/sign-in/);
    await guestPage.getByLabel('E-mail').fill('ivan@e2e.test');
    await guestPage.getByLabel('Password', { exact: true }).fill('a-brand-new-password');
    await guestPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(guestPage.getByRole('main').getByRole('alert')).toHaveText('Wrong e-mail or password.');
  } finally {
    await guest.close();
  }
});

test('the last active admin can neither be demoted nor deactivate themselves', async ({ page }) => {
  await page.goto('/users');
  const own = page.getByRole('row', { name: /Ada Admin/ });
  await own.getByLabel('Role of Ada Admin').selectOption('lead');
  await expect(own.getByRole('status')).toHaveText('The last active admin cannot be demoted or deactivated.');
  await page.reload();
  await expect(page.getByLabel('Role of Ada Admin')).toHaveValue('admin');
  await expect(page.getByRole('row', { name: /Ada Admin/ }).getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
});

test('linking to an employee and granting flows changes what a lead sees', async ({ page, browser }) => {
  await page.goto('/users');
  const roaming = page.getByRole('row', { name: /Rita Roaming/ });
  await roaming.getByLabel('Bitrix24 employee of Rita Roaming').selectOption({ label: 'Oleg Owner (#13)' });
  await expect(roaming.getByRole('status')).toHaveText('Saved');
  await roaming.getByRole('link', { name: 'Flow access' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Flow access for Rita Roaming' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Legal/ })).not.toBeChecked();
  await expect(page.getByText('Legal')).toBeVisible();
  await page.getByRole('checkbox', { name: /Support/ }).check();
  await page.getByRole('button', { name: 'Save flow access' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Saved');

  const rita = await browser.newContext({ locale: 'en-US', storageState: { cookies: [], origins: [] } });
  try {
    const ritaPage = await rita.newPage();
    await ritaPage.goto('/sign-in');
    await ritaPage.getByLabel('E-mail').fill('roaming@e2e.test');
    await ritaPage.getByLabel('Password', { exact: true }).fill(seedPassword);
    await ritaPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(ritaPage).toHaveURL(/\/flows$/);
    // Oleg owns Sales and Legal; Support was granted.
    await expect(ritaPage.getByRole('table').getByRole('rowheader').locator('a[href^="/flows/"]')).toHaveText([
      'Legal',
      'Sales',
      'Support',
    ]);
  } finally {
    await rita.close();
  }
});
