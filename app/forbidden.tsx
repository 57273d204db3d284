import { getTranslations } from 'next-intl/server';
import { StatusPage } from '@/components/ui/status-page';

/** Rendered with status 403 by forbidden(): the page exists, but not for this role or scope. */
export default async function Forbidden() {
  const t = await getTranslations('forbidden');
  return <StatusPage code="403" title={t('title')} body={t('body')} link={{ href: '/home', label: t('back') }} />;
}
