import type { ModelFinding, ModelMessage } from '@/lib/ai/analyst-model';
import type { Locale } from '@/lib/i18n/locales';

export type AnswerProblem = {
  reason: 'unknown-finding' | 'unknown-person' | 'unknown-number' | 'unknown-task' | 'names-person' | 'link';
  detail: string;
};

export type AnswerContext = {
  findings: readonly ModelFinding[];
  efficiency: number;
  locale: Locale;
  /** Names of the portal's people: a model never sees them, so naming one is made up. */
  names: readonly string[];
};

/** Percentile names are words here, not figures (p85, also with a Cyrillic р). */
const percentileWords = /(?<!\p{L})[pр](?:50|85|95)(?!\d)/giu;
const personTokens = /\buser_\d+\b/giu;
const taskReferences = /#(\d+)\b/gu;
/** Counts spelt out cannot be compared with the figures, so a model must write them as digits. */
const numberWords =
  /(?<!\p{L})(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|один|одна|одно|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|двадцать|тридцать|сорок|пятьдесят|сто|тысяча|тысячи|тысяч)(?!\p{L})/giu;
/** Links and markup: a message is quoted into Bitrix24 tasks, where BBCode and URLs come alive. */
const links = /https?:\/\/|www\.|\[\/?url|<\s*a[\s>]|\]\(/iu;

/**
 * The grounding check every model message passes before anyone sees it (docs/copilot.md, "What a
 * model sees, and the grounding check"): it cites findings that exist, and every person, task and number it names is in those
 * findings (numbers within rounding, none spelt out); it names no real person and carries no
 * link. Returns the problems; none means the message stands.
 */
export function answerProblems(message: ModelMessage, context: AnswerContext): AnswerProblem[] {
  const problems: AnswerProblem[] =
    message.findingIds.length === 0 ? [{ reason: 'unknown-finding', detail: 'none cited' }] : [];
  const cited = message.findingIds.map((id) => context.findings.find((finding) => finding.id === id));
  for (const [index, finding] of cited.entries()) {
    if (!finding) problems.push({ reason: 'unknown-finding', detail: message.findingIds[index]! });
  }
  const known = cited.filter((finding): finding is ModelFinding => finding !== undefined);
  const text = plainText(`${message.factor}\n${message.advice}`);

  const people = new Set(known.flatMap((finding) => finding.people));
  for (const token of text.match(personTokens) ?? [])
    if (!people.has(token.toLowerCase())) problems.push({ reason: 'unknown-person', detail: token });

  const tasks = new Set(known.flatMap((finding) => finding.taskIds));
  for (const match of text.matchAll(taskReferences))
    if (!tasks.has(Number(match[1]))) problems.push({ reason: 'unknown-task', detail: match[0] });

  for (const match of text.matchAll(numberWords)) problems.push({ reason: 'unknown-number', detail: match[0] });
  if (links.test(text)) problems.push({ reason: 'link', detail: links.exec(text)![0] });

  const allowed = [
    context.efficiency,
    ...known.flatMap((finding) => [finding.lostPoints, ...Object.values(finding.figures)]),
  ];
  for (const number of numbersIn(
    text.replace(personTokens, ' ').replace(taskReferences, ' ').replace(percentileWords, ' '),
    context.locale,
  )) {
    if (!allowed.some((value) => Math.abs(value - number) <= 0.5))
      problems.push({ reason: 'unknown-number', detail: String(number) });
  }

  for (const name of context.names) {
    if (name.length >= 4 && namePattern(plainText(name)).test(text))
      problems.push({ reason: 'names-person', detail: name });
  }
  return problems;
}

/**
 * Text as it reads: compatibility forms folded (fullwidth and superscript digits become digits),
 * invisible characters dropped, ё read as е, so that nothing hides a number or a name.
 */
function plainText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, '')
    .replace(/ё/gu, 'е')
    .replace(/Ё/gu, 'Е');
}

/** A name as a whole word; a Russian one also in its case forms (Петров, Петрова, Петрову, Петровым…). */
function namePattern(name: string): RegExp {
  const endings = /\p{Script=Cyrillic}$/u.test(name) ? '(?:а|я|у|ю|е|ы|и|ой|ей|ом|ем|ым|им|ою|ую)?' : '';
  return new RegExp(`(?<!\\p{L})${escapeRegExp(name)}${endings}(?!\\p{L})`, 'iu');
}

/**
 * Numbers as people write them: "1 234", "1,234" (English), "6,5" (Russian), "6.5". Groups join
 * only a whole number's digits, never a fraction's ("6.5 999" is two numbers). A digit of another
 * script (Arabic-Indic, …) cannot be read against the figures, so it counts as unknown (NaN).
 */
function numbersIn(text: string, locale: Locale): number[] {
  const group = locale === 'en' ? '[\\s\\u00a0\\u202f,]' : '[\\s\\u00a0\\u202f]';
  let normal = text.replace(new RegExp(`(?<![\\d.,])\\d{1,3}(?:${group}\\d{3})+(?!\\d)`, 'gu'), (whole) =>
    whole.replace(/\D/gu, ''),
  );
  if (locale === 'ru') normal = normal.replace(/(\d),(?=\d)/gu, '$1.');
  const foreign = [...normal.matchAll(/\p{Nd}/gu)].filter((match) => !/[0-9]/.test(match[0])).map(() => Number.NaN);
  return [...[...normal.matchAll(/\d+(?:\.\d+)?/gu)].map((match) => Number(match[0])), ...foreign];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
