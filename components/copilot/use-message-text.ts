'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { AnalysisMessageView, AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { durationFigures, isProblemKind, orderedFigures, type Finding } from '@/lib/findings/finding';
import { bbcodeInert } from '@/lib/bitrix24/bbcode';
import { withPeopleNames } from '@/lib/copilot/grounding/token-names';

/** A finding's figure as shown: its name, and its value (durations in the finding's unit, shares with %, the template as yes/no). */
export function useFigureText() {
  const t = useTranslations('copilot');
  const format = useFormatter();
  return {
    label: (key: string) => (t.has(`figures.${key}`) ? t(`figures.${key}` as Parameters<typeof t>[0]) : key),
    value: (finding: Finding, key: string, value: number) => {
      const number = format.number(value, { maximumFractionDigits: 1 });
      if (durationFigures.has(key)) return t(`units.${finding.unit}`, { value: number });
      if (key.endsWith('Pct')) return t('units.percent', { value: number });
      if (key === 'templated') return value > 0 ? t('units.yes') : t('units.no');
      return number;
    },
  };
}

/**
 * How many of the window's late tasks a problem finding took, and what they lost their time to
 * ("of 23 overdue tasks, 17 lost the most time waiting for review"); null for a strength, or a
 * finding stored before the total was kept.
 */
export function useLateCause() {
  const t = useTranslations('copilot');
  return (finding: Finding): string | null => {
    const { lateTasks, lateTotal } = finding.figures;
    if (finding.tone !== 'problem' || !lateTasks || lateTotal === undefined || !isProblemKind(finding.kind))
      return null;
    return t(`lateCause.${finding.kind}`, { lateTasks, lateTotal });
  };
}

/**
 * A message in plain words, people by name: what the "…" menu copies and what a task or meeting
 * created from it quotes, with its evidence.
 */
export function useMessageText(view: AnalysisView) {
  const t = useTranslations('copilot');
  const figure = useFigureText();
  const lateCause = useLateCause();
  const format = useFormatter();
  return (message: AnalysisMessageView) => {
    const factor = withPeopleNames(message.factor, view.tokens);
    const advice = withPeopleNames(message.advice, view.tokens);
    // Names come from the portal; in a Bitrix24 description they must stay text, not BBCode.
    const inertTokens = Object.fromEntries(
      Object.entries(view.tokens).map(([token, person]) => [
        token,
        {
          name: bbcodeInert(person.name),
          forms:
            person.forms &&
            (Object.fromEntries(
              Object.entries(person.forms).map(([nameCase, form]) => [nameCase, bbcodeInert(form)]),
            ) as typeof person.forms),
        },
      ]),
    );
    const findings = view.findings.filter((finding) => message.findingIds.includes(finding.id));
    const evidence = findings.flatMap((finding) => [
      ...(lateCause(finding) ? [`- ${lateCause(finding)}`] : []),
      ...orderedFigures(finding).map(([key, value]) => `- ${figure.label(key)}: ${figure.value(finding, key, value)}`),
      ...(finding.people.length > 0
        ? [
            `- ${t('message.people')}: ${finding.people.map((id) => bbcodeInert(view.people[id]?.name ?? `#${id}`)).join(', ')}`,
          ]
        : []),
      ...(finding.taskIds.length > 0
        ? [`- ${t('message.tasks')}: ${finding.taskIds.map((id) => `#${id}`).join(', ')}`]
        : []),
    ]);
    const text = `${factor}\n${t('message.recommendation')} ${advice}`;
    const quoted = [
      `${withPeopleNames(message.factor, inertTokens)}\n${t('message.recommendation')} ${withPeopleNames(message.advice, inertTokens)}`,
      '',
      `${t('message.evidence')}:`,
      ...evidence,
      '',
      `CoPilot · ${t('analysedAt', { date: format.dateTime(new Date(view.startedAt), { dateStyle: 'medium' }), tasks: view.taskCount })}`,
    ].join('\n');
    return { factor, advice, text, quoted };
  };
}
