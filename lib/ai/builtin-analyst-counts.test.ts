import { describe, expect, it } from 'vitest';
import type { Locale } from '@/lib/i18n/locales';
import type { ModelFinding } from './analyst-model';
import { analystTranslator, builtinMessages } from './builtin-analyst';

/**
 * Counts and durations in the built-in analyst's sentences, for 1, 2, 5, 11, 21 and 0.5, against
 * forms written by hand: Russian has one/few/many/other («1 день», «2 дня», «5 дней», «21 день»,
 * «0,5 дня»), English one/other, and every duration says its unit.
 */
const counts = [1, 2, 5, 11, 21, 0.5];

describe('durations in words', () => {
  const duration = (locale: Locale, unit: 'day' | 'hour') =>
    counts.map((value) => analystTranslator(locale)('duration', { unit, value }));

  it('in Russian', () => {
    expect(duration('ru', 'day')).toEqual(['1 день', '2 дня', '5 дней', '11 дней', '21 день', '0,5 дня']);
    expect(duration('ru', 'hour')).toEqual(['1 час', '2 часа', '5 часов', '11 часов', '21 час', '0,5 часа']);
  });

  it('in English', () => {
    expect(duration('en', 'day')).toEqual(['1 day', '2 days', '5 days', '11 days', '21 days', '0.5 days']);
    expect(duration('en', 'hour')).toEqual(['1 hour', '2 hours', '5 hours', '11 hours', '21 hours', '0.5 hours']);
  });
});

type PhrasedFinding = Pick<ModelFinding, 'kind' | 'figures' | 'unit' | 'lostPoints'>;

function message(locale: Locale, finding: PhrasedFinding) {
  const [only] = builtinMessages(
    [{ id: 'f1', tone: 'problem', severity: 'high', people: [], taskIds: [], ...finding }],
    locale,
  );
  return only!;
}

const factor = (locale: Locale, finding: PhrasedFinding) => message(locale, finding).factor;

describe('counts followed by a noun', () => {
  const thin = (lateComments: number) => ({
    kind: 'thin-descriptions' as const,
    unit: 'day' as const,
    lostPoints: lateComments === 0.5 ? 1 : lateComments,
    figures: { thinTasks: 12, thinLatePct: 58, otherLatePct: 21, lateComments, onTimeComments: 0.5, lateTasks: 4 },
  });

  it('comments and points in Russian', () => {
    expect(counts.map((count) => factor('ru', thin(count)).match(/в среднем (.+?) против/)![1])).toEqual([
      '1 комментарий',
      '2 комментария',
      '5 комментариев',
      '11 комментариев',
      '21 комментарий',
      '0,5 комментария',
    ]);
    expect(counts.map((count) => factor('ru', thin(count)).match(/\(−(.+?)\)/)![1])).toEqual([
      '1 пункт',
      '2 пункта',
      '5 пунктов',
      '11 пунктов',
      '21 пункт',
      '1 пункт',
    ]);
  });

  it('comments and points in English', () => {
    expect(counts.map((count) => factor('en', thin(count)).match(/collect (.+?) on average/)![1])).toEqual([
      '1 comment',
      '2 comments',
      '5 comments',
      '11 comments',
      '21 comments',
      '0.5 comments',
    ]);
    expect(counts.map((count) => factor('en', thin(count)).match(/\(−(.+?)\)/)![1])).toEqual([
      '1 point',
      '2 points',
      '5 points',
      '11 points',
      '21 points',
      '1 point',
    ]);
  });

  it('tasks a day in a spike, in both languages', () => {
    const spike = (intakePerDay: number) => ({
      kind: 'intake-spike' as const,
      unit: 'day' as const,
      lostPoints: 3,
      figures: { spikeDays: 4, intakePerDay, completedPerDay: 2.5, usualPerDay: 3, lateTasks: 5 },
    });
    expect(counts.map((count) => factor('ru', spike(count)).match(/получал в среднем (.+?) в день/)![1])).toEqual([
      '1 задачу',
      '2 задачи',
      '5 задач',
      '11 задач',
      '21 задачу',
      '0,5 задачи',
    ]);
    expect(counts.map((count) => factor('en', spike(count)).match(/took in (.+?) a day/)![1])).toEqual([
      '1 task',
      '2 tasks',
      '5 tasks',
      '11 tasks',
      '21 tasks',
      '0.5 tasks',
    ]);
  });
});

describe('every duration with its unit', () => {
  it('the planned-time finding in both languages', () => {
    const finding = {
      kind: 'planned-time-too-short' as const,
      unit: 'day' as const,
      lostPoints: 12,
      figures: { planned: 2, completed: 67, p85Lead: 14.4, p50Lead: 8.2, lateTasks: 9 },
    };
    expect(factor('ru', finding)).toBe(
      'Плановое время выполнения — 2 дня, но p85 завершённых задач (67) — 14,4 дня, медиана — 8,2 дня: сама работа занимает больше времени. Просроченных задач по этой причине: 9 (−12 пунктов).',
    );
    expect(factor('en', finding)).toBe(
      'The planned completion time is 2 days, but p85 of the completed tasks (67) is 14.4 days, the median 8.2 days: the work itself takes longer. Overdue tasks put down to this: 9 (−12 points).',
    );
  });
});

describe('the planned time the last 90 days call for', () => {
  const finding = (calibrationTasks: number) => ({
    kind: 'planned-time-too-short' as const,
    unit: 'day' as const,
    lostPoints: 12,
    figures: {
      planned: 2,
      completed: 67,
      p85Lead: 3.4,
      p50Lead: 1.2,
      suggestedPlanned: 3,
      plannedOnTimePct: 41,
      suggestedOnTimePct: 86,
      calibrationTasks,
      calibrationDays: 90,
      lateTasks: 9,
    },
  });

  it('in both languages, the suggested time with the shares on time and the tasks behind them', () => {
    expect(message('ru', finding(120)).advice).toBe(
      'Задайте плановое время 3 дня, а не 2 дня: тогда в срок уложились бы 86 % из 120 задач, завершённых за последние 90 дней (сейчас — 41 %).',
    );
    expect(message('en', finding(120)).advice).toBe(
      'Set the planned time to 3 days instead of 2 days: 86 % of the last 90 days’ 120 completed tasks would have been on time (now 41 %).',
    );
  });

  it('with the tasks in their plural', () => {
    expect(counts.slice(0, 5).map((count) => message('ru', finding(count)).advice.match(/ из (.+?) за /)![1])).toEqual([
      '1 задачи, завершённой',
      '2 задач, завершённых',
      '5 задач, завершённых',
      '11 задач, завершённых',
      '21 задачи, завершённой',
    ]);
    expect(message('en', finding(1)).advice).toContain('90 days’ 1 completed task would');
  });
});
