import { describe, expect, it } from 'vitest';
import { secretBox } from './secret-box';

const key = 'k'.repeat(40);
const webhook = 'https://acme.bitrix24.ru/rest/1/s3cr3tc0de/';

describe('secret box', () => {
  it('seals and opens; the sealed form does not contain the secret and differs every time', () => {
    const box = secretBox(key);
    const first = box.seal(webhook);
    const second = box.seal(webhook);
    expect(box.open(first)).toBe(webhook);
    expect(first).not.toBe(second);
    expect(first).not.toContain('s3cr3t');
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses a value changed in storage, and the wrong key', () => {
    const sealed = secretBox(key).seal(webhook);
    const parts = sealed.split('.');
    const flipped = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('A') ? 'B' : 'A'}${parts[3]!.slice(-1)}`;
    expect(() => secretBox(key).open([...parts.slice(0, 3), flipped].join('.'))).toThrow(/cannot be opened/);
    expect(() => secretBox('x'.repeat(40)).open(sealed)).toThrow(/not the key it was sealed with/);
    expect(() => secretBox(key).open('plain text')).toThrow('Not a sealed secret.');
  });

  it('wants a real key', () => {
    expect(() => secretBox('short')).toThrow(/at least 32 characters/);
  });

  it('keeps unicode intact', () => {
    const box = secretBox(key);
    expect(box.open(box.seal('ключ-🔑'))).toBe('ключ-🔑');
  });
});
