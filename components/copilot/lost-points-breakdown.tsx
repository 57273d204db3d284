'use client';

import { useTranslations } from 'next-intl';
import type { AnalysisView } from '@/lib/copilot/analysis/analysis-view';

/**
 * The waterfall of lost points: from 100 % down to the flow's efficiency, one step per finding
 * (its overdue tasks' share of the window) and one for what no finding explains.
 */
export function LostPointsBreakdown({ view }: { view: AnalysisView }) {
  const t = useTranslations('copilot');
  const lost = 100 - view.efficiency;
  const steps = [
    ...view.findings
      .filter((finding) => finding.lostPoints > 0)
      .map((finding) => ({ key: finding.id, label: t(`kinds.${finding.kind}`), points: finding.lostPoints })),
    ...(view.unexplainedPoints > 0
      ? [{ key: 'other', label: t('breakdown.other'), points: view.unexplainedPoints }]
      : []),
  ];
  let remaining = 100;
  return (
    <section aria-labelledby="lost-points-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id="lost-points-title" className="text-sm font-semibold text-slate-900">
        {t('breakdown.title')}
      </h3>
      <p className="text-xs text-slate-600">{t('breakdown.caption', { lost })}</p>
      {steps.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t('breakdown.none')}</p>
      ) : (
        <ul className="mt-3 space-y-1.5">
          {steps.map((step) => {
            const start = remaining - step.points;
            remaining = start;
            return (
              <li key={step.key} className="grid grid-cols-[minmax(0,11rem)_1fr_auto] items-center gap-2 text-sm">
                {/* Wrapped, never cut: a finding's name is read whole at any panel width. */}
                <span className="leading-tight break-words text-slate-800">{step.label}</span>
                <span aria-hidden="true" className="relative h-3 rounded bg-slate-100">
                  <span
                    className="absolute inset-y-0 rounded bg-red-600"
                    style={{ left: `${start}%`, width: `${step.points}%` }}
                  />
                </span>
                <span className="text-right font-semibold whitespace-nowrap tabular-nums text-red-800">
                  {t('breakdown.points', { points: step.points })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
