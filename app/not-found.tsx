import { getTranslations } from 'next-intl/server';
import { StatusPage } from '@/components/ui/status-page';

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <StatusPage
      title={t('errors.notFoundTitle')}
      body={t('errors.notFoundBody')}
      link={{ href: '/', label: t('common.goHome') }}
    />
  );
}
