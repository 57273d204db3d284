import { expect, test as setup } from '@playwright/test';
import { roles } from '@/lib/auth/roles';
import { seedPassword, seedUsers } from './support/seed';
import { storageStateFor } from './support/stack';

// Signs each role in once through the real form and keeps the browser state for the specs.
for (const role of roles) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel(/E-mail|Эл. почта/).fill(seedUsers[role].email);
    await page.getByLabel(/^(Password|Пароль)$/).fill(seedPassword);
    await page.getByRole('button', { name: /^(Sign in|Войти)$/ }).click();
    await expect(page).toHaveURL(role === 'lead' ? /\/flows$/ : /\/overview$/);
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
