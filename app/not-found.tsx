import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonStyles } from '@/components/ui/button-styles';

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center px-6 text-center">
      <h1 className="text-2xl font-semibold">{t('errors.notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('errors.notFoundBody')}</p>
      <Link href="/" className={`${buttonStyles.primary} mt-6`}>
        {t('common.goHome')}
      </Link>
    </main>
  );
}
