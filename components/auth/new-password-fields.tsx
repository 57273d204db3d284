'use client';

import { useTranslations } from 'next-intl';
import { TextField } from '@/components/ui/text-field';

/** Password and its repetition, for choosing a new password (setup, invitations). */
export function NewPasswordFields({ errors }: { errors?: { password?: string; confirm?: string } }) {
  const t = useTranslations();
  return (
    <>
      <TextField
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint={t('setup.passwordHint')}
        error={errors?.password}
      />
      <TextField
        label={t('setup.confirm')}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={errors?.confirm}
      />
    </>
  );
}
