import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { readStack, storageStateFor } from './support/stack';

test.use({ locale: 'en-US' });

/** What every answer carries, static files included. */
const everywhere = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' };

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  for (const [name, value] of Object.entries(everywhere)) expect(headers[name], `${name} on ${what}`).toBe(value);
  const policy = headers['content-security-policy'] ?? '';
  // Scripts only by this answer's nonce; production never allows eval.
  expect(policy, `CSP on ${what}`).toMatch(
    /(^|; )script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'(;|$)/,
  );
  expect(policy, `CSP on ${what}`).toContain("frame-ancestors 'none'");
  expect(policy, `CSP on ${what}`).toContain("object-src 'none'");
  // The e2e app runs on http://, where HSTS would be wrong.
  expect(headers['strict-transport-security'], `HSTS on ${what}`).toBeUndefined();
  return policy;
}

test('pages, API answers, refusals and static files carry the security headers', async ({ request }) => {
  const page = await request.get('/sign-in');
  expect(page.status()).toBe(200);
  const policy = expectSecurityHeaders(page, 'a page');
  // Next puts the CSP's nonce on the inline scripts it renders.
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  const html = await page.text();
  const inlineScripts = html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? [];
  expect(inlineScripts.length).toBeGreaterThan(0);
  for (const script of inlineScripts) expect(script).toContain(`nonce="${nonce}"`);
  const again = expectSecurityHeaders(await request.get('/sign-in'), 'the page again');
  expect(again, 'a fresh nonce per answer').not.toBe(policy);

  const api = await request.get('/api/health');
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, 'an API answer');
  const refused = await request.get('/api/dashboard/overview');
  expect(refused.status()).toBe(401);
  expectSecurityHeaders(refused, 'a 401');
  const redirect = await request.get('/overview', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect, 'the sign-in redirect');

  // Static files skip the proxy; the fixed headers still reach them.
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)![0];
  const file = await request.get(asset);
  expect(file.status()).toBe(200);
  for (const [name, value] of Object.entries(everywhere))
    expect(file.headers()[name], `${name} on ${asset}`).toBe(value);
  // Browsers ask for the icon unprompted: it is there, signed in or not.
  const icon = await request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/x-icon');
  for (const [name, value] of Object.entries(everywhere))
    expect(icon.headers()[name], `${name} on the icon`).toBe(value);
});

/** Collects the page's CSP violations (and uncaught errors, which a blocked script would cause). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportCspViolation', (report: string) => seen.push(report));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (report: string) => void }).reportCspViolation;
      void report(
        `${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile} ${event.sample}`,
      );
    });
  });
  page.on('pageerror', (error) => seen.push(`${page.url()}: ${error.message}`));
  return seen;
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
}

test('signed-out pages pass the CSP, and Sign in with Bitrix24 still reaches the portal', async ({ page }) => {
  const violations = await watchViolations(page);
  for (const path of ['/', '/sign-in', '/setup', '/invite']) await visit(page, path);
  // next-auth's signIn fetches the portal's address and then sets location, which form-action does not govern.
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Bitrix24' }).click();
  await expect(page).toHaveURL(new RegExp(`^${readStack().oauthPortalUrl}/oauth/authorize/`));
  expect(violations).toEqual([]);
});

for (const role of ['admin', 'lead', 'executive'] as const) {
  test.describe(role, () => {
    test.use({ storageState: storageStateFor(role) });

    test('every page passes the CSP, the CoPilot panel included', async ({ page }) => {
      const violations = await watchViolations(page);
      const { support } = readStack().flows;
      // Pages a role may not open render the 403 page, which must pass too; so does the 404 page.
      for (const path of ['/', '/overview', '/flows', '/users', '/settings', '/no-such-page']) await visit(page, path);
      if (role === 'admin') {
        await visit(page, '/users');
        await visit(page, (await page.getByRole('main').locator('a[href^="/users/"]').first().getAttribute('href'))!);
      }
      await visit(page, `/flows/${support}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Support' })).toBeVisible();
      if (role !== 'executive') {
        // Opening the panel needs the page's scripts to run.
        await page.getByRole('button', { name: 'Ask CoPilot about “Support”' }).click();
        await expect(page.getByRole('dialog', { name: 'CoPilot recommendations' })).toBeVisible();
        await page.waitForLoadState('networkidle');
      }
      expect(violations).toEqual([]);
    });
  });
}
