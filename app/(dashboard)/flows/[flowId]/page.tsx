import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { requireArea } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { readFlowForViewer } from '@/lib/flows/read-flow-for-viewer';

export default async function FlowPage({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const viewer = await requireArea('flows', `/flows/${flowId}`);
  const flow = await readFlowForViewer(db(), viewer, flowId);
  // Out of scope and unknown look the same, so nobody learns which flows exist.
  if (!flow) forbidden();
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return (
    <>
      <Link href="/flows" className="text-sm text-brand-700 hover:underline">
        ← {t('flow.backToFlows')}
      </Link>
      <PageHeader title={flow.name} subtitle={flow.active ? t('flows.active') : t('flows.inactive')} />
      <dl className="mb-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <dt className="text-sm text-slate-600">{t('flow.efficiency')}</dt>
        <dd className="mt-1 text-3xl font-semibold tabular-nums">
          {flow.portalEfficiency === null ? t('flows.noValue') : format.number(flow.portalEfficiency / 100, { style: 'percent' })}
        </dd>
      </dl>
      <section aria-labelledby="team-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="team-title" className="border-b border-slate-200 px-5 py-4 font-semibold">
          {t('flow.team')}
        </h2>
        <ul className="divide-y divide-slate-100">
          {flow.team.map((member) => (
            <li key={`${member.role}-${member.bitrixUserId}`} className="flex justify-between px-5 py-3 text-sm">
              <span>{member.name}</span>
              <span className="text-slate-600">{t(`flow.teamRoles.${member.role}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
