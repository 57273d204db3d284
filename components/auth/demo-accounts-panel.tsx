'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import type { Role } from '@/lib/auth/roles';

/**
 * Demo mode only: one-click sign-in as each role. The password is here only while Flowpilot
 * listens on this machine alone; open to a network, the accounts are listed and the password is
 * on the console where Flowpilot runs.
 */
export function DemoAccountsPanel({
  accounts,
  password,
}: {
  accounts: { role: Role; email: string; name: string }[];
  password: string | null;
}) {
  const t = useTranslations('auth');
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  return (
    <section aria-labelledby="demo-title" className="mt-6 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <h2 id="demo-title" className="text-sm font-semibold text-slate-900">
        {t('demo.title')}
      </h2>
      <p className="mt-1 text-xs text-slate-700">{password ? t('demo.body', { password }) : t('demo.bodyConsole')}</p>
      {password === null ? (
        <ul className="mt-3 space-y-1 text-sm">
          {accounts.map((account) => (
            <li key={account.email}>
              {t(`roles.${account.role}`)}: <span className="font-mono text-xs">{account.email}</span>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="mt-3 space-y-2">
          {accounts.map((account) => (
            <li key={account.email}>
              <button
                type="button"
                disabled={pending !== null}
                className={`${buttonStyles.secondary} w-full justify-between`}
                onClick={async () => {
                  setPending(account.email);
                  const result = await signIn('password', { email: account.email, password, redirect: false });
                  if (result?.ok && !result.error) {
                    router.replace('/home');
                    router.refresh();
                  } else setPending(null);
                }}
              >
                <span>{t('demo.signInAs', { role: t(`roles.${account.role}`) })}</span>
                <span className="text-xs font-normal text-slate-600">{account.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
