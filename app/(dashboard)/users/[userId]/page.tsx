import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { FlowGrantsForm } from '@/components/users/flow-grants-form';
import { requireArea } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { flowGrantOptions } from '@/lib/users/flow-grant-options';

export default async function UserFlowAccessPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  await requireArea('users', `/users/${userId}`);
  const options = /^[0-9a-f-]{36}$/i.test(userId) ? await flowGrantOptions(db(), userId) : null;
  if (!options) notFound();
  const t = await getTranslations('users.grants');
  return (
    <>
      <Link href="/users" className="text-sm text-brand-700 hover:underline">
        ← {t('back')}
      </Link>
      <PageHeader title={t('title', { name: options.name })} subtitle={t('lead')} />
      <FlowGrantsForm userId={userId} flows={options.flows} />
    </>
  );
}
