'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { acceptInvitation } from '@/lib/actions/accept-invite';
import { NewPasswordFields } from './new-password-fields';

export function InviteForm({ token }: { token: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== form.get('confirm')) {
      setError(t('setup.mismatch'));
      return;
    }
    setPending(true);
    setError(null);
    const result = await acceptInvitation({ token, password });
    if (result.ok) {
      router.replace(`/sign-in?notice=invite-done&email=${encodeURIComponent(result.data.email)}`);
      return;
    }
    setPending(false);
    const known = ['invalid-link', 'invalid'].includes(result.error);
    setError(t(`invite.errors.${known ? result.error : 'failed'}` as 'invite.errors.failed'));
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <NewPasswordFields />
      <FormAlert message={error} />
      <button type="submit" disabled={pending} className={`${buttonStyles.primary} w-full`}>
        {pending ? t('invite.submitting') : t('invite.submit')}
      </button>
    </form>
  );
}
