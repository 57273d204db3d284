import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { problemKinds } from '@/lib/findings/finding';
import type { Locale } from '@/lib/i18n/locales';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';

/**
 * The evidence chip's sentence on how many of the window's late tasks a finding took, for totals
 * of 1, 2, 5, 11 and 21 (task counts are whole), against sentences written by hand: Russian puts
 * the total in the genitive after «из» (one: «из 21 просроченной задачи», other: «из 5
 * просроченных задач») and keeps the share in a form that needs no agreement («у 17»).
 */
const totals = [1, 2, 5, 11, 21];
const translator = (locale: Locale) =>
  createTranslator({ locale, messages: locale === 'ru' ? ru : en, namespace: 'copilot.lateCause' });

describe('the late-cause sentence', () => {
  it('in Russian', () => {
    const t = translator('ru');
    expect(totals.map((lateTotal) => t('review-wait', { lateTotal, lateTasks: 1 }))).toEqual([
      'Из 1 просроченной задачи у 1 больше всего времени ушло на ожидание проверки.',
      'Из 2 просроченных задач у 1 больше всего времени ушло на ожидание проверки.',
      'Из 5 просроченных задач у 1 больше всего времени ушло на ожидание проверки.',
      'Из 11 просроченных задач у 1 больше всего времени ушло на ожидание проверки.',
      'Из 21 просроченной задачи у 1 больше всего времени ушло на ожидание проверки.',
    ]);
    expect(t('dismissed-in-team', { lateTotal: 23, lateTasks: 17 })).toBe(
      'Из 23 просроченных задач у 17 исполнитель уже уволен.',
    );
  });

  it('in English', () => {
    const t = translator('en');
    expect(totals.map((lateTotal) => t('review-wait', { lateTotal, lateTasks: 1 }))).toEqual([
      'Of 1 overdue task, 1 lost the most time waiting for review.',
      'Of 2 overdue tasks, 1 lost the most time waiting for review.',
      'Of 5 overdue tasks, 1 lost the most time waiting for review.',
      'Of 11 overdue tasks, 1 lost the most time waiting for review.',
      'Of 21 overdue tasks, 1 lost the most time waiting for review.',
    ]);
    expect(t('slow-pickup', { lateTotal: 23, lateTasks: 17 })).toBe(
      'Of 23 overdue tasks, 17 lost the most time waiting to be taken into work.',
    );
  });

  it('exists for every kind of problem, in both languages, with both counts in it', () => {
    for (const locale of ['ru', 'en'] as const) {
      const t = translator(locale);
      for (const kind of problemKinds) expect(t(kind, { lateTotal: 23, lateTasks: 17 })).toMatch(/23.*17/);
    }
  });
});
