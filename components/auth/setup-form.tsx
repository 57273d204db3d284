'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { completeSetup } from '@/lib/actions/complete-setup';
import { NewPasswordFields } from './new-password-fields';

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== form.get('confirm')) {
      setFields({ confirm: [t('setup.mismatch')] });
      return;
    }
    setPending(true);
    setError(null);
    setFields({});
    const result = await completeSetup({
      token,
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password,
    });
    if (result.ok) {
      router.replace(`/sign-in?notice=setup-done&email=${encodeURIComponent(result.data.email)}`);
      return;
    }
    setPending(false);
    setFields(result.error === 'invalid' ? (result.fields ?? {}) : {});
    const known = ['done', 'invalid-link', 'email-taken', 'invalid'].includes(result.error);
    setError(t(`setup.errors.${known ? result.error : 'failed'}` as 'setup.errors.failed'));
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField label={t('setup.name')} name="name" autoComplete="name" required error={fields.name?.[0]} />
      <TextField
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="username"
        required
        error={fields.email?.[0]}
      />
      <NewPasswordFields errors={{ password: fields.password?.[0], confirm: fields.confirm?.[0] }} />
      <FormAlert message={error} />
      <button type="submit" disabled={pending} className={`${buttonStyles.primary} w-full`}>
        {pending ? t('setup.submitting') : t('setup.submit')}
      </button>
    </form>
  );
}
