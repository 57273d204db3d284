import { expect, test, type APIRequestContext } from '@playwright/test';
import { createPrismaClient } from '@/lib/db/client';
import { routeMethods, routeOf, sourceFiles } from '@/lib/testing/source-files';
import { seedUsers } from './support/seed';
import { e2ePort, readStack, storageStateFor } from './support/stack';

/**
 * Every page and route handler of the app, found from the file tree (so a new one cannot be
 * forgotten), checked as anonymous, lead, executive and admin against the expected outcome.
 */
type Who = 'anonymous' | 'lead' | 'executive' | 'admin';
const everyone: Who[] = ['anonymous', 'lead', 'executive', 'admin'];
type PageOutcome = 'ok' | 'sign-in' | 'forbidden' | `redirect:${string}`;

const signedInOnly: Record<Who, PageOutcome> = { anonymous: 'sign-in', lead: 'ok', executive: 'ok', admin: 'ok' };
const adminOnly: Record<Who, PageOutcome> = {
  anonymous: 'sign-in',
  lead: 'forbidden',
  executive: 'forbidden',
  admin: 'ok',
};
const open: Record<Who, PageOutcome> = { anonymous: 'ok', lead: 'ok', executive: 'ok', admin: 'ok' };

const pages: Record<string, Record<Who, PageOutcome>> = {
  '/': open,
  '/sign-in': {
    anonymous: 'ok',
    lead: 'redirect:/flows',
    executive: 'redirect:/overview',
    admin: 'redirect:/overview',
  },
  '/setup': open,
  '/invite': open,
  '/home': {
    anonymous: 'sign-in',
    lead: 'redirect:/flows',
    executive: 'redirect:/overview',
    admin: 'redirect:/overview',
  },
  '/overview': signedInOnly,
  '/flows': signedInOnly,
  '/flows/[flowId]': signedInOnly,
  '/flows/[flowId]/what-if': signedInOnly,
  '/outcomes': signedInOnly,
  '/settings': adminOnly,
  '/users': adminOnly,
  '/users/[userId]': adminOnly,
};

/** For each route handler and method: a path (standing in for dynamic segments) and the status per role. */
type Call = { path: string; status: Record<Who, number> };
const everyoneGets = (status: number): Record<Who, number> => ({
  anonymous: status,
  lead: status,
  executive: status,
  admin: status,
});
const routes: Record<string, Record<string, Call>> = {
  '/api/health': { GET: { path: '/api/health', status: everyoneGets(200) } },
  '/api/auth/[...nextauth]': {
    GET: { path: '/api/auth/providers', status: everyoneGets(200) },
    // NextAuth answers a sign-out POST without its CSRF token by sending the browser back; public either way.
    POST: { path: '/api/auth/signout', status: everyoneGets(302) },
  },
  // Without a body: the admin's request is refused for its content type (only JSON starts a sync), everyone else's by role first.
  '/api/sync': { POST: { path: '/api/sync', status: { anonymous: 401, lead: 403, executive: 403, admin: 415 } } },
  '/api/sync/status': {
    GET: { path: '/api/sync/status', status: { anonymous: 401, lead: 200, executive: 200, admin: 200 } },
  },
  // Public: the portal proves itself with its application token, so an empty post is malformed for anyone.
  '/api/bitrix24/events': { POST: { path: '/api/bitrix24/events', status: everyoneGets(400) } },
  // Public: Bitrix24 posts the installation; without a live one-time state from Settings it is refused for anyone.
  '/api/bitrix24/install': { POST: { path: '/api/bitrix24/install?state=forged', status: everyoneGets(403) } },
  '/api/dashboard/flows': {
    GET: { path: '/api/dashboard/flows', status: { anonymous: 401, lead: 200, executive: 200, admin: 200 } },
  },
  // The lead owns Support; an unknown id would be the same 404 for every signed-in role.
  '/api/dashboard/flows/[flowId]': {
    GET: {
      path: '/api/dashboard/flows/{support}?days=30',
      status: { anonymous: 401, lead: 200, executive: 200, admin: 200 },
    },
  },
  '/api/dashboard/overview': {
    GET: {
      path: '/api/dashboard/overview?days=180',
      status: { anonymous: 401, lead: 200, executive: 200, admin: 200 },
    },
  },
  // CoPilot is for leads and admins; an analysis that does not exist (or is not theirs) is a 404.
  '/api/copilot/analyses/[analysisId]': {
    GET: {
      path: '/api/copilot/analyses/00000000-0000-4000-8000-000000000000',
      status: { anonymous: 401, lead: 404, executive: 403, admin: 404 },
    },
  },
};

async function samplePath(pattern: string): Promise<string> {
  if (pattern === '/flows/[flowId]') return `/flows/${readStack().flows.support}`;
  if (pattern === '/flows/[flowId]/what-if') return `/flows/${readStack().flows.support}/what-if`;
  if (pattern === '/users/[userId]') {
    const db = createPrismaClient(readStack().databaseUrl);
    const lead = await db.user
      .findUniqueOrThrow({ where: { email: seedUsers.lead.email }, select: { id: true } })
      .finally(() => db.$disconnect());
    return `/users/${lead.id}`;
  }
  if (pattern.includes('[')) throw new Error(`No sample value for ${pattern}: add one to the access matrix.`);
  return pattern;
}

test('the matrix lists every page and route handler of the app', async () => {
  const pageRoutes = (await sourceFiles('app', /^page\.tsx$/)).map(routeOf);
  expect(pageRoutes.sort()).toEqual(Object.keys(pages).sort());
  const handlerFiles = await sourceFiles('app', /^route\.ts$/);
  const found = Object.fromEntries(
    await Promise.all(handlerFiles.map(async (file) => [routeOf(file), await routeMethods(file)] as const)),
  );
  expect(found).toEqual(
    Object.fromEntries(Object.entries(routes).map(([route, calls]) => [route, Object.keys(calls).sort()])),
  );
});

for (const who of everyone) {
  test.describe(`as ${who}`, () => {
    test.use({
      locale: 'en-US',
      storageState: who === 'anonymous' ? { cookies: [], origins: [] } : storageStateFor(who),
    });

    test('pages', async ({ page }) => {
      for (const [pattern, outcomes] of Object.entries(pages)) {
        const path = await samplePath(pattern);
        const response = await page.goto(path);
        const url = new URL(page.url());
        const expected = outcomes[who];
        const label = `${who} → ${path}`;
        if (expected === 'ok') {
          expect(response?.status(), label).toBe(200);
          expect(url.pathname, label).toBe(path);
        } else if (expected === 'forbidden') {
          expect(response?.status(), label).toBe(403);
        } else if (expected === 'sign-in') {
          expect(url.pathname, label).toBe('/sign-in');
          expect(url.searchParams.get('callbackUrl'), label).toBe(path);
        } else {
          expect(url.pathname, label).toBe(expected.slice('redirect:'.length));
        }
      }
    });

    test('route handlers', async ({ playwright }) => {
      const request: APIRequestContext = await playwright.request.newContext({
        baseURL: `http://127.0.0.1:${e2ePort}`,
        storageState: who === 'anonymous' ? undefined : storageStateFor(who),
      });
      try {
        for (const calls of Object.values(routes)) {
          for (const [method, call] of Object.entries(calls)) {
            const response = await request.fetch(call.path.replace('{support}', readStack().flows.support), {
              method,
              maxRedirects: 0,
            });
            expect(response.status(), `${who} ${method} ${call.path}`).toBe(call.status[who]);
          }
        }
        // Any other API path: 401 without a session, a plain 404 with one.
        const unknown = await request.get('/api/no-such-endpoint', { maxRedirects: 0 });
        expect(unknown.status()).toBe(who === 'anonymous' ? 401 : 404);
      } finally {
        await request.dispose();
      }
    });
  });
}

test.describe('the dashboard API', () => {
  test.use({ storageState: storageStateFor('lead') });

  test('refuses malformed parameters and hides flows outside the lead’s scope', async ({ request }) => {
    const { support, legal } = readStack().flows;
    for (const query of ['days=7', 'days=abc', 'days=90&extra=1', "days=30'%20OR%201=1"]) {
      expect((await request.get(`/api/dashboard/flows/${support}?${query}`)).status(), query).toBe(400);
      expect((await request.get(`/api/dashboard/overview?${query}`)).status(), query).toBe(400);
    }
    // Legal is outside the lead's scope: the same 404 as an id that does not exist or is not an id.
    for (const id of [legal, '00000000-0000-4000-8000-000000000000', 'not-a-flow']) {
      const response = await request.get(`/api/dashboard/flows/${id}`);
      expect(response.status(), id).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'not_found' });
    }
    const list = await (await request.get('/api/dashboard/flows')).json();
    expect(list.rows.map((row: { name: string }) => row.name).sort()).toEqual(['Sales', 'Support']);
    const overview = await (await request.get('/api/dashboard/overview?days=30')).json();
    expect(overview.totals.flows).toBe(2);
    expect(overview.period.days).toBe(30);
  });

  test('answers a CoPilot analysis that is not an id, or not there, with the same 404', async ({ request }) => {
    for (const id of ['not-an-id', "1'%20OR%201=1", '00000000-0000-4000-8000-000000000000']) {
      const response = await request.get(`/api/copilot/analyses/${id}`);
      expect(response.status(), id).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'not_found' });
    }
  });
});
