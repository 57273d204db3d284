import { describe, expect, it } from 'vitest';
import { secretBox } from './secret-box';

const key = 'k'.repeat(40);
const webhook = 'https://acme.bitrix24.ru/rest/1/s3cr3tc0de/';

describe('secret box', () => {
  it('seals and opens; the sealed form does not contain the secret and differs every time', () => {
    const box = secretBox(key);
    const first = box.seal(webhook, 'portal_connection.sealedWebhookUrl');
    const second = box.seal(webhook, 'portal_connection.sealedWebhookUrl');
    expect(box.open(first, 'portal_connection.sealedWebhookUrl')).toBe(webhook);
    expect(first).not.toBe(second);
    expect(first).not.toContain('s3cr3t');
    expect(first).toMatch(/^v2\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses a value changed in storage, and the wrong key', () => {
    const sealed = secretBox(key).seal(webhook, 'portal_connection.sealedWebhookUrl');
    const parts = sealed.split('.');
    const flipped = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('A') ? 'B' : 'A'}${parts[3]!.slice(-1)}`;
    expect(() =>
      secretBox(key).open([...parts.slice(0, 3), flipped].join('.'), 'portal_connection.sealedWebhookUrl'),
    ).toThrow(/cannot be opened/);
    expect(() => secretBox('x'.repeat(40)).open(sealed, 'portal_connection.sealedWebhookUrl')).toThrow(
      /not the key it was sealed with/,
    );
    expect(() => secretBox(key).open('plain text', 'portal_connection.sealedWebhookUrl')).toThrow(
      'Not a sealed secret.',
    );
  });

  it('wants a real key', () => {
    expect(() => secretBox('short')).toThrow(/at least 32 characters/);
  });

  it('keeps unicode intact', () => {
    const box = secretBox(key);
    expect(
      box.open(box.seal('ключ-🔑', 'copilot_settings.sealedProviderSecret'), 'copilot_settings.sealedProviderSecret'),
    ).toBe('ключ-🔑');
  });
});

describe('secret box against a changed database', () => {
  const box = secretBox(key);

  it('refuses a value whose tag was cut short, even to the bytes that match', () => {
    const [version, nonce, tag, body] = box.seal(webhook, 'portal_connection.sealedWebhookUrl').split('.');
    const cut = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => box.open([version, nonce, cut, body].join('.'), 'portal_connection.sealedWebhookUrl')).toThrow(
      /cannot be opened/,
    );
  });

  it('opens a value only in the column it was sealed for', () => {
    const token = box.seal('outgoing-token', 'portal_connection.sealedApplicationToken');
    expect(box.open(token, 'portal_connection.sealedApplicationToken')).toBe('outgoing-token');
    expect(() => box.open(token, 'copilot_settings.sealedProviderSecret')).toThrow(/cannot be opened/);
    expect(() => box.open(token, 'portal_connection.sealedWebhookUrl')).toThrow(/cannot be opened/);
  });
});
