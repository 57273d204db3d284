'use client';

import { useTranslations } from 'next-intl';
import { useChartFormat } from '@/components/charts/use-chart-format';
import type { Confidence } from '@/lib/metrics/delivery-forecast';

const levels = [
  ['p50', 50],
  ['p85', 85],
  ['p95', 95],
] as const;

/** One delivery question's answers at 50, 85 and 95 %: days done by, or at least how many tasks by `day`. */
export function DeliveryAnswers(
  props:
    { kind: 'date'; answers: Record<keyof Confidence, string> } | { kind: 'count'; answers: Confidence; day: string },
) {
  const t = useTranslations('whatIf.delivery');
  const format = useChartFormat();
  return (
    <table className="mt-2 w-full text-left text-sm" data-question={props.kind === 'date' ? 'backlog' : 'by'}>
      {props.kind === 'count' && (
        <caption className="mb-1 text-left text-sm font-semibold text-slate-900">
          {t('byQuestion', { date: format.day(props.day) })}
        </caption>
      )}
      <thead className="text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-1 font-semibold">
            {t('confidence')}
          </th>
          <th scope="col" className="py-1 text-right font-semibold">
            {props.kind === 'date' ? t('doneBy') : t('atLeast')}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {levels.map(([key, level]) => (
          <tr key={key} data-level={level}>
            <th scope="row" className="py-1 font-medium text-slate-900">
              {t('level', { level: format.percent(level) })}
            </th>
            <td className="py-1 text-right tabular-nums text-slate-700">
              {props.kind === 'date' ? format.day(props.answers[key]) : t('tasks', { count: props.answers[key] })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
