import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { AuthCard } from '@/components/auth/auth-card';
import { InviteForm } from '@/components/auth/invite-form';
import { db } from '@/lib/db/client';
import { inviteFor } from '@/lib/users/accept-invite';

export const dynamic = 'force-dynamic';

export default async function InvitePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { token } = z.object({ token: z.string().max(200).catch('') }).parse(await searchParams);
  const [t, invite] = await Promise.all([getTranslations('invite'), inviteFor(db(), token)]);
  if (!invite)
    return (
      <AuthCard title={t('invalidTitle')} lead={t('invalidBody')}>
        {null}
      </AuthCard>
    );
  return (
    <AuthCard title={t('title')} lead={t('lead', { email: invite.email })}>
      <InviteForm token={token} />
    </AuthCard>
  );
}
