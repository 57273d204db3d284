'use client';

import { useTranslations } from 'next-intl';
import { useChartFormat } from '@/components/charts/use-chart-format';
import type { FlowListRow } from '@/lib/dashboards/dashboard-types';

/** Text colours per band with at least 4.5:1 on white (WCAG AA), beside the band's word for those who cannot see colour. */
const bandText = { healthy: 'text-emerald-800', watch: 'text-amber-800', critical: 'text-red-700' } as const;

/** A flow's efficiency: the value coloured against the 80 % line, its change, and the portal's own figure when it differs. */
export function EfficiencyFigure({
  efficiency,
  size = 'row',
}: {
  efficiency: FlowListRow['efficiency'];
  size?: 'row' | 'large';
}) {
  const t = useTranslations('flows');
  const format = useChartFormat();
  if (efficiency.value === null || efficiency.band === null)
    return <span className="text-slate-600">{t('noFigures')}</span>;
  const change = efficiency.change;
  return (
    <div className={size === 'large' ? 'text-left' : 'text-right'}>
      <div
        className={`font-semibold tabular-nums ${bandText[efficiency.band]} ${size === 'large' ? 'text-3xl' : 'text-base'}`}
      >
        <span data-figure="efficiency">{format.percent(efficiency.value)}</span>
      </div>
      {/* The band in words beside its colour, for readers who do not see the colour. */}
      <div className={`text-xs font-medium ${bandText[efficiency.band]}`}>{t(`band.${efficiency.band}`)}</div>
      <div className="text-xs text-slate-600 tabular-nums">
        {change === null
          ? t('changeUnknown')
          : change === 0
            ? t('changeNone')
            : t('change', { sign: change > 0 ? 'up' : 'down', points: Math.abs(change) })}
      </div>
      {efficiency.differs && efficiency.portalValue !== null && (
        <div className="text-xs text-amber-800" title={t('differsHint')}>
          {t('portalSays', { value: format.percent(efficiency.portalValue) })}
        </div>
      )}
    </div>
  );
}
