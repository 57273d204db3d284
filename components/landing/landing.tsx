import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { Logo } from '@/components/layout/logo';
import { SkipLink } from '@/components/layout/skip-link';
import { buttonStyles } from '@/components/ui/button-styles';
import { EfficiencyPreview } from './efficiency-preview';

const features = ['health', 'copilot', 'executives'] as const;
const steps = ['connect', 'sync', 'ask'] as const;

/** The signed-out start page: what Flowpilot is, on one screen. */
export async function Landing() {
  const t = await getTranslations();
  return (
    <>
      <SkipLink />
      <header className="mx-auto flex max-w-6xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo />
        <LanguageSwitch />
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 pb-16 sm:px-6">
        <section className="grid items-center gap-10 py-8 lg:grid-cols-2 lg:py-14">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t('landing.eyebrow')}</p>
            <h1 className="mt-3 text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">{t('landing.title')}</h1>
            <p className="mt-5 text-lg text-slate-700">{t('landing.lead')}</p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link href="/overview" className={buttonStyles.primary}>
                {t('common.openDashboard')}
              </Link>
              <a href="#how" className={buttonStyles.secondary}>
                {t('landing.howItWorks')}
              </a>
            </div>
          </div>
          <EfficiencyPreview />
        </section>

        <section aria-labelledby="features-title" className="py-6">
          <h2 id="features-title" className="sr-only">
            {t('landing.featuresTitle')}
          </h2>
          <ul className="grid gap-4 md:grid-cols-3">
            {features.map((feature) => (
              <li key={feature} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h3 className="font-semibold text-slate-900">{t(`landing.features.${feature}.title`)}</h3>
                <p className="mt-2 text-sm text-slate-700">{t(`landing.features.${feature}.body`)}</p>
              </li>
            ))}
          </ul>
        </section>

        <section
          id="how"
          aria-labelledby="how-title"
          className="mt-6 grid gap-6 rounded-xl bg-slate-900 p-6 text-white md:grid-cols-2 md:p-8"
        >
          <div>
            <h2 id="how-title" className="text-xl font-semibold">
              {t('landing.selfHostedTitle')}
            </h2>
            <p className="mt-2 text-sm text-slate-200">{t('landing.selfHostedBody')}</p>
          </div>
          <ol className="space-y-3">
            {steps.map((step, index) => (
              <li key={step} className="flex items-center gap-3 text-sm">
                <span
                  aria-hidden
                  className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-500 font-semibold"
                >
                  {index + 1}
                </span>
                {t(`landing.steps.${step}`)}
              </li>
            ))}
          </ol>
        </section>
      </main>
    </>
  );
}
