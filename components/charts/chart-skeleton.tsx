import { useTranslations } from 'next-intl';

/** Stands in for a ChartCard while its figures load; `height` matches the chart's so nothing jumps. */
export function ChartSkeleton({ height = 280 }: { height?: number }) {
  const t = useTranslations('charts.card');
  return (
    <div aria-busy="true" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <span className="sr-only">{t('loading')}</span>
      <div aria-hidden className="animate-pulse motion-reduce:animate-none">
        <div className="h-4 w-48 rounded bg-slate-200" />
        <div className="mt-2 h-3 w-64 max-w-full rounded bg-slate-100" />
        <div className="mt-4 rounded-lg bg-slate-100" style={{ height }} />
      </div>
    </div>
  );
}
