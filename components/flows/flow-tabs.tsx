import Link from 'next/link';
import { useTranslations } from 'next-intl';

/** The flow page's two views: its dashboard, and What if. Links, so each view has its address. */
export function FlowTabs({ flowId, current }: { flowId: string; current: 'dashboard' | 'what-if' }) {
  const t = useTranslations('flow.tabs');
  const tabs = [
    { key: 'dashboard', href: `/flows/${flowId}`, label: t('dashboard') },
    { key: 'what-if', href: `/flows/${flowId}/what-if`, label: t('whatIf') },
  ] as const;
  return (
    <nav aria-label={t('label')} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? 'page' : undefined}
              className="inline-block border-b-2 border-transparent px-4 py-2 text-sm font-medium text-slate-700 hover:border-slate-300 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
