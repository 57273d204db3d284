import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { InviteUserForm } from '@/components/users/invite-user-form';
import { UserRow } from '@/components/users/user-row';
import { requireArea } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { listEmployeeOptions, listUsers } from '@/lib/users/list-users';

export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const viewer = await requireArea('users', '/users');
  const [t, users, employees] = await Promise.all([
    getTranslations('users'),
    listUsers(db()),
    listEmployeeOptions(db()),
  ]);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <InviteUserForm />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {(['user', 'role', 'employee', 'status', 'actions'] as const).map((column) => (
                <th key={column} scope="col" className="px-4 py-3 font-semibold">
                  {t(`columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <UserRow key={user.id} user={user} employees={employees} isSelf={user.id === viewer.id} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
