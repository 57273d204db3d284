import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonStyles } from './button-styles';

/** What is missing and what to do about it, in place of content that cannot exist yet. */
export function EmptyState({
  title,
  body,
  action,
  icon,
}: {
  title: string;
  body: string;
  action?: { href: string; label: string };
  icon?: ReactNode;
}) {
  return (
    <section className="flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      {icon && <div className="mb-4 text-brand-600">{icon}</div>}
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <p className="mt-2 max-w-md text-sm text-slate-600">{body}</p>
      {action && (
        <Link href={action.href} className={`${buttonStyles.primary} mt-6`}>
          {action.label}
        </Link>
      )}
    </section>
  );
}
