'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Area } from '@/lib/auth/roles';

const hrefs: Record<Area, string> = {
  overview: '/overview',
  flows: '/flows',
  outcomes: '/outcomes',
  users: '/users',
  settings: '/settings',
};

/** The areas the viewer's role may open, in a fixed order. */
export function AppNav({ areas }: { areas: readonly Area[] }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  return (
    <nav aria-label={t('label')}>
      <ul className="flex flex-wrap gap-1">
        {areas.map((area) => {
          const href = hrefs[area];
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={area}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className="block rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
              >
                {t(area)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
