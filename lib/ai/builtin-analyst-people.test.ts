import { describe, expect, it } from 'vitest';
import { withPeopleNames } from '@/lib/copilot/grounding/token-names';
import type { Locale } from '@/lib/i18n/locales';
import { nameForms, type Gender } from '@/lib/people/name-forms';
import type { ModelFinding } from './analyst-model';
import { builtinMessages } from './builtin-analyst';

/**
 * The built-in analyst's sentences that name people, as a reader sees them once the tokens are
 * names again: for a man, a woman and two people, in Russian and English, against sentences
 * written by hand. A name in the wrong case, a verb in the wrong number or a list joined by a
 * bare comma fails here.
 */
const people: Record<string, { firstName: string; lastName: string; gender: Gender | null }> = {
  man: { firstName: 'Николай', lastName: 'Ершов', gender: 'male' },
  // The portal leaves her gender empty: it comes from the name.
  woman: { firstName: 'Олеся', lastName: 'Покровская', gender: null },
  // An androgynous first name: the portal's gender decides.
  sasha: { firstName: 'Саша', lastName: 'Ким', gender: 'female' },
};

function render(locale: Locale, finding: Omit<ModelFinding, 'id' | 'tone' | 'severity' | 'taskIds'>, who: string[]) {
  const tokens = Object.fromEntries(
    who.map((key, index) => {
      const person = people[key]!;
      return [
        `user_${index + 1}`,
        { name: `${person.firstName} ${person.lastName}`, forms: nameForms(person, locale) },
      ];
    }),
  );
  const [message] = builtinMessages(
    [
      {
        id: 'f1',
        tone: 'problem',
        severity: 'high',
        taskIds: [],
        ...finding,
        people: who.map((_, index) => `user_${index + 1}`),
      },
    ],
    locale,
  );
  return { factor: withPeopleNames(message!.factor, tokens), advice: withPeopleNames(message!.advice, tokens) };
}

const overloaded = {
  kind: 'overloaded-assignee' as const,
  lostPoints: 5,
  unit: 'day' as const,
  figures: { openTasks: 14, overdueTasks: 6, teamMedianOpen: 3, lateTasks: 5 },
  people: [],
};
const distribution = {
  kind: 'slow-manual-distribution' as const,
  lostPoints: 2,
  unit: 'hour' as const,
  figures: { medianAssignDelay: 6.5, planned: 24, undistributed: 4, lateTasks: 3 },
  people: [],
};
const dismissed = {
  kind: 'dismissed-in-team' as const,
  lostPoints: 1,
  unit: 'day' as const,
  figures: { members: 2, openTasks: 3, lateTasks: 1 },
  people: [],
};

describe('built-in analyst: people in Russian', () => {
  it('declines a man, a woman and two people after «у» and in «задач …»', () => {
    expect(render('ru', overloaded, ['man'])).toEqual({
      factor:
        'Большая часть работы — у Николая Ершова: открытых задач 14, из них просрочено 6, а медиана команды — 3. Просроченных задач по этой причине: 5 (−5 пунктов).',
      advice:
        'Передайте часть открытых задач Николая Ершова коллегам и выясните, на что ещё уходит рабочее время (другие потоки, отпуск).',
    });
    expect(render('ru', overloaded, ['woman']).factor).toBe(
      'Большая часть работы — у Олеси Покровской: открытых задач 14, из них просрочено 6, а медиана команды — 3. Просроченных задач по этой причине: 5 (−5 пунктов).',
    );
    expect(render('ru', overloaded, ['sasha']).advice).toBe(
      'Передайте часть открытых задач Саши Ким коллегам и выясните, на что ещё уходит рабочее время (другие потоки, отпуск).',
    );
    expect(render('ru', overloaded, ['woman', 'man']).factor).toBe(
      'Большая часть работы — у Олеси Покровской и Николая Ершова: открытых задач 14, из них просрочено 6, а медиана команды — 3. Просроченных задач по этой причине: 5 (−5 пунктов).',
    );
  });

  it('puts the moderator in the plural when there are two', () => {
    expect(render('ru', distribution, ['woman']).factor).toBe(
      'Модератор (Олеся Покровская) передаёт задачи исполнителям с медианой 6,5 часа при плановом времени 24 часа; ждут распределения: 4. Просроченных задач по этой причине: 3 (−2 пункта).',
    );
    expect(render('ru', distribution, ['man', 'woman']).factor).toBe(
      'Модераторы (Николай Ершов и Олеся Покровская) передают задачи исполнителям с медианой 6,5 часа при плановом времени 24 часа; ждут распределения: 4. Просроченных задач по этой причине: 3 (−2 пункта).',
    );
  });

  it('lists three people with commas and «и»', () => {
    expect(render('ru', dismissed, ['man', 'woman', 'sasha']).factor).toBe(
      'Уволенные сотрудники всё ещё в потоке или держат его задачи (Николай Ершов, Олеся Покровская и Саша Ким; человек: 2); открытых задач у них: 3. Просроченных задач по этой причине: 1 (−1 пункт).',
    );
  });
});

describe('built-in analyst: people in English', () => {
  it('names one person or two as English lists them', () => {
    expect(render('en', overloaded, ['man']).factor).toBe(
      'Much of the work sits with Николай Ершов: open tasks 14, of them overdue 6, while the team median is 3. Overdue tasks put down to this: 5 (−5 points).',
    );
    expect(render('en', distribution, ['man', 'woman']).factor).toBe(
      'The moderators (Николай Ершов and Олеся Покровская) hand tasks on after a median of 6.5 hours, against a planned time of 24 hours; still waiting to be handed on: 4. Overdue tasks put down to this: 3 (−2 points).',
    );
    expect(render('en', dismissed, ['man', 'woman', 'sasha']).factor).toBe(
      'People who have left the company are still in the flow or hold its tasks (Николай Ершов, Олеся Покровская, and Саша Ким; people: 2); open tasks with them: 3. Overdue tasks put down to this: 1 (−1 point).',
    );
  });
});
