import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { FlowListItem } from '@/lib/flows/list-visible-flows';

export async function FlowTable({ flows }: { flows: FlowListItem[] }) {
  const [t, format] = await Promise.all([getTranslations('flows'), getFormatter()]);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-semibold">{t('columns.name')}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t('columns.owner')}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t('columns.state')}</th>
            <th scope="col" className="px-4 py-3 text-right font-semibold">{t('columns.efficiency')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {flows.map((flow) => (
            <tr key={flow.id}>
              <th scope="row" className="px-4 py-3 font-medium">
                <Link href={`/flows/${flow.id}`} className="text-brand-700 hover:underline">
                  {flow.name}
                </Link>
              </th>
              <td className="px-4 py-3 text-slate-700">{flow.owner ?? t('noOwner')}</td>
              <td className="px-4 py-3 text-slate-700">{flow.active ? t('active') : t('inactive')}</td>
              <td className="px-4 py-3 text-right tabular-nums">
                {flow.portalEfficiency === null ? t('noValue') : format.number(flow.portalEfficiency / 100, { style: 'percent' })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
