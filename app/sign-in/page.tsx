import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { AuthCard } from '@/components/auth/auth-card';
import { DemoAccountsPanel } from '@/components/auth/demo-accounts-panel';
import { SignInForm } from '@/components/auth/sign-in-form';
import { visibleDemoAccounts } from '@/lib/auth/demo-accounts';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import { getViewer } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { bitrix24OAuthConfig, env } from '@/lib/env';

const params = z.object({
  callbackUrl: z.string().max(2000).optional().catch(undefined),
  error: z.string().max(200).optional().catch(undefined),
  email: z.string().max(320).optional().catch(undefined),
  notice: z.enum(['setup-done', 'invite-done']).optional().catch(undefined),
});

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const query = params.parse(await searchParams);
  if (await getViewer()) redirect(safeCallbackUrl(query.callbackUrl, '/home'));
  const [t, demo] = await Promise.all([getTranslations('auth'), visibleDemoAccounts(db())]);
  return (
    <AuthCard title={t('signInTitle')} lead={t('signInLead')}>
      {query.notice && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t(query.notice === 'setup-done' ? 'setupDone' : 'inviteDone')}
        </p>
      )}
      <SignInForm
        callbackUrl={query.callbackUrl ?? null}
        initialError={query.error ?? null}
        initialEmail={query.email ?? ''}
        bitrix24={bitrix24OAuthConfig() !== null}
      />
      {demo.length > 0 && <DemoAccountsPanel accounts={demo} password={env().FLOWPILOT_DEMO_PASSWORD ?? null} />}
    </AuthCard>
  );
}
