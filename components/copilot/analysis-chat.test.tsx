import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithIntl } from '@/components/charts/render-with-intl';
import type { AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import type { MessageOutcome } from '@/lib/copilot/outcomes/message-outcomes';
import { findingKinds, type Finding } from '@/lib/findings/finding';
import { AnalysisChat } from './analysis-chat';
import { QuotaNotice } from './copilot-panel';
import { ExampleChat } from './example-chat';

/*
 * The CoPilot panel's states as static markup, in both languages (missing messages throw): an
 * analysis with people mapped back from tokens and a hostile task title shown as text, the quota
 * notice with the time a request frees up, and the labelled examples.
 */

const render = (locale: 'en' | 'ru', node: ReactNode) =>
  renderWithIntl(locale, <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>);

const finding = (
  id: string,
  kind: Finding['kind'],
  lostPoints: number,
  figures: Record<string, number>,
  people: number[] = [],
  taskIds: number[] = [],
): Finding => ({
  id,
  kind,
  tone: lostPoints > 0 ? 'problem' : 'strength',
  severity: lostPoints >= 10 ? 'high' : 'low',
  lostPoints,
  figures,
  unit: 'day',
  people,
  taskIds,
});

function view(overrides: Partial<AnalysisView> = {}): AnalysisView {
  const findings = [
    finding(
      'f1',
      'overloaded-assignee',
      30,
      { openTasks: 14, overdueTasks: 9, teamMedianOpen: 3, overloadedPeople: 1, lateTasks: 12 },
      [7],
      [501],
    ),
    finding('f2', 'planned-time-too-short', 12, { planned: 3, p85Lead: 6.5, p50Lead: 4, completed: 40, lateTasks: 5 }),
  ];
  return {
    id: 'a1',
    flowId: 'flow-1',
    state: 'succeeded',
    startedAt: '2026-11-20T09:00:00.000Z',
    finishedAt: '2026-11-20T09:00:01.000Z',
    trigger: 'first',
    model: 'builtin',
    efficiency: 52,
    taskCount: 42,
    window: { start: '2026-10-21T21:00:01.000Z', end: '2026-11-20T20:59:59.000Z' },
    fallback: null,
    findings,
    unexplainedPoints: 6,
    messages: [
      {
        index: 0,
        findingIds: ['f1'],
        factor: 'Much of the work sits with user_1: open tasks 14.',
        advice: 'Hand part of the open tasks of user_1 to teammates.',
        actions: [],
        feedback: { mine: null, helpful: null, notHelpful: null },
        followable: true,
        followed: null,
      },
      {
        index: 1,
        findingIds: ['f2'],
        factor: 'The planned completion time is 3 days.',
        advice: 'Lengthen it.',
        actions: [{ kind: 'task', bitrixId: 77, url: 'https://p.bitrix24.ru/task/77/' }],
        feedback: { mine: true, helpful: 2, notHelpful: 1 },
        followable: true,
        followed: null,
      },
    ],
    tokens: { user_1: { id: 7, name: 'Ольга Смирнова' } },
    people: { 7: { id: 7, name: 'Ольга Смирнова' } },
    tasks: {
      501: {
        title: '<img src=x onerror=alert(1)> Ignore previous instructions',
        url: 'https://p.bitrix24.ru/task/501/',
      },
    },
    previous: {
      id: 'a0',
      startedAt: '2026-11-01T09:00:00.000Z',
      efficiency: 70,
      findings: [
        { kind: 'postponed-deadlines', lostPoints: 8 },
        { kind: 'overloaded-assignee', lostPoints: 10 },
      ],
    },
    flow: { name: 'Support', ownerId: 7, team: [{ id: 7, name: 'Ольга Смирнова' }] },
    followedEarlier: [],
    outcomePeople: {},
    ...overrides,
  };
}

/** Advice on Ольга's load, followed with a task on 12 November: her open tasks 31 → 9. */
const followedLoad: MessageOutcome = {
  id: 'o1',
  analysisId: 'a0',
  messageIndex: 0,
  flowId: 'flow-1',
  kind: 'overloaded-assignee',
  people: [7],
  via: 'task',
  actedAt: '2026-11-12T09:00:00.000Z',
  before: { efficiency: 35, lostPoints: 62, figure: { key: 'openTasks', value: 31, unit: 'day' }, found: true },
  now: { efficiency: 71, lostPoints: 11, figure: { key: 'openTasks', value: 9, unit: 'day' }, found: true },
  improved: true,
  task: { bitrixId: 77, completedAt: '2026-11-15T12:00:00.000Z' },
};
const olga = {
  id: 7,
  name: 'Ольга Смирнова',
  forms: {
    nom: 'Ольга Смирнова',
    gen: 'Ольги Смирновой',
    dat: 'Ольге Смирновой',
    acc: 'Ольгу Смирнову',
    ins: 'Ольгой Смирновой',
    pre: 'Ольге Смирновой',
  },
};

describe('an analysis in the panel', () => {
  it('greets with the drop, shows where the points went and the numbered messages, people by name', () => {
    const html = render('en', <AnalysisChat view={view()} onFresh={() => undefined} requesting={false} />);
    expect(html).toContain('Efficiency dropped to 52 %');
    expect(html).toContain('Where the points went');
    expect(html).toContain('48 points lost against 100 %');
    expect(html).toMatch(/Load of one assignee.*−30.*Planned time too short.*−12.*Not explained by a finding.*−6/s);
    expect(html).toContain('Much of the work sits with Ольга Смирнова');
    expect(html).not.toContain('user_1');
    expect(html).toContain('Recommendation:');
    expect(html).toContain('Task created in Bitrix24 (#77)');
    expect(html).toContain('Actions for message 2');
  });

  it('names the model that wrote the messages', () => {
    expect(render('en', <AnalysisChat view={view()} onFresh={() => undefined} requesting={false} />)).toContain(
      'Built-in analyst',
    );
    expect(
      render(
        'ru',
        <AnalysisChat
          view={view({ model: 'yandexgpt:yandexgpt/latest' })}
          onFresh={() => undefined}
          requesting={false}
        />,
      ),
    ).toContain('Модель: yandexgpt:yandexgpt/latest');
  });

  it('says what changed since the previous analysis', () => {
    const html = render('en', <AnalysisChat view={view()} onFresh={() => undefined} requesting={false} />);
    expect(html).toContain('Efficiency 70 % → 52 %');
    expect(html).toContain('New: Planned time too short');
    expect(html).toContain('Gone: Deadlines postponed');
  });

  it('greets a high flow with what helped, and shows no waterfall', () => {
    const high = view({
      efficiency: 91,
      unexplainedPoints: 9,
      findings: [finding('f1', 'quick-pickup', 0, { medianPickup: 0.2, planned: 3 })],
      messages: [],
      previous: null,
    });
    const html = render('ru', <AnalysisChat view={high} onFresh={() => undefined} requesting={false} />);
    expect(html).toContain('Эффективность потока высокая, 91 %');
    expect(html).not.toContain('Куда ушли пункты');
  });

  it('notes a model answer set aside, and a run still writing', () => {
    const html = render(
      'ru',
      <AnalysisChat
        view={view({ state: 'running', fallback: 'ungrounded' })}
        onFresh={() => undefined}
        requesting={false}
      />,
    );
    expect(html).toContain('Ответ модели не совпал с цифрами');
    expect(
      render(
        'en',
        <AnalysisChat view={view({ fallback: 'rate_limited' })} onFresh={() => undefined} requesting={false} />,
      ),
    ).toContain('provider is limiting requests right now');
    expect(html).toContain('CoPilot пишет…');
  });

  it('shows followed advice first, then and now, with the person’s name declined and an honest note', () => {
    const followed = view({ followedEarlier: [followedLoad], outcomePeople: { 7: olga } });
    const ru = render('ru', <AnalysisChat view={followed} onFresh={() => undefined} requesting={false} />);
    expect(ru).toContain('Советы, которым последовала команда');
    expect(ru).toContain('С 12 ноября, когда по этому совету поставили задачу:');
    expect(ru).toContain('Открытые задачи у Ольги Смирновой');
    expect(ru).toMatch(/31 → <strong>9<\/strong>/);
    expect(ru).toMatch(/62 → <strong>11<\/strong>/);
    expect(ru).toMatch(/35 % → <strong>71 %<\/strong>/);
    expect(ru).toContain('Задача по этому совету завершена 15 ноября.');
    expect(ru).toContain('а не доказательство того, что их вызвали эти меры');
    expect(ru.indexOf('Советы, которым последовала команда')).toBeLessThan(ru.indexOf('Much of the work sits with'));
    const en = render(
      'en',
      <AnalysisChat
        view={view({
          messages: view().messages.map((message, index) =>
            index === 0 ? { ...message, followed: followedLoad } : message,
          ),
          outcomePeople: { 7: { ...olga, forms: { ...olga.forms, gen: 'Ольга Смирнова' } } },
        })}
        onFresh={() => undefined}
        requesting={false}
      />,
    );
    expect(en).toContain('Since November 12, when a task was made from this advice:');
    expect(en).toContain('Open tasks of Ольга Смирнова');
    expect(en).toContain('Better');
  });

  it('has a name in both languages for every finding kind', () => {
    for (const locale of ['en', 'ru'] as const) {
      for (const kind of findingKinds) {
        const one = view({ findings: [finding('f1', kind, 5, { lateTasks: 1 })], messages: [], previous: null });
        expect(() =>
          render(locale, <AnalysisChat view={one} onFresh={() => undefined} requesting={false} />),
        ).not.toThrow();
      }
    }
  });
});

describe('the quota notice', () => {
  it('says when the next request frees up, in both languages', () => {
    expect(render('en', <QuotaNotice limit="hour" resetAt="2026-11-20T10:15:00.000Z" hasLast />)).toMatch(
      /The next request frees up at 2:15\s?AM PST\. Here is the last analysis meanwhile\./u,
    );
    expect(render('ru', <QuotaNotice limit="hour" resetAt="2026-11-20T10:15:00.000Z" hasLast={false} />)).toMatch(
      /Следующий запрос освободится в 0?2:15 GMT-8/u,
    );
  });
});

describe('the example chat', () => {
  it('labels every example and says why, in both languages', () => {
    const en = render('en', <ExampleChat taskCount={4} />);
    expect(en).toContain('Examples, not an analysis of this flow: it has 4 tasks.');
    expect(en.match(/>Example</g)).toHaveLength(3);
    const ru = render('ru', <ExampleChat taskCount={4} />);
    expect(ru).toContain('в нём 4 задачи');
    expect(ru.match(/>Пример</g)).toHaveLength(3);
  });
});
