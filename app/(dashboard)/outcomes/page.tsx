import { getLocale, getTranslations } from 'next-intl/server';
import { OutcomesTable } from '@/components/outcomes/outcomes-table';
import { PageHeader } from '@/components/ui/page-header';
import { requireArea } from '@/lib/auth/guards';
import { outcomesOverview } from '@/lib/copilot/outcomes/outcomes-overview';
import { db } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

export default async function OutcomesPage() {
  const viewer = await requireArea('outcomes', '/outcomes');
  const [t, locale] = await Promise.all([getTranslations('outcomes'), getLocale()]);
  const overview = await outcomesOverview(db(), viewer, isLocale(locale) ? locale : 'ru');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <OutcomesTable overview={overview} />
    </>
  );
}
