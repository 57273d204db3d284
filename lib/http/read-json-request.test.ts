import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/errors/api-error';
import { readJsonRequest } from './read-json-request';

/**
 * A JSON POST as it reaches a route handler behind Flowpilot's server: Next.js builds request.url
 * from its own name for the server (localhost) and sets x-forwarded-host / -proto from the
 * connection, or keeps a trusted proxy's (lib/http/forwarded-headers.ts).
 */
function post(origin: string | null, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost:3000/api/sync', {
    method: 'POST',
    body: '{"kind":"full"}',
    headers: {
      'content-type': 'application/json',
      host: '127.0.0.1:3000',
      'x-forwarded-host': '127.0.0.1:3000',
      'x-forwarded-proto': 'http',
      ...(origin ? { origin } : {}),
      ...headers,
    },
  });
}

async function refusal(request: Request): Promise<string | null> {
  try {
    await readJsonRequest(request, 1_000, '{}');
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}

describe('readJsonRequest: only requests from Flowpilot’s own pages', () => {
  it('accepts the page’s own origin, the address the browser used, without APP_URL', async () => {
    expect(await refusal(post('http://127.0.0.1:3000'))).toBeNull();
  });

  it('accepts the public address a trusted proxy forwarded', async () => {
    const request = post('https://flowpilot.example.com', {
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'flowpilot.example.com',
      'x-forwarded-proto': 'https',
    });
    expect(await refusal(request)).toBeNull();
  });

  it('accepts a tool that sends no Origin (curl with a session cookie)', async () => {
    expect(await refusal(post(null))).toBeNull();
  });

  it('refuses another site’s origin, another port, and a cross-site fetch', async () => {
    expect(await refusal(post('https://evil.example'))).toBe('cross_origin');
    expect(await refusal(post('http://127.0.0.1:4000'))).toBe('cross_origin');
    expect(await refusal(post('https://127.0.0.1:3000'))).toBe('cross_origin');
    expect(await refusal(post(null, { 'sec-fetch-site': 'cross-site' }))).toBe('cross_origin');
  });
});
