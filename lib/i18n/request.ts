import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { localeCookie, negotiateLocale } from './locales';

// Locale without URL prefixes: the language switch stores a cookie, first visits follow the browser.
export default getRequestConfig(async () => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(cookieStore.get(localeCookie)?.value, headerStore.get('accept-language'));
  const messages = (await import(`../../messages/${locale}.json`)).default;
  return { locale, messages, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
});
