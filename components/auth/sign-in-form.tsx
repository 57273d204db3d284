'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';

function errorText(t: ReturnType<typeof useTranslations<'auth'>>, code: string): string {
  const locked = /^locked:(\d+)$/.exec(code);
  if (locked) return t('errors.locked', { minutes: Math.max(1, Math.ceil(Number(locked[1]) / 60)) });
  if (code === 'invalid' || code === 'CredentialsSignin') return t('errors.invalid');
  if (code === 'busy') return t('errors.busy');
  if (code === 'AccountDisabled') return t('errors.disabled');
  if (code === 'OtherPortal') return t('errors.otherPortal');
  if (code === 'SessionEnded') return t('signedOutNotice');
  if (/^OAuth|Callback/.test(code)) return t('errors.oauth');
  return t('errors.failed');
}

export function SignInForm({
  callbackUrl,
  initialError,
  initialEmail,
  bitrix24,
}: {
  callbackUrl: string | null;
  initialError: string | null;
  initialEmail: string;
  bitrix24: boolean;
}) {
  const t = useTranslations('auth');
  const router = useRouter();
  const [error, setError] = useState(initialError ? errorText(t, initialError) : null);
  const [pending, setPending] = useState(false);
  const target = safeCallbackUrl(callbackUrl, '/home');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('password', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace(target);
      router.refresh();
      return;
    }
    setPending(false);
    setError(errorText(t, result?.error ?? 'failed'));
  }

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField
          label={t('email')}
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={initialEmail}
          required
        />
        <TextField label={t('password')} name="password" type="password" autoComplete="current-password" required />
        <FormAlert message={error} />
        <button type="submit" disabled={pending} className={`${buttonStyles.primary} w-full`}>
          {pending ? t('signingIn') : t('signIn')}
        </button>
      </form>
      {bitrix24 && (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-600" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" />
            {t('or')}
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <button
            type="button"
            onClick={() => signIn('bitrix24', { callbackUrl: target })}
            className={`${buttonStyles.secondary} w-full`}
          >
            {t('withBitrix24')}
          </button>
        </>
      )}
    </div>
  );
}
