'use client';

import { useTranslations } from 'next-intl';
import { chartPeriods } from '@/lib/dashboards/chart-period';
import type { ChartPeriod } from '@/lib/dashboards/dashboard-types';

/** 30 / 90 / 180 days for a page's charts: a group of toggle buttons (the current one pressed). */
export function ChartPeriodPicker({ value, onChange }: { value: ChartPeriod; onChange: (days: ChartPeriod) => void }) {
  const t = useTranslations('dashboard');
  return (
    <div
      role="group"
      aria-label={t('period')}
      className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white"
    >
      {chartPeriods.map((days, index) => (
        <button
          key={days}
          type="button"
          aria-pressed={value === days}
          onClick={() => onChange(days)}
          className={`px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 aria-pressed:bg-brand-600 aria-pressed:text-white ${index > 0 ? 'border-l border-slate-300' : ''}`}
        >
          {t('days', { days })}
        </button>
      ))}
    </div>
  );
}
