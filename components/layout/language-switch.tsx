import { getLocale, getTranslations } from 'next-intl/server';
import { locales } from '@/lib/i18n/locales';
import { setLocale } from '@/lib/i18n/set-locale';

/** RU / EN buttons; a plain form, so it works before JavaScript loads. The choice is kept in a cookie. */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('language')]);
  return (
    <form action={setLocale} role="group" aria-label={t('label')} className="flex rounded-md border border-slate-300 bg-white p-0.5">
      {locales.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
          value={option}
          lang={option}
          aria-pressed={option === locale}
          aria-label={t(option)}
          className="rounded px-2 py-1 text-xs font-semibold uppercase text-slate-600 hover:bg-slate-100 aria-pressed:bg-brand-600 aria-pressed:text-white"
        >
          {option}
        </button>
      ))}
    </form>
  );
}
