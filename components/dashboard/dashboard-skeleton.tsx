import { useTranslations } from 'next-intl';
import { ChartSkeleton } from '@/components/charts/chart-skeleton';

/** A dashboard page while the server reads its figures: figure tiles, then charts, in the page's shape. */
export function DashboardSkeleton({ charts }: { charts: number }) {
  const t = useTranslations('charts.card');
  return (
    <div aria-busy="true" className="space-y-6">
      <span className="sr-only">{t('loading')}</span>
      <div aria-hidden className="animate-pulse motion-reduce:animate-none">
        <div className="h-7 w-56 rounded bg-slate-200" />
        <div className="mt-2 h-4 w-80 max-w-full rounded bg-slate-100" />
        <div className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
          {Array.from({ length: 6 }, (_, index) => (
            <div key={index} className="h-24 rounded-xl border border-slate-200 bg-white" />
          ))}
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {Array.from({ length: charts }, (_, index) => (
          <ChartSkeleton key={index} />
        ))}
      </div>
    </div>
  );
}
