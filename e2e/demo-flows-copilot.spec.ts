import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { z } from 'zod';
import { chatCompletion } from '@/lib/ai/testing/chat-completion';
import { startStubServer } from '@/lib/ai/testing/stub-server';
import { saveBuiltinModel, saveOpenAiCompatibleModel } from './support/copilot-model';
import { expect, signedIn, test } from './support/demo-company';
import { demoPortalRest, type DemoPortalFacts } from './support/demo-portal-facts';

/**
 * CoPilot on the demo company, as `npm start` serves it: a lead asks CoPilot about their lowest
 * flow, reads the messages and their evidence, and turns two messages into a Bitrix24 task and a
 * meeting, which the spec then reads back from the demo portal over REST. A flow of fewer than 10
 * tasks gets the labelled examples; with CoPilot switched off the button is gone and the action
 * refuses.
 */
let portal: DemoPortalFacts;
let rest: ReturnType<typeof demoPortalRest>;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test.beforeAll(async ({ demoCompany }) => {
  portal = await demoCompany.facts();
  rest = demoPortalRest(demoCompany.portalUrl, demoCompany.webhookCode);
});

const efficiencyOf = async (row: Locator) =>
  Number(((await row.locator('[data-figure="efficiency"]').textContent()) ?? '').replace(/\D/g, ''));

/** The lead's flow with the lowest efficiency, as the flows list shows it. */
async function lowestFlowRow(page: Page): Promise<{ row: Locator; name: string; efficiency: number; href: string }> {
  await page.goto('/flows');
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  let lowest: { row: Locator; name: string; efficiency: number; href: string } | null = null;
  for (const row of await rows.all()) {
    const efficiency = await efficiencyOf(row);
    const link = row.getByRole('rowheader').locator('a[href^="/flows/"]');
    const name = (await link.textContent())!.trim();
    if (!lowest || efficiency < lowest.efficiency)
      lowest = { row, name, efficiency, href: (await link.getAttribute('href'))! };
  }
  return lowest!;
}

/** A local GigaChat (token, then chat) over TLS, with the test certificate the demo company's GIGACHAT_CA_FILE trusts. */
const gigaChatOverTls = () =>
  startStubServer(
    (seen) => ({
      body:
        seen.path === '/api/v2/oauth'
          ? { access_token: 'e2e-token', expires_at: Date.now() + 30 * 60_000 }
          : chatCompletion('OK'),
    }),
    { tls: true },
  );

const copilotPanel = (page: Page) => page.getByRole('dialog', { name: 'CoPilot recommendations' });

test('a lead asks CoPilot about a low flow, reads the evidence, and creates a task and a meeting from two messages', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'Team lead');
  const leadId = portal.userIdByName(
    await page.getByRole('button', { name: /^Account menu for / }).getAttribute('aria-label'),
  );
  const flow = await lowestFlowRow(page);
  expect(flow.efficiency).toBeLessThan(80);

  await flow.row.getByRole('button', { name: `Ask CoPilot about “${flow.name}”` }).click();
  const panel = copilotPanel(page);
  await expect(panel.getByText(/^Efficiency dropped to \d+ %$/)).toBeVisible();
  // The messages themselves, not the task lists inside their evidence.
  const messages = panel.getByRole('list', { name: 'CoPilot recommendations' }).locator(':scope > li');
  await expect(messages.first()).toBeVisible();
  await expect(panel.getByRole('status').filter({ hasText: 'CoPilot is writing' })).toHaveCount(0);
  expect(await messages.count()).toBeGreaterThanOrEqual(1);
  await expect(messages.first()).toContainText('Recommendation:');
  // People appear by name, never as the tokens the model was given.
  await expect(panel).not.toContainText(/user_\d+/);
  await expect(panel.getByRole('region', { name: 'Where the points went' })).toBeVisible();

  // The evidence behind the first message: its figures, people and tasks.
  const first = messages.first();
  await first.getByRole('button', { name: /^Evidence/ }).click();
  const evidence = panel.getByRole('region', { name: 'Evidence for message 1' });
  await expect(evidence.locator('dt').first()).toBeVisible();
  await expect(evidence.getByRole('link').first()).toHaveAttribute('href', /\/tasks\/task\/view\/\d+\//);

  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(
    axe.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id),
  ).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/demo-copilot-en.png' });

  // A task from the first message, through the "…" menu.
  const factor = ((await first.locator('p').first().textContent()) ?? '').replace(/^\d+/, '').trim();
  await first.getByRole('button', { name: 'Actions for message 1' }).click();
  await page.getByRole('menuitem', { name: 'Create task' }).click();
  const taskDialog = page.getByRole('dialog', { name: 'Create a task in the flow' });
  const title = `CoPilot e2e ${Date.now()}`;
  await taskDialog.getByLabel('Title').fill(title);
  await expect(taskDialog).toContainText("Bitrix24 applies the flow's rules to a task that enters it");
  await taskDialog.getByRole('button', { name: 'Create task' }).click();
  const taskLink = taskDialog.getByRole('status').getByRole('link');
  await expect(taskLink).toBeVisible();
  // What Bitrix24 set by the flow's rules: the assignee it chose and the flow's deadline.
  await expect(taskDialog.getByRole('status')).toContainText(/Bitrix24 gave it to .+, deadline /);
  const taskId = Number(/#(\d+)/.exec((await taskLink.textContent())!)![1]);
  await taskDialog.getByRole('button', { name: 'Close' }).click();
  await expect(first.getByRole('link', { name: `Task created in Bitrix24 (#${taskId})` })).toBeVisible();

  const task = z
    .object({ task: z.object({ title: z.string(), flowId: z.string().nullable(), description: z.string() }) })
    .parse(await rest('tasks.task.get', { taskId, select: ['ID', 'TITLE', 'FLOW_ID', 'DESCRIPTION'] })).task;
  expect(task.title).toBe(title);
  expect(Number(task.flowId)).toBe(portal.flowId(flow.name));
  expect(task.description).toContain(factor);
  expect(task.description).toContain('Recommendation:');
  expect(task.description).toContain('Evidence:');

  // A meeting from the second message (or the first, when there is one), by keyboard.
  const index = (await messages.count()) > 1 ? 2 : 1;
  const second = messages.nth(index - 1);
  await second.getByRole('button', { name: `Actions for message ${index}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Create task' })).toBeFocused();
  // Radix may still be settling the menu it just focused on a busy machine: a key it misses is pressed again.
  const meetingItem = page.getByRole('menuitem', { name: 'Create meeting' });
  await expect(async () => {
    await page.keyboard.press('ArrowDown');
    await expect(meetingItem).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const meetingDialog = page.getByRole('dialog', { name: 'Create a meeting' });
  await expect(meetingDialog).toContainText("Bitrix24 shows the portal connection's user");
  const invited = meetingDialog.getByRole('checkbox', { checked: true });
  const invitedNames = (await meetingDialog.locator('label:has(input[type="checkbox"]:checked)').allTextContents()).map(
    (name) => name.trim(),
  );
  expect(invitedNames.length).toBeGreaterThan(0);
  expect(await invited.count()).toBe(invitedNames.length);
  await meetingDialog.getByRole('button', { name: 'Create meeting' }).click();
  const meetingLink = meetingDialog.getByRole('status').getByRole('link');
  await expect(meetingLink).toBeVisible();
  const eventId = Number(/#(\d+)/.exec((await meetingLink.textContent())!)![1]);
  await page.keyboard.press('Escape');
  await expect(meetingDialog).toBeHidden();

  const event = z
    .object({
      NAME: z.string(),
      DESCRIPTION: z.string(),
      ATTENDEE_LIST: z.array(z.object({ id: z.number() })),
      OWNER_ID: z.string(),
    })
    .parse(await rest('calendar.event.getbyid', { id: eventId }));
  expect(Number(event.OWNER_ID)).toBe(leadId);
  expect(new Set(event.ATTENDEE_LIST.map((attendee) => attendee.id))).toEqual(
    new Set([leadId, ...invitedNames.map((name) => portal.userIdByName(`Attendee ${name}`))]),
  );
  expect(event.DESCRIPTION).toContain('Recommendation:');
});

test('a flow of fewer than 10 tasks shows labelled examples, in Russian too', async ({ browser }) => {
  const small = portal.flows.find((candidate) => portal.taskCount(candidate.name) < 10);
  expect(small, 'the demo company has a flow of fewer than 10 tasks').toBeDefined();
  const page = await signedIn(browser, 'Admin', 'ru-RU');
  await page.goto(`/flows?q=${encodeURIComponent(small!.name)}`);
  await page.getByRole('button', { name: `Спросить CoPilot о потоке «${small!.name}»` }).click();
  const panel = page.getByRole('dialog', { name: 'Рекомендации CoPilot' });
  await expect(panel.getByRole('note')).toContainText('Это примеры, а не анализ потока');
  await expect(panel.getByText('Пример', { exact: true })).toHaveCount(3);
  await expect(panel.getByText('Я буду готов дать рекомендации, когда в потоке будет хотя бы 10 задач.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/demo-copilot-examples-ru.png' });
});

test('CoPilot reads naturally in Russian on three flows at 834 px: names declined, no label cut', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'Admin', 'ru-RU');
  await page.setViewportSize({ width: 834, height: 1100 });
  await page.goto('/flows');
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // The three lowest flows with enough tasks for an analysis: the ones with most to say.
  const flows: { name: string; efficiency: number }[] = [];
  for (const row of await rows.all()) {
    const name = ((await row.getByRole('rowheader').locator('a[href^="/flows/"]').textContent()) ?? '').trim();
    if (portal.taskCount(name) >= 10) flows.push({ name, efficiency: await efficiencyOf(row) });
  }
  const lowest = flows.sort((a, b) => a.efficiency - b.efficiency).slice(0, 3);
  expect(lowest).toHaveLength(3);

  for (const [index, flow] of lowest.entries()) {
    await page.goto(`/flows?q=${encodeURIComponent(flow.name)}`);
    await page.getByRole('button', { name: `Спросить CoPilot о потоке «${flow.name}»` }).click();
    const panel = page.getByRole('dialog', { name: 'Рекомендации CoPilot' });
    const messages = panel.getByRole('list', { name: 'Рекомендации CoPilot' }).locator(':scope > li');
    await expect(messages.first()).toBeVisible();
    await expect(panel.getByRole('status').filter({ hasText: 'CoPilot пишет' })).toHaveCount(0);
    // Tokens, with or without their case, are names by now.
    await expect(panel).not.toContainText(/user_\d+|\[(gen|dat|acc|ins|pre)\]/);
    // Every step of the waterfall shows its whole name.
    const labels = panel.getByRole('region', { name: 'Куда ушли пункты' }).locator('li > span:first-child');
    for (const label of await labels.all()) {
      const { scrollWidth, clientWidth } = await label.evaluate((element) => ({
        scrollWidth: element.scrollWidth,
        clientWidth: element.clientWidth,
      }));
      expect(scrollWidth, (await label.textContent()) ?? '').toBeLessThanOrEqual(clientWidth);
    }
    await page.screenshot({ path: `test-results/screenshots/demo-copilot-ru-834-${index + 1}.png`, fullPage: true });
    await page.keyboard.press('Escape');
  }
});

test('with CoPilot switched off the button is gone and the action refuses', async ({ browser }) => {
  const lead = await signedIn(browser, 'Team lead');
  const flow = await lowestFlowRow(lead);
  await flow.row.getByRole('button', { name: `Ask CoPilot about “${flow.name}”` }).click();
  const panel = copilotPanel(lead);
  await expect(
    panel.getByRole('list', { name: 'CoPilot recommendations' }).locator(':scope > li').first(),
  ).toBeVisible();

  const admin = await signedIn(browser, 'Admin');
  await admin.goto('/settings');
  const card = admin.getByRole('region', { name: 'CoPilot in Flows' });
  await card.getByRole('button', { name: 'Switch CoPilot off' }).click();
  await expect(card.getByRole('status')).toHaveText('CoPilot is off');

  try {
    // The panel still open in the lead's browser: asking again is refused by the server.
    await panel.getByRole('button', { name: 'Analyse again' }).click();
    await expect(
      panel.getByText('CoPilot is switched off. An administrator can switch it on in Settings.'),
    ).toBeVisible();
    await lead.keyboard.press('Escape');
    await lead.reload();
    await expect(lead.getByRole('table').locator('tbody tr').first()).toBeVisible();
    await expect(lead.getByRole('button', { name: /^Ask CoPilot about/ })).toHaveCount(0);
    await lead.goto(flow.href);
    await expect(lead.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(lead.getByRole('button', { name: /^Ask CoPilot about/ })).toHaveCount(0);
  } finally {
    await admin.goto('/settings');
    await admin
      .getByRole('region', { name: 'CoPilot in Flows' })
      .getByRole('button', { name: 'Switch CoPilot on' })
      .click();
    await expect(admin.getByRole('region', { name: 'CoPilot in Flows' }).getByRole('status')).toHaveText(
      'CoPilot is on',
    );
  }
  await lead.goto('/flows');
  await expect(lead.getByRole('button', { name: /^Ask CoPilot about/ }).first()).toBeVisible();
});

test('an admin picks an OpenAI-compatible model, tests and saves it; CoPilot then answers with it, and the key is shown nowhere', async ({
  browser,
  demoCompany,
}) => {
  const key = `sk-e2e-${Date.now()}`;
  // A local server that answers as an OpenAI-compatible API does: one message per finding, citing
  // only the finding's own lost points.
  const server = await startStubServer((seen) => {
    const { messages } = JSON.parse(seen.body) as { messages: { content: string }[] };
    const data = /<findings>\n([\s\S]*)\n<\/findings>/u.exec(messages.at(-1)?.content ?? '')?.[1];
    const findings = data
      ? (JSON.parse(data) as { findings: { id: string; kind: string; lostPoints: number }[] }).findings
      : [];
    const content = data
      ? JSON.stringify({
          messages: findings.map((finding) => ({
            findingIds: [finding.id],
            factor: `Stub model on ${finding.kind}: ${finding.lostPoints} points.`,
            advice: 'Act on it.',
          })),
        })
      : 'OK';
    return { body: chatCompletion(content) };
  });
  const stubUrl = `${server.url}/v1`;

  const admin = await signedIn(browser, 'Admin');
  try {
    await saveOpenAiCompatibleModel(admin, { baseURL: stubUrl, model: 'stub-model', key, reply: 'OK' });
    await admin.reload();
    await expect(admin.getByRole('region', { name: "CoPilot's model" }).getByText('A key is stored.')).toBeVisible();
    expect(await admin.content()).not.toContain(key);

    const lead = await signedIn(browser, 'Team lead');
    const flow = await lowestFlowRow(lead);
    await flow.row.getByRole('button', { name: `Ask CoPilot about “${flow.name}”` }).click();
    const panel = copilotPanel(lead);
    const analysisResponses: string[] = [];
    lead.on('response', async (response) => {
      if (response.url().includes('/api/copilot/analyses/'))
        analysisResponses.push(await response.text().catch(() => ''));
    });
    await panel.getByRole('button', { name: 'Analyse again' }).click();
    await expect(panel.getByText('Model: openai_compatible:stub-model')).toBeVisible();
    await expect(
      panel.getByRole('list', { name: 'CoPilot recommendations' }).locator(':scope > li').first(),
    ).toContainText('Stub model on');
    expect(server.seen.at(-1)!.headers.authorization).toBe(`Bearer ${key}`);
    expect(await lead.content()).not.toContain(key);
    // Nor in the API the panel reads, nor in the app's log.
    await expect.poll(() => analysisResponses.length).toBeGreaterThan(0);
    expect(analysisResponses.join('\n')).not.toContain(key);
    expect(demoCompany.appLog()).not.toContain(key);

    // What the model receives, as the admin can read it: figures and tokens, no names.
    await admin.goto('/settings');
    const preview = admin.getByRole('region', { name: 'What a model would receive' });
    await preview.getByLabel('Flow').selectOption({ label: flow.name });
    await preview.getByRole('button', { name: 'Show' }).click();
    const sent = await preview.getByLabel('User message (the data)').textContent();
    expect(sent).toMatch(/^<findings>\n\{"flow"/u);
    expect(sent).not.toContain(flow.name);
  } finally {
    await saveBuiltinModel(admin);
    server.close();
  }
});

test("an admin looks at each model, sets the answer language and a limit; the lead's CoPilot answers in that language, then says when the next request frees up", async ({
  browser,
}) => {
  const admin = await signedIn(browser, 'Admin');
  await admin.goto('/settings');
  const form = admin.getByRole('region', { name: "CoPilot's model" });
  await form.getByRole('radio', { name: /YandexGPT/ }).check();
  await expect(form.getByRole('textbox', { name: 'Folder id', exact: true })).toBeVisible();
  await form.getByRole('radio', { name: /GigaChat/ }).check();
  await expect(form.getByRole('combobox', { name: /^Scope/ })).toHaveValue('GIGACHAT_API_PERS');
  // A wrong value is marked at its field, and nothing is sent.
  const certificate = form.getByRole('textbox', { name: /^Root certificate/ });
  await certificate.fill('not a certificate');
  await form.getByRole('button', { name: 'Test' }).click();
  await expect(certificate).toHaveAttribute('aria-invalid', 'true');
  await expect(certificate).toHaveAccessibleDescription('Check this value.');
  await certificate.fill('');
  // GigaChat over TLS with a certificate chain Node does not trust by itself, as Sber's: the
  // deployment's root certificate (GIGACHAT_CA_FILE) is what makes the Test call go through.
  await expect(form.getByText('Root certificate supplied by the deployment: CN=Flowpilot Test Root CA')).toBeVisible();
  const gigaChat = await gigaChatOverTls();
  try {
    await form.getByRole('textbox', { name: /^Authorization key/ }).fill('Z2lnYWNoYXQtZTJlLWtleQ==');
    await form.getByRole('textbox', { name: 'Base URL', exact: true }).fill(`${gigaChat.url}/api/v1`);
    await form.getByRole('textbox', { name: 'Token URL', exact: true }).fill(`${gigaChat.url}/api/v2/oauth`);
    await form.getByRole('button', { name: 'Test' }).click();
    await expect(form.getByRole('status')).toContainText('The model answered “OK”');
    expect(gigaChat.seen.map((seen) => seen.path)).toEqual(['/api/v2/oauth', '/api/v1/chat/completions']);
    await form.screenshot({ path: 'test-results/screenshots/demo-copilot-model-gigachat-en.png' });
  } finally {
    gigaChat.close();
  }
  await form.getByRole('radio', { name: /BitrixGPT/ }).check();
  await expect(form.getByText(/Without a Vibecode key BitrixGPT is unavailable/)).toBeVisible();
  await form.getByRole('button', { name: 'Test' }).click();
  await expect(form.getByRole('status')).toContainText('This model needs its key.');

  const save = async (language: string, hourly: string) => {
    await admin.goto('/settings');
    const current = admin.getByRole('region', { name: "CoPilot's model" });
    await current.getByRole('radio', { name: /Built-in analyst/ }).check();
    await current.getByRole('combobox', { name: /^Answer language/ }).selectOption({ label: language });
    await current.getByRole('spinbutton', { name: /^Requests per hour per portal/ }).fill(hourly);
    await current.getByRole('button', { name: 'Save' }).click();
    await expect(current.getByRole('status')).toContainText('Saved.');
  };

  const lead = await signedIn(browser, 'Team lead');
  const panel = copilotPanel(lead);
  try {
    await save('Russian', '600');
    const flow = await lowestFlowRow(lead);
    await flow.row.getByRole('button', { name: `Ask CoPilot about “${flow.name}”` }).click();
    await panel.getByRole('button', { name: 'Analyse again' }).click();
    // The interface stays English; the messages are Russian.
    await expect(
      panel.getByRole('list', { name: 'CoPilot recommendations' }).locator(':scope > li').first(),
    ).toContainText(/[а-яё]{4,}/iu);
    await expect(panel.getByText('Recommendation:').first()).toBeVisible();

    await save("The reader's interface language", '1');
    await panel.getByRole('button', { name: 'Analyse again' }).click();
    await expect(panel.getByRole('alert')).toContainText(
      /The limit of CoPilot requests for this hour is used up\. The next request frees up at \d{1,2}:\d{2}/u,
    );
    await expect(panel.getByRole('alert')).toContainText('Here is the last analysis meanwhile.');
  } finally {
    await save("The reader's interface language", '600');
  }
});

test("an admin lets a model know each person's gender: off by default, kept once saved", async ({ browser }) => {
  const admin = await signedIn(browser, 'Admin');
  await admin.goto('/settings');
  const form = admin.getByRole('region', { name: "CoPilot's model" });
  const share = form.getByRole('checkbox', { name: "Tell the model each person's gender" });
  await expect(share).not.toBeChecked();
  await expect(share).toHaveAccessibleDescription(/Names never leave Flowpilot/);
  await form.getByRole('radio', { name: /Built-in analyst/ }).check();
  await share.check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('Saved.');
  await admin.reload();
  await expect(share).toBeChecked();
  // Back as the other tests expect it.
  await share.uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('Saved.');
  await admin.reload();
  await expect(share).not.toBeChecked();
});
