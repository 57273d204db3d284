'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { TextField } from '@/components/ui/text-field';
import { inviteUserAction } from '@/lib/actions/invite-user';
import { roles, type Role } from '@/lib/auth/roles';
import { ActionMessage } from './action-message';
import { InviteLink } from './invite-link';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useUserActionTexts } from './use-user-action-texts';

export function InviteUserForm() {
  const t = useTranslations();
  const { pending, message, run } = useActionRunner(useUserActionTexts());
  const [invite, setInvite] = useState<{ email: string; path: string } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = {
      email: String(form.get('email') ?? ''),
      name: String(form.get('name') ?? ''),
      role: String(form.get('role')) as Role,
    };
    run(
      () => inviteUserAction(input),
      (data) => {
        setInvite({ email: input.email, path: data.invitePath });
        formElement.reset();
      },
    );
  }

  return (
    <section aria-labelledby="invite-title" className="mb-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="invite-title" className="font-semibold">
        {t('users.invite.title')}
      </h2>
      <form onSubmit={submit} className="mt-4 grid gap-4 md:grid-cols-[1fr_1fr_auto_auto] md:items-end">
        <TextField label={t('users.invite.name')} name="name" required autoComplete="off" />
        <TextField label={t('users.invite.email')} name="email" type="email" required autoComplete="off" />
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
            {t('users.invite.role')}
          </label>
          <select
            id="invite-role"
            name="role"
            defaultValue="lead"
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`auth.roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={pending} className={buttonStyles.primary}>
          {pending ? t('users.invite.submitting') : t('users.invite.submit')}
        </button>
      </form>
      <div className="mt-2">
        <ActionMessage message={message?.kind === 'error' ? message : null} />
      </div>
      {invite && <InviteLink email={invite.email} path={invite.path} />}
    </section>
  );
}
