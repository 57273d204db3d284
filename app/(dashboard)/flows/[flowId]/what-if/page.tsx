import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { FlowTabs } from '@/components/flows/flow-tabs';
import { PageHeader } from '@/components/ui/page-header';
import { WhatIfView } from '@/components/what-if/what-if-view';
import { requireArea } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { whatIfPage } from '@/lib/simulation/what-if-page';

export async function generateMetadata() {
  const t = await getTranslations('flow.tabs');
  return { title: t('whatIf') };
}

export default async function WhatIfPage({
  params,
  searchParams,
}: {
  params: Promise<{ flowId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ flowId }, query] = await Promise.all([params, searchParams]);
  const viewer = await requireArea('flows', `/flows/${flowId}/what-if`);
  const id = z.uuid().safeParse(flowId);
  const flow = id.success
    ? await db().flow.findFirst({
        where: { AND: [{ id: id.data }, visibleFlowsWhere(viewer)] },
        select: { id: true, name: true },
      })
    : null;
  // Out of scope and unknown look the same, as on the flow's dashboard.
  if (!flow) forbidden();
  const [t, view] = await Promise.all([
    getTranslations(),
    whatIfPage(db(), flow.id, { by: typeof query.by === 'string' ? query.by : undefined }),
  ]);
  return (
    <>
      <nav aria-label={t('flow.breadcrumbs')} className="mb-2 flex flex-wrap gap-x-4 text-sm">
        <Link href="/flows" className="text-brand-700 hover:underline">
          ← {t('flow.backToFlows')}
        </Link>
      </nav>
      <PageHeader title={flow.name} subtitle={t('whatIf.intro')} />
      <FlowTabs flowId={flow.id} current="what-if" />
      <WhatIfView flowId={flow.id} view={view} canMove={viewer.role !== 'executive'} />
    </>
  );
}
