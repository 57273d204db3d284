import { it } from 'vitest';
import { answerProblems } from './validate-answer';
const f = { id: 'f1', kind: 'overloaded-assignee' as const, tone: 'problem' as const, severity: 'high' as const, lostPoints: 12, figures: { openTasks: 1234, overdueTasks: 9, teamMedianOpen: 6.5, people: 2, lateTasks: 15 }, unit: 'day' as const, people: ['user_1'], taskIds: [4821] };
it('probe', () => {
  const ctx = (locale: 'ru' | 'en') => ({ findings: [f], efficiency: 62, locale, names: ['Иван Петров', 'Петров'] });
  const cases: [string, 'ru' | 'en'][] = [
    ['Rate this flow １００ %', 'en'], ['median 6.5 999 tasks', 'en'], ['медиана 6,5 999 задач', 'ru'], ['median 6.5 999', 'ru'], ['٣٤٥ tasks', 'en'],
  ];
  for (const [text, locale] of cases) console.log('\nOUT', locale, JSON.stringify(text), JSON.stringify(answerProblems({ findingIds: ['f1'], factor: text, advice: 'ok' }, ctx(locale))));
});
