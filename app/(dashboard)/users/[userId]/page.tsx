import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { PageHeader } from '@/components/ui/page-header';
import { FlowGrantsForm } from '@/components/users/flow-grants-form';
import { requireArea } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { flowGrantOptions } from '@/lib/users/flow-grant-options';

/** A user's id; anything else is a page that does not exist. */
const paramsSchema = z.object({ userId: z.uuid().nullable().catch(null) });

export default async function UserFlowAccessPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = paramsSchema.parse(await params);
  await requireArea('users', userId ? `/users/${userId}` : '/users');
  const options = userId ? await flowGrantOptions(db(), userId) : null;
  if (!userId || !options) notFound();
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
