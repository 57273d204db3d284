'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { changeUserRoleAction } from '@/lib/actions/change-user-role';
import { linkUserEmployeeAction } from '@/lib/actions/link-user-employee';
import { reissueInviteAction } from '@/lib/actions/reissue-invite';
import { setUserActiveAction } from '@/lib/actions/set-user-active';
import { roles, type Role } from '@/lib/auth/roles';
import type { EmployeeOption, UserListItem } from '@/lib/users/list-users';
import { ActionMessage } from './action-message';
import { InviteLink } from './invite-link';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useUserActionTexts } from './use-user-action-texts';

const selectClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:opacity-60';

export function UserRow({
  user,
  employees,
  isSelf,
}: {
  user: UserListItem;
  employees: EmployeeOption[];
  isSelf: boolean;
}) {
  const t = useTranslations();
  const { pending, message, run } = useActionRunner(useUserActionTexts());
  const [invitePath, setInvitePath] = useState<string | null>(null);
  const employeeValue = user.employee ? `${user.employee.portalId}:${user.employee.bitrixUserId}` : '';

  return (
    <tr className={user.active ? undefined : 'bg-slate-50 text-slate-600'}>
      <th scope="row" className="px-4 py-3 text-left align-top font-normal">
        <span className="block font-medium text-slate-900">
          {user.name}
          {isSelf && <span className="ml-1 text-xs text-slate-600">({t('users.you')})</span>}
        </span>
        <span className="block text-xs text-slate-600">{user.email}</span>
        {invitePath && <InviteLink email={user.email} path={invitePath} />}
      </th>
      <td className="px-4 py-3 align-top">
        <select
          aria-label={t('users.roleFor', { name: user.name })}
          className={selectClass}
          value={user.role}
          disabled={pending}
          onChange={(event) => run(() => changeUserRoleAction({ userId: user.id, role: event.target.value as Role }))}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`auth.roles.${role}`)}
            </option>
          ))}
        </select>
      </td>
      <td className="px-4 py-3 align-top">
        {employees.length === 0 && !user.employee ? (
          <span className="text-xs text-slate-600">{t('users.noEmployees')}</span>
        ) : (
          <select
            aria-label={t('users.employeeFor', { name: user.name })}
            className={`${selectClass} max-w-56`}
            value={employeeValue}
            disabled={pending}
            onChange={(event) => {
              const [portalId, id] = event.target.value.split(':');
              const employee = portalId && id ? { portalId, bitrixUserId: Number(id) } : null;
              run(() => linkUserEmployeeAction({ userId: user.id, employee }));
            }}
          >
            <option value="">{t('users.notLinked')}</option>
            {user.employee && !employees.some((e) => `${e.portalId}:${e.bitrixUserId}` === employeeValue) && (
              <option value={employeeValue}>{user.employee.name ?? `#${user.employee.bitrixUserId}`}</option>
            )}
            {employees.map((employee) => (
              <option
                key={`${employee.portalId}:${employee.bitrixUserId}`}
                value={`${employee.portalId}:${employee.bitrixUserId}`}
              >
                {employee.name} (#{employee.bitrixUserId})
              </option>
            ))}
          </select>
        )}
      </td>
      <td className="px-4 py-3 align-top text-sm">
        {user.active ? t('users.active') : t('users.deactivated')}
        {user.active && !user.hasPassword && !user.employee && (
          <span className="block text-xs text-amber-800">{t('users.pendingInvite')}</span>
        )}
      </td>
      <td className="px-4 py-3 align-top">
        <div className="flex flex-wrap items-center gap-2">
          {!isSelf && (
            <button
              type="button"
              disabled={pending}
              className={buttonStyles.secondary}
              onClick={() => run(() => setUserActiveAction({ userId: user.id, active: !user.active }))}
            >
              {user.active ? t('users.deactivate') : t('users.reactivate')}
            </button>
          )}
          {user.active && !user.hasPassword && (
            <button
              type="button"
              disabled={pending}
              className={buttonStyles.secondary}
              onClick={() =>
                run(
                  () => reissueInviteAction({ userId: user.id }),
                  (data) => setInvitePath(data.invitePath),
                )
              }
            >
              {t('users.newInvite')}
            </button>
          )}
          {user.role === 'lead' && (
            <Link href={`/users/${user.id}`} className={buttonStyles.secondary}>
              {t('users.flowAccess')}
            </Link>
          )}
          <ActionMessage message={message} />
        </div>
      </td>
    </tr>
  );
}
