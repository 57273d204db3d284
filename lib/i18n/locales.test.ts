import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it('prefers the remembered choice over the browser', () => {
    expect(negotiateLocale('en', 'ru-RU,ru;q=0.9')).toBe('en');
    expect(negotiateLocale('ru', 'en-US')).toBe('ru');
  });

  it('ignores a cookie with an unsupported value', () => {
    expect(negotiateLocale('de', 'en-GB,en;q=0.8')).toBe('en');
  });

  it('follows the browser by quality, then by order', () => {
    expect(negotiateLocale(undefined, 'de-DE,de;q=0.9,en;q=0.8,ru;q=0.7')).toBe('en');
    expect(negotiateLocale(undefined, 'en;q=0.5,ru;q=0.9')).toBe('ru');
    expect(negotiateLocale(undefined, 'en-US,ru')).toBe('en');
  });

  it('skips languages the browser refuses (q=0)', () => {
    expect(negotiateLocale(undefined, 'en;q=0,ru;q=0.1')).toBe('ru');
  });

  it('falls back to Russian', () => {
    expect(negotiateLocale(undefined, null)).toBe('ru');
    expect(negotiateLocale(undefined, 'fr-FR,de')).toBe('ru');
    expect(negotiateLocale(undefined, ';;;,garbage')).toBe('ru');
  });
});
