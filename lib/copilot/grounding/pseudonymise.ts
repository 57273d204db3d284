import type { AnalysisRequest, ModelFinding } from '@/lib/ai/analyst-model';
import type { Locale } from '@/lib/i18n/locales';
import type { AnalysedFlow } from '@/lib/findings/analysed-flow';
import type { Finding } from '@/lib/findings/finding';
import type { Gender } from '@/lib/people/name-forms';

/** Token (user_1…) → Bitrix24 user id, for mapping a model's answer back to people in the browser. */
export type PeopleTokens = Record<string, number>;

/**
 * The request for a model: findings with people as tokens in order of first mention, and the
 * flow's settings. Titles, descriptions and names never enter it (docs/copilot.md, "What a model sees, and the grounding check").
 */
export function analysisRequest(
  flow: AnalysedFlow,
  efficiency: number,
  findings: readonly Finding[],
  locale: Locale,
  /** People's genders by Bitrix24 user id, given only when the admin allows a model to know them. */
  genders?: ReadonlyMap<number, Gender>,
): { request: AnalysisRequest; people: PeopleTokens } {
  const { findings: modelFindings, people } = pseudonymisedFindings(findings);
  const tokenGenders = genders
    ? Object.fromEntries(
        Object.entries(people).flatMap(([token, id]) => {
          const gender = genders.get(id);
          return gender ? [[token, gender]] : [];
        }),
      )
    : undefined;
  return {
    request: {
      locale,
      efficiency,
      flow: {
        distributionType: flow.distributionType,
        plannedCompletionTime: flow.plannedCompletionTime,
        taskControl: flow.taskControl,
        matchWorkTime: flow.matchWorkTime,
        templated: flow.templateId > 0,
      },
      findings: modelFindings,
      ...(tokenGenders ? { genders: tokenGenders } : {}),
    },
    people,
  };
}

/** Findings with their people as tokens, numbered in order of first mention (the same findings give the same tokens). */
export function pseudonymisedFindings(findings: readonly Finding[]): {
  findings: ModelFinding[];
  people: PeopleTokens;
} {
  const tokens = new Map<number, string>();
  const tokenOf = (id: number) => {
    if (!tokens.has(id)) tokens.set(id, `user_${tokens.size + 1}`);
    return tokens.get(id)!;
  };
  return {
    findings: findings.map((finding) => ({ ...finding, people: finding.people.map(tokenOf) })),
    people: Object.fromEntries([...tokens].map(([id, token]) => [token, id])),
  };
}
