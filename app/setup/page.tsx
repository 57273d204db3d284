import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { AuthCard } from '@/components/auth/auth-card';
import { SetupForm } from '@/components/auth/setup-form';
import { buttonStyles } from '@/components/ui/button-styles';
import { setupState } from '@/lib/auth/first-admin';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { token } = z.object({ token: z.string().max(200).catch('') }).parse(await searchParams);
  const [t, state] = await Promise.all([getTranslations('setup'), setupState(db(), token)]);
  if (state === 'open') {
    return (
      <AuthCard title={t('title')} lead={t('lead')}>
        <SetupForm token={token} />
      </AuthCard>
    );
  }
  const done = state === 'done';
  return (
    <AuthCard title={t(done ? 'doneTitle' : 'invalidTitle')} lead={t(done ? 'doneBody' : 'invalidBody')}>
      {done && (
        <Link href="/sign-in" className={buttonStyles.primary}>
          {(await getTranslations('auth'))('signIn')}
        </Link>
      )}
    </AuthCard>
  );
}
