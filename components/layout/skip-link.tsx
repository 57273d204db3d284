import { getTranslations } from 'next-intl/server';

export async function SkipLink() {
  const t = await getTranslations('common');
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
    >
      {t('skipToContent')}
    </a>
  );
}
