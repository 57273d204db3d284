import { gzipSync } from 'node:zlib';
import type { Browser, Response as BrowserResponse } from '@playwright/test';

export type ScriptFile = { url: string; raw: number; gzip: number; transferred: number; encoding: string };
export type ScriptLoad = {
  files: ScriptFile[];
  raw: number;
  gzip: number;
  transferred: number;
  encodings: string[];
  errors: string[];
};

async function scriptFile(response: BrowserResponse): Promise<ScriptFile | null> {
  try {
    const body = await response.body();
    const sizes = await response.request().sizes();
    return {
      url: response.url(),
      raw: body.length,
      gzip: gzipSync(body).length,
      transferred: sizes.responseBodySize,
      encoding: response.headers()['content-encoding'] ?? 'identity',
    };
  } catch {
    // A script whose body is gone (redirected, aborted) transferred no code.
    return null;
  }
}

/**
 * The JavaScript files one visit loads, in a fresh browser context (empty cache) with the
 * session cookie, until the network is idle. Next's router requests (header RSC) are refused:
 * on a first load the page needs none, and the prefetches of linked pages (a thousand flow links
 * on the list) would otherwise pull in other pages' code.
 */
export async function loadScripts(
  browser: Browser,
  baseUrl: string,
  pagePath: string,
  cookies: Map<string, string>,
): Promise<ScriptLoad> {
  const url = `${baseUrl}${pagePath}`;
  const context = await browser.newContext();
  try {
    // Given the site's root, the cookies get path "/" as next-auth sets them.
    await context.addCookies([...cookies].map(([name, value]) => ({ name, value, url: `${baseUrl}/` })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/*', (route) =>
      route.request().headers()['rsc'] === undefined ? route.continue() : route.abort(),
    );
    const files: Promise<ScriptFile | null>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') files.push(scriptFile(response));
    });
    const response = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    if (response?.status() !== 200) throw new Error(`Chromium: ${url} answered ${response?.status() ?? 'nothing'}`);
    if (new URL(page.url()).pathname !== new URL(url).pathname)
      throw new Error(`Chromium: ${url} went on to ${page.url()}`);
    // A page that polls never goes quite idle; what it loaded by then still counts.
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    const byUrl = new Map<string, ScriptFile>();
    for (const file of await Promise.all([...files])) if (file) byUrl.set(file.url, file);
    const list = [...byUrl.values()];
    const sum = (pick: (file: ScriptFile) => number) => list.reduce((total, file) => total + pick(file), 0);
    return {
      files: list,
      raw: sum((file) => file.raw),
      gzip: sum((file) => file.gzip),
      transferred: sum((file) => file.transferred),
      encodings: [...new Set(list.map((file) => file.encoding))],
      errors,
    };
  } finally {
    await context.close();
  }
}
