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
          // The code is the name (what is seen is what is said, WCAG 2.5.3); the full name is the description.
          title={t(option)}
          className="rounded px-2 py-1 text-xs font-semibold text-slate-600 hover:bg-slate-100 aria-pressed:bg-brand-600 aria-pressed:text-white"
        >
          {option.toUpperCase()}
        </button>
      ))}
    </form>
  );
}
