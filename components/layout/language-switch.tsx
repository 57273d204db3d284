'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { setLocale } from '@/lib/actions/set-locale';
import { locales } from '@/lib/i18n/locales';

/** RU / EN toggle buttons; the choice is kept in a cookie and the page re-renders in place. */
export function LanguageSwitch() {
  const t = useTranslations('language');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div
      role="group"
      aria-label={t('label')}
      aria-busy={pending}
      className="flex rounded-md border border-slate-300 bg-white p-0.5"
    >
      {locales.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === current}
          // The code is the name (what is seen is what is said, WCAG 2.5.3); the full name is the description.
          title={t(option)}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocale({ locale: option });
              router.refresh();
            })
          }
          className="rounded px-2 py-1 text-xs font-semibold text-slate-600 hover:bg-slate-100 aria-pressed:bg-brand-600 aria-pressed:text-white"
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
