import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { signInLimits } from '@/lib/auth/sign-in-limiter';
import { readStack, storageStateFor } from './support/stack';

/**
 * What a stranger, or a signed-in user who means harm, can send the production app: bodies that
 * try to write into Object.prototype, huge and malformed bodies, forwarding headers that lie about
 * the sender, callback addresses that smuggle another site in, and frames. Every answer is a clear
 * 4xx, nothing is written, and the app keeps serving pages afterwards.
 */
let db: PrismaClient;
test.beforeAll(() => {
  db = createPrismaClient(readStack().databaseUrl);
});
test.afterAll(() => db.$disconnect());

/** Rows a refused request must not have added. */
async function written() {
  const [events, runs, users, attempts] = await Promise.all([
    db.portalEvent.count(),
    db.syncRun.count(),
    db.user.count(),
    db.signInAttempt.count(),
  ]);
  return { events, runs, users, attempts };
}

async function expectStillServing(request: APIRequestContext) {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', db: 'up' });
  // A page rendered whole (a signed-in visitor is sent on to their start page), in whichever language.
  const page = await request.get('/sign-in');
  expect(page.status()).toBe(200);
  expect(await page.text()).toMatch(/<main id="main"[\s\S]*<\/main>/);
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** What is sent, and the status it must get. */
type RefusedCase = [what: string, options: Parameters<APIRequestContext['post']>[1], status: number];

/** Each case answered with its status and a message, nothing written, and the app still serving. */
async function expectRefused(request: APIRequestContext, path: string, cases: RefusedCase[]) {
  const before = await written();
  for (const [what, options, status] of cases) {
    const response = await request.post(path, options);
    expect(response.status(), what).toBe(status);
    expect((await response.json()).message, what).toEqual(expect.any(String));
  }
  expect(await written()).toEqual(before);
  await expectStillServing(request);
}

test.describe('bodies', () => {
  test.use({ locale: 'en-US' });

  test('prototype-pollution bodies to the public events receiver are refused, and the app keeps serving', async ({
    request,
  }) => {
    const before = await written();
    const bodies = [
      'x[__proto__][toString]=1',
      '__proto__[polluted]=1&event=ONTASKADD',
      'event=ONTASKUPDATE&data[FIELDS_AFTER][ID]=1&auth[member_id]=m&auth[__proto__][application_token]=x',
      'constructor[prototype][polluted]=1',
      'a[constructor][prototype][toString]=1',
      'data[FIELDS_AFTER][prototype][ID]=1',
    ];
    for (const body of bodies) {
      const response = await request.post('/api/bitrix24/events', { headers: form, data: body });
      expect(response.status(), body).toBe(400);
      expect(await response.json(), body).toMatchObject({ error: 'invalid_event' });
      await expectStillServing(request);
    }
    const json = await request.post('/api/bitrix24/events', {
      headers: { 'content-type': 'application/json' },
      data: Buffer.from('{"__proto__":{"polluted":true},"event":"ONTASKADD","constructor":{"prototype":{"x":1}}}'),
    });
    expect(json.status()).toBe(400);
    expect(await written()).toEqual(before);
    await expectStillServing(request);
  });

  test('huge and malformed bodies to the public receiver get a clear 4xx', async ({ request }) => {
    const cases: RefusedCase[] = [
      ['a megabyte', { headers: form, data: `event=ONTASKADD&pad=${'x'.repeat(1_000_000)}` }, 413],
      ['a broken escape', { headers: form, data: 'event=ONTASKADD%E0%A4%A&auth[member_id]=%' }, 400],
      ['bytes that are not UTF-8', { headers: form, data: Buffer.from([0x65, 0x76, 0x3d, 0xff, 0xfe, 0xc3]) }, 400],
      ['4,000 levels of brackets', { headers: form, data: `a${'[a]'.repeat(4_000)}=1` }, 400],
      [
        '1,500 keys (PHP reads 1,000)',
        { headers: form, data: Array.from({ length: 1_500 }, (_, i) => `k${i}=1`).join('&') },
        400,
      ],
      [
        'JSON that is not an object',
        { headers: { 'content-type': 'application/json' }, data: Buffer.from('[1,2,3]') },
        400,
      ],
      ['JSON cut short', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"event":') }, 400],
    ];
    await expectRefused(request, '/api/bitrix24/events', cases);
  });

  test.describe('as an admin', () => {
    test.use({ storageState: storageStateFor('admin') });

    test("a signed-in admin's hostile sync requests start nothing", async ({ request }) => {
      const json = { 'content-type': 'application/json' };
      const cases: RefusedCase[] = [
        ['a prototype key', { headers: json, data: Buffer.from('{"__proto__":{"kind":"full"}}') }, 400],
        [
          'a prototype key beside a good one',
          { headers: json, data: Buffer.from('{"kind":"full","__proto__":{"admin":true}}') },
          400,
        ],
        ['null', { headers: json, data: Buffer.from('null') }, 400],
        ['a string', { headers: json, data: Buffer.from('"full"') }, 400],
        ['bytes that are not UTF-8', { headers: json, data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }, 400],
        [
          'a megabyte',
          { headers: json, data: Buffer.from(JSON.stringify({ kind: 'full', pad: 'x'.repeat(1_000_000) })) },
          413,
        ],
        ['a form', { headers: form, data: 'kind=full' }, 415],
      ];
      await expectRefused(request, '/api/sync', cases);
    });
  });
});

test.describe('forwarding headers', () => {
  test.use({ locale: 'en-US' });
  const spoofed = 'spoofed-sender';

  test.afterEach(() => db.signInAttempt.deleteMany({ where: { email: { startsWith: spoofed } } }));

  test('a client that names another address in every attempt still meets the per-address limit', async ({
    request,
  }) => {
    // The socket's address is this machine's: earlier specs' failures from it must not count here.
    await db.signInAttempt.deleteMany({ where: { address: '127.0.0.1' } });
    const attempt = async (index: number) => {
      const csrf = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
      const lie = `198.51.100.${index}`;
      const response = await request.post('/api/auth/callback/password', {
        headers: {
          ...form,
          'x-forwarded-for': lie,
          'x-real-ip': lie,
          forwarded: `for=${lie}`,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'evil.example',
        },
        data: new URLSearchParams({
          csrfToken: csrf.csrfToken,
          email: `${spoofed}-${index}@e2e.test`,
          password: 'a-guess-of-theirs',
          json: 'true',
        }).toString(),
        maxRedirects: 0,
      });
      const { url } = (await response.json()) as { url: string };
      return new URL(url).searchParams.get('error');
    };
    for (let index = 1; index <= signInLimits.perAddress; index++)
      expect(await attempt(index), `attempt ${index}`).toBe('invalid');
    expect(await attempt(signInLimits.perAddress + 1)).toMatch(/^locked:\d+$/);
    // All of them were counted against the socket's address, none against the names the client gave.
    expect(
      await db.signInAttempt.groupBy({ by: ['address'], where: { email: { startsWith: spoofed } }, _count: true }),
    ).toEqual([{ address: '127.0.0.1', _count: signInLimits.perAddress }]);
  });

  test("a claimed https does not make the session cookie Secure, nor a claimed host move NextAuth's links", async ({
    request,
    baseURL,
  }) => {
    const csrf = (await (
      await request.get('/api/auth/csrf', {
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' },
      })
    ).json()) as { csrfToken: string };
    const signedIn = await request.post('/api/auth/callback/password', {
      headers: { ...form, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' },
      data: new URLSearchParams({
        csrfToken: csrf.csrfToken,
        email: 'admin@e2e.test',
        password: 'correct-horse-battery',
        json: 'true',
      }).toString(),
      maxRedirects: 0,
    });
    const { url } = (await signedIn.json()) as { url: string };
    expect(new URL(url).origin).toBe(new URL(baseURL!).origin);
    const cookie = signedIn
      .headersArray()
      .find((header) => header.name.toLowerCase() === 'set-cookie' && header.value.includes('session-token='));
    expect(cookie?.value).toMatch(/^next-auth\.session-token=/);
    expect(cookie?.value).not.toMatch(/;\s*Secure/i);
  });
});

test.describe('callback addresses', () => {
  test.use({ locale: 'en-US' });
  const smuggled = [
    '/\t/evil.example',
    '/\\evil.example',
    '/\t\\evil.example',
    '\\\\evil.example',
    '\t//evil.example',
    '/\n/evil.example',
    '//evil.example/',
    'https://evil.example/',
    'javascript:alert(1)',
  ];

  test('signed out: signing in from a smuggled callback address stays on Flowpilot', async ({ page, baseURL }) => {
    for (const callbackUrl of smuggled.slice(0, 3)) {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel('E-mail').fill('exec@e2e.test');
      await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page).toHaveURL(/\/overview$/);
      expect(new URL(page.url()).origin, JSON.stringify(callbackUrl)).toBe(new URL(baseURL!).origin);
      await page.context().clearCookies();
    }
  });

  test.describe('signed in', () => {
    test.use({ storageState: storageStateFor('executive') });

    test('the sign-in page sends a signed-in visitor home, never to a smuggled address', async ({ page, baseURL }) => {
      for (const callbackUrl of smuggled) {
        await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
        expect(new URL(page.url()).origin, JSON.stringify(callbackUrl)).toBe(new URL(baseURL!).origin);
        await expect(page).toHaveURL(/\/overview$/);
      }
    });
  });
});

test('a page framed by another origin does not render', async ({ page, baseURL }) => {
  // Another origin (another host name and port) frames the sign-in page and, as a control, a page of its own.
  const framer = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (request.url === '/own') return void response.end('<!doctype html><p>Framer’s own page</p>');
    response.end(`<!doctype html><title>framer</title>
      <iframe name="app" src="${baseURL}/sign-in" onload="document.body.dataset.app = 'done'"></iframe>
      <iframe name="own" src="/own"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://localhost:${(framer.address() as AddressInfo).port}/`);
    await expect(page.frameLocator('iframe[name="own"]').getByText('Framer’s own page')).toBeVisible();
    await expect(page.locator('body')).toHaveAttribute('data-app', 'done');
    const app = page.frame({ name: 'app' })!;
    expect(app.url()).not.toContain('/sign-in');
    await expect(
      page.frameLocator('iframe[name="app"]').getByRole('button', { name: 'Sign in', exact: true }),
    ).toHaveCount(0);
  } finally {
    await new Promise((resolve) => framer.close(resolve));
  }
});
