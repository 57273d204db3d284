import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { routeMethods, routeOf, sourceFiles } from '@/lib/testing/source-files';
import { chatCompletion } from '@/lib/ai/testing/chat-completion';
import { startStubServer } from '@/lib/ai/testing/stub-server';
import { saveBuiltinModel, saveOpenAiCompatibleModel } from './support/copilot-model';
import { expect, signedIn, test } from './support/demo-company';

/**
 * A stored model key, looked for everywhere a browser or an operator could read it: every page of
 * the app (found from the file tree, so a new page cannot be missed) as each role, every GET route
 * handler, every response those pages load (server-action answers included), and the app's log.
 * The provider is hostile: it echoes the key it was sent, in its replies and in its errors.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const copilotPanel = (page: Page) => page.getByRole('dialog', { name: 'CoPilot recommendations' });

test('a stored model key is in no page, no API answer, no server-action answer and not in the app log', async ({
  browser,
  demoCompany,
}) => {
  const key = `sk-hostile-${randomUUID()}`;
  const sentKeys = new Set<string>();
  // The Test call gets an answer that repeats the key; an analysis gets a 401 that does.
  const server = await startStubServer((seen) => {
    const authorization = seen.headers.authorization ?? '';
    sentKeys.add(authorization);
    return seen.body.includes('<findings>')
      ? {
          status: 401,
          body: { error: { message: `Incorrect API key provided: ${authorization}`, type: 'invalid_request_error' } },
        }
      : { body: chatCompletion(`OK ${authorization}`) };
  });
  const stubUrl = `${server.url}/v1`;

  // Every response the browser gets passes through here and is read in full on the way, whatever
  // the page does next (Chromium forgets the bodies of a page it has left).
  const bodies: string[] = [];
  const contexts: BrowserContext[] = [];
  const inFlight = new Set<Promise<void>>();
  const recorded = async (page: Page) => {
    contexts.push(page.context());
    await page.context().route('**/*', (route) => {
      const passing = (async () => {
        const response = await route.fetch({ maxRedirects: 0 }).catch(() => null);
        if (!response) return route.abort().catch(() => undefined);
        bodies.push(await response.text());
        // The page may have moved on already; its body is read either way.
        await route.fulfill({ response }).catch(() => undefined);
      })();
      inFlight.add(passing);
      return passing.finally(() => inFlight.delete(passing));
    });
    return page;
  };
  const admin = await recorded(await signedIn(browser, 'Admin'));
  try {
    await saveOpenAiCompatibleModel(admin, { baseURL: stubUrl, model: 'echo-model', key, reply: 'OK Bearer •••' });
    bodies.push(await admin.content());
    // Testing again with the stored key (the field is empty now) reads it on the server only.
    await admin.reload();
    await admin.getByRole('region', { name: "CoPilot's model" }).getByRole('button', { name: 'Test' }).click();
    await expect(admin.getByRole('region', { name: "CoPilot's model" }).getByRole('status')).toContainText(
      'The model answered',
    );
    bodies.push(await admin.content());

    // The lead's CoPilot calls the provider with the key, which answers with it in a 401.
    const lead = await recorded(await signedIn(browser, 'Team lead'));
    await lead.goto('/flows');
    const firstFlow = lead.getByRole('table').locator('tbody tr').first();
    const flowHref = (await firstFlow.getByRole('rowheader').locator('a[href^="/flows/"]').getAttribute('href'))!;
    await firstFlow.getByRole('button', { name: /^Ask CoPilot about/ }).click();
    const analysisUrl = lead.waitForResponse((response) => response.url().includes('/api/copilot/analyses/'));
    await copilotPanel(lead).getByRole('button', { name: 'Analyse again' }).click();
    await expect(copilotPanel(lead).getByText(/The model's provider refused the key/)).toBeVisible();
    const analysisPath = new URL((await analysisUrl).url()).pathname;
    expect(sentKeys).toContain(`Bearer ${key}`);
    bodies.push(await lead.content());

    await admin.goto('/users');
    const userHref = (await admin.locator('main a[href^="/users/"]').first().getAttribute('href'))!;
    const samples: Record<string, string> = {
      '[flowId]': flowHref.split('/').at(-1)!,
      '[userId]': userHref.split('/').at(-1)!,
      '[analysisId]': analysisPath.split('/').at(-1)!,
      '[...nextauth]': 'session',
    };
    const concrete = (pattern: string) => pattern.replace(/\[[^\]]+\]/g, (segment) => samples[segment] ?? segment);

    const pages = (await sourceFiles('app', /^page\.tsx$/)).map(routeOf).map(concrete);
    const getRoutes = [];
    for (const file of await sourceFiles('app', /^route\.ts$/))
      if ((await routeMethods(file)).includes('GET')) getRoutes.push(concrete(routeOf(file)));
    expect(pages.concat(getRoutes).filter((path) => path.includes('['))).toEqual([]);

    const executive = await recorded(await signedIn(browser, 'Executive'));
    for (const page of [admin, lead, executive]) {
      // Each page's HTML with its flight data passes the route above; the GET routes are read directly.
      for (const path of pages) await page.goto(path, { waitUntil: 'commit' });
      for (const path of getRoutes) bodies.push(await (await page.request.get(path)).text());
    }

    // Calls the last pages started are read to the end before anything is judged.
    while (inFlight.size > 0) await Promise.all(inFlight);
    expect(bodies.length).toBeGreaterThan(pages.length * 3);
    const leaks = bodies.filter((body) => body.includes(key) || body.includes(key.slice(-12)));
    expect(leaks).toEqual([]);
    expect(demoCompany.appLog()).not.toContain(key.slice(-12));
  } finally {
    try {
      await saveBuiltinModel(admin);
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
      server.close();
    }
  }
});
