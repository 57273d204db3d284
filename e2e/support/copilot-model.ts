import { expect, type Page } from '@playwright/test';

const modelForm = (admin: Page) => admin.getByRole('region', { name: "CoPilot's model" });

/** Settings → CoPilot's model: an OpenAI-compatible server with its key, tested (the reply shown as `reply`), then saved. */
export async function saveOpenAiCompatibleModel(
  admin: Page,
  settings: { baseURL: string; model: string; key: string; reply: string },
): Promise<void> {
  await admin.goto('/settings');
  const form = modelForm(admin);
  await form.getByRole('radio', { name: /OpenAI-compatible/ }).check();
  await form.getByLabel('Base URL').fill(settings.baseURL);
  await form.getByLabel('Model', { exact: true }).fill(settings.model);
  await form.getByLabel('API key (optional)').fill(settings.key);
  await form.getByRole('button', { name: 'Test' }).click();
  await expect(form.getByRole('status')).toContainText(`The model answered “${settings.reply}”`);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('Saved.');
}

/** Settings → CoPilot's model back to the built-in analyst, as the other tests expect it. */
export async function saveBuiltinModel(admin: Page): Promise<void> {
  await admin.goto('/settings');
  const form = modelForm(admin);
  await form.getByRole('radio', { name: /Built-in analyst/ }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('Saved.');
}
