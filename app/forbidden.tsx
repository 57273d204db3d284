import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonStyles } from '@/components/ui/button-styles';

/** Rendered with status 403 by forbidden(): the page exists, but not for this role or scope. */
export default async function Forbidden() {
  const t = await getTranslations('forbidden');
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('body')}</p>
      <Link href="/home" className={`${buttonStyles.primary} mt-6`}>
        {t('back')}
      </Link>
    </main>
  );
}
