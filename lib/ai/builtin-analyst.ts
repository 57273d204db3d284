import { createTranslator } from 'next-intl';
import type { Locale } from '@/lib/i18n/locales';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';
import { durationFigures } from '@/lib/findings/finding';
import type { AnalysisRequest, AnalystModel, ModelEvent, ModelFinding, ModelMessage } from './analyst-model';

const catalogs = { en, ru } as const;

/** Figures the messages follow with a noun ("2,5 комментария"), so their plural is chosen in the message. */
const countedFigures: ReadonlySet<string> = new Set([
  'lateComments',
  'intakePerDay',
  'calibrationTasks',
  'calibrationDays',
]);

/** The analyst's translator for a language: greeting, messages per finding kind, examples. */
export function analystTranslator(locale: Locale) {
  return createTranslator({ locale, messages: catalogs[locale], namespace: 'analyst' });
}

/**
 * The built-in analyst (the default model): deterministic and offline. One message per finding,
 * in the findings' order, naming the evidence in plain words; people stay tokens (user_1…) as
 * they would with any model, and are turned into names in the viewer's browser.
 */
export const builtinAnalyst: AnalystModel = {
  id: 'builtin',
  async *phrase(request: AnalysisRequest): AsyncIterable<ModelEvent> {
    for (const message of builtinMessages(request.findings, request.locale)) yield { type: 'message', message };
  },
};

/** The built-in analyst's messages for findings in a language (deterministic, so they can be written again for another reader). */
export function builtinMessages(findings: readonly ModelFinding[], locale: Locale): ModelMessage[] {
  const t = analystTranslator(locale);
  return findings.map((finding) => ({ findingIds: [finding.id], ...phraseFinding(t, finding, locale) }));
}

function phraseFinding(
  t: ReturnType<typeof analystTranslator>,
  finding: ModelFinding,
  locale: Locale,
): { factor: string; advice: string } {
  // Figures as the language writes them ("6,5", "1 234"), durations with their unit in words
  // ("6,5 часа", "1 day"); counts a sentence puts a noun after stay numbers for their plural.
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const figures = Object.fromEntries(
    Object.entries(finding.figures).map(([key, value]) => [
      key,
      durationFigures.has(key)
        ? t('duration', { unit: finding.unit, value })
        : countedFigures.has(key)
          ? value
          : number.format(value),
    ]),
  );
  // People as a person lists them ("user_1 и user_2"), and in the genitive where a sentence asks for
  // it (in English the same names: both languages' messages take the same placeholders).
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  const values = {
    ...figures,
    lostPoints: finding.lostPoints,
    unit: finding.unit,
    people: list.format(finding.people),
    peopleGen: list.format(finding.people.map((token) => `${token}[gen]`)),
    peopleCount: finding.people.length,
  };
  const factor = t(`kinds.${finding.kind}.factor`, values);
  const reviewers =
    finding.kind === 'review-wait' && finding.people.length > 0 ? ` ${t('kinds.review-wait.people', values)}` : '';
  // A plan too short that the last 90 days calibrate names the planned time to set; otherwise the p85 to aim at.
  const advice =
    finding.kind === 'planned-time-too-short' && 'suggestedPlanned' in finding.figures
      ? t('kinds.planned-time-too-short.calibratedAdvice', values)
      : t(`kinds.${finding.kind}.advice`, values);
  return { factor: factor + reviewers, advice };
}
