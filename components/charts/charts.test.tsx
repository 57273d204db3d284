import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type {
  DailyFigure,
  EfficiencyBucket,
  FlowDashboard,
  Overview,
  PortalWindow,
  WeeklyThroughput,
} from '@/lib/dashboards/dashboard-types';
import { AgingChart } from './aging-chart';
import { CumulativeFlowChart } from './cumulative-flow-chart';
import { EfficiencyBucketsChart } from './efficiency-buckets-chart';
import { EfficiencyChart } from './efficiency-chart';
import { EfficiencyHeatmap } from './efficiency-heatmap';
import { EfficiencySparkline } from './efficiency-sparkline';
import { LeadTimeScatter } from './lead-time-scatter';
import { renderWithIntl } from './render-with-intl';
import { TeamLoadChart } from './team-load-chart';
import { ThroughputChart } from './throughput-chart';

/*
 * Every chart in both languages, with figures and without: no message is missing (the provider
 * throws), the frame says what the figures are, and an empty chart says what to do instead.
 * The SVG itself is drawn in the browser (Recharts measures its container first).
 */

const day = 86_400_000;
const caption = 'Last 30 days · portal time UTC+03:00';
const period: PortalWindow = { from: '2026-04-13', to: '2026-05-12', days: 30, timeZoneOffset: '+03:00' };
const person = (bitrixUserId: number, name: string) => ({ bitrixUserId, name, photoUrl: null });

const daily: DailyFigure[] = ['2026-05-11', '2026-05-12'].map((date, index) => ({
  day: date,
  efficiency: 78 + index * 4,
  pending: 3,
  inProgress: 5,
  awaitingReview: 1,
  completed: 10 + index,
  completedToday: 1,
  created: 2,
  overdue: 1,
}));
const weekly: WeeklyThroughput[] = [{ week: '2026-05-04', throughput: 7, created: 9 }];
const leadTimes: FlowDashboard['leadTimes'] = {
  points: [{ taskId: 41, title: '=cmd|"/c calc"!A1', closedAt: '2026-05-12T21:30:00Z', leadMs: 3.2 * day }],
  percentiles: { p50: 3.2 * day, p85: 5 * day, p95: null },
  plannedMs: 3 * day,
};
const aging: FlowDashboard['aging'] = {
  tasks: [
    {
      taskId: 7,
      title: 'Старая задача',
      status: 3,
      responsible: person(1, 'Анна'),
      ageMs: 9 * day,
      band: 'above-p95',
      overdue: true,
    },
    {
      taskId: 8,
      title: 'Новая задача',
      status: 2,
      responsible: person(2, 'Борис'),
      ageMs: 3 * 3_600_000,
      band: 'below-p50',
      overdue: false,
    },
  ],
  percentiles: { p50: 2 * day, p85: 4 * day, p95: 6 * day },
};
const load: FlowDashboard['load'] = {
  assignees: [
    { person: person(1, 'Анна'), open: 4, overdue: 1 },
    { person: person(2, 'Анна'), open: 2, overdue: 0 },
  ],
  medianOpen: 3,
  medianOverdue: 0.5,
};
const buckets: EfficiencyBucket[] = [
  { from: 0, to: 59, band: 'critical', flows: 1 },
  { from: 60, to: 79, band: 'watch', flows: 0 },
  { from: 80, to: 100, band: 'healthy', flows: 3 },
];
const heatmap: Overview['heatmap'] = {
  weeks: ['2026-05-04', '2026-05-11'],
  rows: [{ id: 'f1', name: 'Поддержка', cells: [91, null] }],
};

type Case = { name: string; title: [string, string]; full: ReactNode; empty: ReactNode; emptyTitle: [string, string] };

const noDaily: [string, string] = ['No daily figures yet', 'Дневных показателей пока нет'];
const cases: Case[] = [
  {
    name: 'EfficiencyChart',
    title: ['Efficiency by day', 'Эффективность по дням'],
    full: <EfficiencyChart data={daily} caption={caption} />,
    empty: <EfficiencyChart data={[]} caption={caption} />,
    emptyTitle: noDaily,
  },
  {
    name: 'CumulativeFlowChart',
    title: ['Cumulative flow', 'Накопительная диаграмма потока'],
    full: <CumulativeFlowChart daily={daily} caption={caption} />,
    empty: <CumulativeFlowChart daily={[]} caption={caption} />,
    emptyTitle: noDaily,
  },
  {
    name: 'LeadTimeScatter',
    title: ['Lead time of completed tasks', 'Время выполнения завершённых задач'],
    full: <LeadTimeScatter leadTimes={leadTimes} period={period} caption={caption} />,
    empty: (
      <LeadTimeScatter
        leadTimes={{ points: [], percentiles: { p50: null, p85: null, p95: null }, plannedMs: null }}
        period={period}
        caption={caption}
      />
    ),
    emptyTitle: ['No tasks completed in this period', 'За этот период нет завершённых задач'],
  },
  {
    name: 'AgingChart',
    title: ['Age of open tasks', 'Возраст открытых задач'],
    full: <AgingChart aging={aging} caption={caption} />,
    empty: <AgingChart aging={{ tasks: [], percentiles: aging.percentiles }} caption={caption} />,
    emptyTitle: ['No open tasks', 'Открытых задач нет'],
  },
  {
    name: 'TeamLoadChart',
    title: ['Team load', 'Загрузка команды'],
    full: <TeamLoadChart load={load} caption={caption} />,
    empty: <TeamLoadChart load={{ assignees: [], medianOpen: 0, medianOverdue: 0 }} caption={caption} />,
    emptyTitle: ['No open tasks assigned', 'Открытых задач ни у кого нет'],
  },
  {
    name: 'ThroughputChart',
    title: ['Throughput by week', 'Пропускная способность по неделям'],
    full: <ThroughputChart weekly={weekly} caption={caption} />,
    empty: <ThroughputChart weekly={[]} caption={caption} />,
    emptyTitle: noDaily,
  },
  {
    name: 'EfficiencyBucketsChart',
    title: ['Flows by efficiency', 'Потоки по эффективности'],
    full: <EfficiencyBucketsChart buckets={buckets} caption={caption} />,
    empty: <EfficiencyBucketsChart buckets={buckets.map((bucket) => ({ ...bucket, flows: 0 }))} caption={caption} />,
    emptyTitle: ['No flow has an efficiency figure yet', 'Ни у одного потока пока нет эффективности'],
  },
  {
    name: 'EfficiencyHeatmap',
    title: ['Efficiency by week', 'Эффективность по неделям'],
    full: <EfficiencyHeatmap heatmap={heatmap} caption={caption} />,
    empty: (
      <EfficiencyHeatmap
        heatmap={{ weeks: heatmap.weeks, rows: [{ id: 'f1', name: 'Поддержка', cells: [null, null] }] }}
        caption={caption}
      />
    ),
    emptyTitle: ['No flow has an efficiency figure yet', 'Ни у одного потока пока нет эффективности'],
  },
];

describe('charts', () => {
  for (const { name, title, full, empty, emptyTitle } of cases) {
    (['en', 'ru'] as const).forEach((locale, index) => {
      it(`${name} renders its frame in ${locale}, and an empty state without figures`, () => {
        const html = renderWithIntl(locale, full);
        expect(html).toContain(`>${title[index]}</h2>`);
        expect(html).toContain(caption);
        expect(html).toMatch(/<button type="button" class="[^"]*">(Download CSV|Скачать CSV)<\/button>/);
        expect(html).not.toMatch(/charts\.|\{\w+\}/);
        const emptyHtml = renderWithIntl(locale, empty);
        expect(emptyHtml).toContain(emptyTitle[index]);
        expect(emptyHtml).toMatch(/disabled=""[^>]*>(Download CSV|Скачать CSV)</);
      });
    });
  }

  it('keeps each drawing’s height in the first paint and draws it only in the browser, once in view', () => {
    const heights = new Map([
      ['EfficiencyChart', 280],
      ['CumulativeFlowChart', 300],
      ['LeadTimeScatter', 320],
      ['AgingChart', 320],
      // Its axes and a row per person (two here).
      ['TeamLoadChart', 40 + 2 * 36],
      ['ThroughputChart', 280],
      ['EfficiencyBucketsChart', 260],
    ]);
    for (const { name, full } of cases.filter((chart) => heights.has(chart.name))) {
      const html = renderWithIntl('en', full);
      expect(html, name).toContain(`<div data-chart-plot="true" style="min-height:${heights.get(name)}px"></div>`);
      expect(html, name).not.toContain('recharts');
    }
  });

  it('states the lead-time percentiles and planned time in text, and labels their lines', () => {
    const html = renderWithIntl('en', <LeadTimeScatter leadTimes={leadTimes} period={period} caption={caption} />);
    expect(html).toContain('Percentiles: p50 3.2 days and p85 5 days. Planned time: 3 days.');
    expect(
      renderWithIntl('ru', <LeadTimeScatter leadTimes={leadTimes} period={period} caption={caption} />).replaceAll(
        '\u00a0',
        ' ',
      ),
    ).toContain('Перцентили: p50 3,2 дня и p85 5 дней. Плановое время: 3 дня.');
  });

  it('continues a flow’s efficiency with its forecast, said to be an estimate, in both languages', () => {
    const forecast = {
      points: [
        { day: '2026-05-19', days: 7, median: 74, low: 70, high: 79 },
        { day: '2026-05-26', days: 14, median: 64, low: 52, high: 75 },
      ],
      tasks: 42,
      pace: { perDay: 1.5, days: 14 },
    };
    expect(renderWithIntl('en', <EfficiencyChart data={daily} forecast={forecast} caption={caption} />)).toContain(
      'Forecast: 64% in 14 days (80 % band 52% – 75%). An estimate from 42 tasks in the window: open tasks by their chance of running late, tasks leaving the window, and new ones at the pace of the last 14 days (1.5 a day).',
    );
    const ru = renderWithIntl(
      'ru',
      <EfficiencyChart data={daily} forecast={{ ...forecast, tasks: 3 }} caption={caption} />,
    ).replaceAll('\u00a0', ' ');
    expect(ru).toContain(
      'Прогноз: 64 % через 14 дней (80-процентный интервал 52–75 %). Это оценка по 3 задачам в окне: открытые задачи — с учётом вероятности просрочки, задачи, выходящие из окна, и новые — в темпе последних 14 дней (1,5 в день). Задач мало: это лишь грубый ориентир.',
    );
    expect(ru).toContain('Прогноз (оценка)');
    // The company-wide chart has no forecast.
    expect(renderWithIntl('en', <EfficiencyChart data={daily} caption={caption} />)).not.toContain('Forecast');
  });

  it('marks overdue tasks in the aging legend and the team median in text', () => {
    expect(renderWithIntl('en', <AgingChart aging={aging} caption={caption} />)).toContain('Overdue');
    expect(renderWithIntl('ru', <TeamLoadChart load={load} caption={caption} />)).toContain(
      'Медиана по команде на человека: открытых задач — 3, просроченных — 0,5.',
    );
  });

  it('colours heatmap cells by band with readable text, and dashes the weeks without a figure', () => {
    const html = renderWithIntl('ru', <EfficiencyHeatmap heatmap={heatmap} caption={caption} />).replaceAll(
      '\u00a0',
      ' ',
    );
    expect(html).toMatch(
      /<th scope="row" title="Поддержка"[^>]*>Поддержка<\/th><td class="[^"]*font-semibold" style="background-color:#047857;color:#ffffff">91 %<\/td><td class="[^"]*bg-slate-100[^"]*">—<\/td>/,
    );
    expect(html).toContain('<span class="sr-only">Неделя с 4 мая</span>');
    expect(html).not.toContain('role="img"');
  });

  it('draws the sparkline hidden from assistive technology, one point a day, 100 % at the top', () => {
    const html = renderWithIntl('en', <EfficiencySparkline data={[100, 0, 50]} />);
    expect(html).toMatch(/^<div aria-hidden="true"/);
    expect(html).toContain('points="2.0,2.0 48.0,26.0 94.0,14.0"');
    expect(renderWithIntl('en', <EfficiencySparkline data={[90]} />)).not.toContain('<svg');
  });
});
