'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { signOutEverywhereAction } from '@/lib/actions/sign-out-everywhere';
import type { Role } from '@/lib/auth/roles';

const itemClass =
  'flex w-full cursor-default select-none items-center rounded px-3 py-2 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100';

/** The signed-in person's name and role, with sign-out here and on every device. */
export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const t = useTranslations('auth');
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={t('userMenu', { name })}
        className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1 text-left text-sm hover:bg-slate-50"
      >
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700"
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden leading-tight sm:block">
          <span className="block font-medium text-slate-900">{name}</span>
          <span className="block text-xs text-slate-600">{t(`roles.${role}`)}</span>
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-3 py-2 text-xs text-slate-600">{email}</DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item className={itemClass} onSelect={() => void signOut({ callbackUrl: '/sign-in' })}>
            {t('signOut')}
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={itemClass}
            onSelect={async () => {
              await signOutEverywhereAction({});
              await signOut({ callbackUrl: '/sign-in' });
            }}
          >
            {t('signOutEverywhere')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
