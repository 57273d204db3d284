'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { AnalysisView } from '@/lib/copilot/analysis/analysis-view';

/** What changed since the flow's previous analysis: efficiency, and findings that came or went. */
export function AnalysisChanges({
  view,
  previous,
}: {
  view: AnalysisView;
  previous: NonNullable<AnalysisView['previous']>;
}) {
  const t = useTranslations('copilot');
  const format = useFormatter();
  const before = new Set(previous.findings.map((finding) => finding.kind));
  const now = new Set(view.findings.map((finding) => finding.kind));
  const added = [...now].filter((kind) => !before.has(kind)).map((kind) => t(`kinds.${kind}`));
  const gone = [...before].filter((kind) => !now.has(kind)).map((kind) => t(`kinds.${kind}`));
  return (
    <section
      aria-labelledby="analysis-changes-title"
      className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm"
    >
      <h3 id="analysis-changes-title" className="font-semibold text-slate-900">
        {t('changes.title', { date: format.dateTime(new Date(previous.startedAt), { dateStyle: 'medium' }) })}
      </h3>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
        <li>{t('changes.efficiency', { from: previous.efficiency, to: view.efficiency })}</li>
        {added.length > 0 && <li>{t('changes.new', { kinds: added.join(', ') })}</li>}
        {gone.length > 0 && <li>{t('changes.gone', { kinds: gone.join(', ') })}</li>}
        {added.length === 0 && gone.length === 0 && <li>{t('changes.same')}</li>}
      </ul>
    </section>
  );
}
