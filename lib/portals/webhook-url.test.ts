import { describe, expect, it } from 'vitest';
import { keepingSecret, parseWebhookUrl, redactedWebhookUrl, webhookUrlSchema, withoutSecret } from './webhook-url';
import { ActionError } from '@/lib/errors/action-error';

describe('parseWebhookUrl', () => {
  it('reads the portal, user and code of an incoming webhook, normalised to its base', () => {
    expect(parseWebhookUrl('  https://Acme.Bitrix24.ru/rest/1/abc123xyz0000000/  ')).toEqual({
      ok: true,
      value: {
        baseUrl: 'https://acme.bitrix24.ru/rest/1/abc123xyz0000000/',
        domain: 'acme.bitrix24.ru',
        userId: 1,
        code: 'abc123xyz0000000',
      },
    });
  });

  it('accepts the address without the last slash, or with the example method Bitrix24 shows after it', () => {
    for (const text of [
      'https://acme.bitrix24.ru/rest/7/abcd1234',
      'https://acme.bitrix24.ru/rest/7/abcd1234/profile.json',
      'https://acme.bitrix24.ru/rest/7/abcd1234/tasks.task.list',
    ]) {
      const parsed = parseWebhookUrl(text);
      expect(parsed.ok && parsed.value.baseUrl).toBe('https://acme.bitrix24.ru/rest/7/abcd1234/');
    }
  });

  it('keeps a non-default port in the domain (the demo portal, on-premise servers) and allows http', () => {
    const parsed = parseWebhookUrl('http://127.0.0.1:8123/rest/2/0123456789abcdef/');
    expect(parsed.ok && parsed.value.domain).toBe('127.0.0.1:8123');
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['acme.bitrix24.ru/rest/1/abc', 'not-url'],
    ['ftp://acme.bitrix24.ru/rest/1/abcd1234/', 'protocol'],
    ['https://user:pass@acme.bitrix24.ru/rest/1/abcd1234/', 'credentials'],
    ['https://acme.bitrix24.ru/', 'path'],
    ['https://acme.bitrix24.ru/rest/', 'path'],
    ['https://acme.bitrix24.ru/rest/1/', 'path'],
    ['https://acme.bitrix24.ru/rest/0/abcd1234/', 'path'],
    ['https://acme.bitrix24.ru/rest/admin/abcd1234/', 'path'],
    ['https://acme.bitrix24.ru/rest/api/1/abcd1234/', 'path'],
    ['https://acme.bitrix24.ru/rest/1/abcd1234/profile/extra', 'path'],
    ['https://acme.bitrix24.ru/rest/1/abcd1234/?auth=x', 'path'],
    ['https://acme.bitrix24.ru/crm/deal/', 'path'],
  ])('refuses %j with %s', (text, error) => {
    expect(parseWebhookUrl(text)).toEqual({ ok: false, error });
  });

  it('names the problem by code in the zod form, without repeating the URL', () => {
    const result = webhookUrlSchema.safeParse('https://acme.bitrix24.ru/rest/1/');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['path']);
  });
});

describe('keeping the secret out of sight', () => {
  it('shows the webhook with its code replaced', () => {
    const parsed = parseWebhookUrl('https://acme.bitrix24.ru/rest/1/s3cr3tcode/');
    expect(parsed.ok && redactedWebhookUrl(parsed.value)).toBe('https://acme.bitrix24.ru/rest/1/••••/');
  });

  it('removes the code from any text, however often it appears', () => {
    expect(withoutSecret('Failed to parse https://x/rest/1/s3cr3t/ (s3cr3t)', 's3cr3t')).toBe(
      'Failed to parse https://x/rest/1/••••/ (••••)',
    );
    expect(withoutSecret('nothing here', '')).toBe('nothing here');
  });

  it('re-throws unexpected failures without the code, and passes errors meant for the user through', async () => {
    await expect(
      keepingSecret('s3cr3t', async () =>
        Promise.reject(new TypeError('Failed to parse URL from https://x/rest/1/s3cr3t/')),
      ),
    ).rejects.toThrow(/Failed to parse URL from https:\/\/x\/rest\/1\/••••\//);
    await expect(keepingSecret('s3cr3t', async () => Promise.reject(new Error('s3cr3t')))).rejects.not.toThrow(
      /s3cr3t/,
    );
    const meant = new ActionError('failed', 'for the user');
    await expect(keepingSecret('s3cr3t', async () => Promise.reject(meant))).rejects.toBe(meant);
    await expect(keepingSecret('s3cr3t', async () => 42)).resolves.toBe(42);
  });
});
