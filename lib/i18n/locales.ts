export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Bitrix24's users are mostly Russian-speaking, so Russian is the fallback. */
export const defaultLocale: Locale = 'ru';

/** Cookie that remembers the language a person chose. */
export const localeCookie = 'NEXT_LOCALE';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The chosen language (cookie) if any, else the browser's best supported preference, else Russian. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { language: tag.toLowerCase().split('-')[0] ?? '', quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((p) => p.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return preferences.map((p) => p.language).find(isLocale) ?? defaultLocale;
}
