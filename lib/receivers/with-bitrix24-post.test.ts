import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { withBitrix24Post } from './with-bitrix24-post';

class Refused extends Error {}

const receiver = (handler: (post: { body: string; query: { state: string } }) => Promise<Response>) =>
  withBitrix24Post(
    {
      query: z.object({ state: z.string().max(8).default('') }),
      bodyLimit: 64,
      refusal: (error) => (error instanceof Refused ? { status: 403, code: 'refused', message: error.message } : null),
      failure: { log: 'receiver failed', message: 'Try again later.' },
    },
    handler,
  );

const post = (url: string, body: string) =>
  new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('withBitrix24Post', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands the handler the parsed query and the body, and marks the answer no-store', async () => {
    const response = await receiver(async ({ body, query }) => Response.json({ body, state: query.state }))(
      post('http://app.test/in?state=abc', 'a=1'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ body: 'a=1', state: 'abc' });
  });

  it('refuses a query its schema does not accept before reading the body', async () => {
    const handler = vi.fn(async () => Response.json({}));
    const response = await receiver(handler)(post('http://app.test/in?state=far-too-long', 'a=1'));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_request');
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a body over its limit with 413, whatever length the sender declares', async () => {
    const handler = vi.fn(async () => Response.json({}));
    const response = await receiver(handler)(post('http://app.test/in', 'x'.repeat(65)));
    expect(response.status).toBe(413);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers a refusal the receiver knows with its own status, and anything else with 500 and no detail', async () => {
    const refused = await receiver(async () => {
      throw new Refused('state used');
    })(post('http://app.test/in', ''));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'refused', message: 'state used' });

    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failed = await receiver(async () => {
      throw new Error('token 51856fefc120afa4b628cc82d3935cce leaked');
    })(post('http://app.test/in', ''));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'internal_error', message: 'Try again later.' });
    expect(JSON.stringify(log.mock.calls)).not.toContain('51856fefc120afa4b628cc82d3935cce');
  });
});
