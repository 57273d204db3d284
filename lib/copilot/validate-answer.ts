import type { ModelFinding, ModelMessage } from '@/lib/ai/analyst-model';
import type { Locale } from '@/lib/i18n/locales';

export type AnswerProblem = {
  reason: 'unknown-finding' | 'unknown-person' | 'unknown-number' | 'unknown-task' | 'names-person';
  detail: string;
};

export type AnswerContext = {
  findings: readonly ModelFinding[];
  efficiency: number;
  locale: Locale;
  /** Names of the portal's people: a model never sees them, so naming one is made up. */
  names: readonly string[];
};

/** Percentile names are words here, not figures. */
const percentileWords = /\bp(?:50|85|95)\b/giu;
const personTokens = /\buser_\d+\b/gu;
const taskReferences = /#(\d+)\b/gu;

/**
 * The grounding check every model message passes before anyone sees it (DESIGN.md, CoPilot
 * rules): it cites findings that exist, and every person, task and number it names is in those
 * findings (numbers within rounding). Returns the problems; none means the message stands.
 */
export function answerProblems(message: ModelMessage, context: AnswerContext): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const cited = message.findingIds.map((id) => context.findings.find((finding) => finding.id === id));
  for (const [index, finding] of cited.entries()) {
    if (!finding) problems.push({ reason: 'unknown-finding', detail: message.findingIds[index]! });
  }
  const known = cited.filter((finding): finding is ModelFinding => finding !== undefined);
  const text = `${message.factor}\n${message.advice}`;

  const people = new Set(known.flatMap((finding) => finding.people));
  for (const token of text.match(personTokens) ?? []) if (!people.has(token)) problems.push({ reason: 'unknown-person', detail: token });

  const tasks = new Set(known.flatMap((finding) => finding.taskIds));
  for (const match of text.matchAll(taskReferences)) if (!tasks.has(Number(match[1]))) problems.push({ reason: 'unknown-task', detail: match[0] });

  const allowed = [context.efficiency, ...known.flatMap((finding) => [finding.lostPoints, ...Object.values(finding.figures)])];
  for (const number of numbersIn(text.replace(personTokens, ' ').replace(taskReferences, ' ').replace(percentileWords, ' '), context.locale)) {
    if (!allowed.some((value) => Math.abs(value - number) <= 0.5)) problems.push({ reason: 'unknown-number', detail: String(number) });
  }

  for (const name of context.names) {
    if (name.length >= 4 && new RegExp(`(?<!\\p{L})${escapeRegExp(name)}(?!\\p{L})`, 'iu').test(text)) problems.push({ reason: 'names-person', detail: name });
  }
  return problems;
}

/** Numbers as people write them: "1 234", "1,234" (English), "6,5" (Russian), "6.5". */
function numbersIn(text: string, locale: Locale): number[] {
  let normal = text.replace(/(\d)[\s\u00a0\u202f](?=\d{3}(?!\d))/gu, '$1');
  normal = locale === 'en' ? normal.replace(/(\d),(?=\d{3}(?!\d))/gu, '$1') : normal.replace(/(\d),(?=\d)/gu, '$1.');
  return [...normal.matchAll(/\d+(?:\.\d+)?/gu)].map((match) => Number(match[0]));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
