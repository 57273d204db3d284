import { useTranslations } from 'next-intl';
import type { Role } from '@/lib/auth/roles';
import { SignOutButtons } from './sign-out-buttons';

const menuId = 'user-menu';

/**
 * The signed-in person's name, opening a menu with their role and e-mail and sign-out here and on
 * every device. The button's only text is the name, so its accessible name ("Account menu for
 * …") contains all its visible text (WCAG 2.5.3, label in name). The menu is an HTML popover (opening,
 * closing on Escape or a click outside, focus back to the button are the browser's), so only the
 * two sign-out buttons need JavaScript.
 */
export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const t = useTranslations('auth');
  return (
    <>
      <button
        type="button"
        popoverTarget={menuId}
        aria-label={t('userMenu', { name })}
        className="user-menu-button flex items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1 text-left text-sm hover:bg-slate-50"
      >
        {/* The initial is drawn by CSS, so it is not part of the button's visible text. */}
        <span
          aria-hidden
          data-initial={name.slice(0, 1).toUpperCase()}
          className="flex size-7 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700 before:content-[attr(data-initial)]"
        />
        <span className="hidden font-medium text-slate-900 sm:block">{name}</span>
      </button>
      <div
        id={menuId}
        popover="auto"
        className="user-menu min-w-56 rounded-lg border border-slate-200 bg-white p-1 text-slate-800 shadow-lg"
      >
        <div className="px-3 py-2 text-xs">
          <p className="font-medium text-slate-900">{t(`roles.${role}`)}</p>
          <p className="text-slate-600">{email}</p>
        </div>
        <div aria-hidden className="my-1 h-px bg-slate-100" />
        <SignOutButtons signOut={t('signOut')} signOutEverywhere={t('signOutEverywhere')} />
      </div>
    </>
  );
}
