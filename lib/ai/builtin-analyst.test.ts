import { describe, expect, it } from 'vitest';
import { findingKinds, problemKinds, strengthKinds, type FindingKind } from '@/lib/findings/finding';
import { answerProblems, type AnswerContext } from '@/lib/copilot/grounding/validate-answer';
import type { Locale } from '@/lib/i18n/locales';
import type { AnalysisRequest, ModelEvent, ModelFinding, ModelMessage } from './analyst-model';
import { builtinAnalyst } from './builtin-analyst';

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/**
 * Realistic figures for every finding kind, with the keys lib/findings/flow-findings.ts gives it
 * (problems also carry `lateTasks`): decimals such as 6.5 and counts of 1000 and more.
 */
const figuresOf: Record<FindingKind, Record<string, number>> = {
  'dismissed-in-team': { members: 2, openTasks: 14, lateTasks: 6 },
  'review-wait': { medianReview: 1.5, planned: 3, reviewed: 1250, lateTasks: 11 },
  'weekend-deadlines': { weekendDeadlines: 1040, weekendLatePct: 38, otherLatePct: 12, lateTasks: 27 },
  'slow-manual-distribution': { medianAssignDelay: 1.2, planned: 3, undistributed: 17, lateTasks: 8 },
  'overloaded-assignee': {
    openTasks: 1234,
    overdueTasks: 310,
    teamMedianOpen: 6.5,
    overloadedPeople: 2,
    lateTasks: 44,
  },
  'intake-spike': { spikeDays: 9, intakePerDay: 14.3, completedPerDay: 6.5, usualPerDay: 5.8, lateTasks: 12 },
  'thin-descriptions': {
    thinTasks: 1500,
    thinLatePct: 42,
    otherLatePct: 17,
    lateComments: 6.5,
    onTimeComments: 2.1,
    lateTasks: 30,
  },
  'slow-pickup': { medianPickup: 6.5, planned: 16, waitingNow: 23, lateTasks: 10 },
  'planned-time-too-short': { planned: 3, p85Lead: 6.5, p50Lead: 2.4, completed: 2480, lateTasks: 19 },
  'postponed-deadlines': { postponedTasks: 1020, postponedPct: 27, lateTasks: 33 },
  'balanced-load': { maxOpen: 7, teamMedianOpen: 4.5, assignees: 12 },
  'quick-pickup': { medianPickup: 0.4, planned: 3 },
  'realistic-planned-time': { p85Lead: 2.6, planned: 3, completed: 1180 },
  'complete-descriptions': { thinTasks: 3, counted: 1450, templated: 1 },
  'steady-delivery': { onTime: 1376, counted: 1450 },
};

/** Kinds whose findings concern people (flow-findings.ts gives them `people`). */
const peopleOf: Partial<Record<FindingKind, string[]>> = {
  'dismissed-in-team': ['user_1', 'user_2'],
  'review-wait': ['user_1'],
  'slow-manual-distribution': ['user_2'],
  'overloaded-assignee': ['user_1', 'user_2'],
};
const kindsWithPeople = Object.keys(peopleOf) as FindingKind[];

/** Lost points per problem kind: 1 (singular), 2–4 (Russian "few"), 5+ (Russian "many"), 21. */
const lostPointsOf: Partial<Record<FindingKind, number>> = {
  'dismissed-in-team': 8,
  'review-wait': 9,
  'weekend-deadlines': 5,
  'slow-manual-distribution': 6,
  'overloaded-assignee': 21,
  'intake-spike': 4,
  'thin-descriptions': 3,
  'slow-pickup': 2,
  'planned-time-too-short': 13,
  'postponed-deadlines': 1,
};

function finding(kind: FindingKind, index: number, overrides: Partial<ModelFinding> = {}): ModelFinding {
  const problem = (problemKinds as readonly string[]).includes(kind);
  const lostPoints = lostPointsOf[kind] ?? 0;
  return {
    id: `f${index + 1}`,
    kind,
    tone: problem ? 'problem' : 'strength',
    severity: problem ? (lostPoints >= 10 ? 'high' : lostPoints >= 4 ? 'medium' : 'low') : 'low',
    lostPoints,
    figures: figuresOf[kind],
    unit: kind === 'slow-pickup' ? 'hour' : 'day',
    people: peopleOf[kind] ?? [],
    taskIds: problem ? [4821 + index, 4700 + index] : [],
    ...overrides,
  };
}

const efficiency = 62;
const flow: AnalysisRequest['flow'] = {
  distributionType: 'manually',
  plannedCompletionTime: 3 * 86_400,
  taskControl: true,
  matchWorkTime: false,
  templated: true,
};

function request(locale: Locale, findings: ModelFinding[]): AnalysisRequest {
  return { locale, efficiency, flow, findings };
}

/** Every finding kind once, f1…f15 in the order of lib/findings/finding.ts. */
const allFindings = findingKinds.map((kind, index) => finding(kind, index));

/** Real names of the portal's people: the analyst never sees them, so none may appear. */
const names = ['Иван Петров', 'Петров', 'Anna Smith', 'Smith'];

function contextOf(req: AnalysisRequest): AnswerContext {
  return { findings: req.findings, efficiency: req.efficiency, locale: req.locale, names };
}

async function eventsOf(req: AnalysisRequest): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of builtinAnalyst.phrase(req)) events.push(event);
  return events;
}

async function messagesOf(req: AnalysisRequest): Promise<ModelMessage[]> {
  return (await eventsOf(req)).flatMap((event) => (event.type === 'message' ? [event.message] : []));
}

const textOf = (message: ModelMessage) => `${message.factor}\n${message.advice}`;
const locales: Locale[] = ['ru', 'en'];

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('builtinAnalyst', () => {
  it('is the built-in model', () => {
    expect(builtinAnalyst.id).toBe('builtin');
  });

  it('covers every finding kind in these tests', () => {
    expect(Object.keys(figuresOf).sort()).toEqual([...findingKinds].sort());
    expect([...problemKinds, ...strengthKinds]).toHaveLength(allFindings.length);
  });

  describe.each(locales)('in %s', (locale) => {
    it('yields one message per finding, in order, each citing exactly its finding', async () => {
      const events = await eventsOf(request(locale, allFindings));
      expect(events.every((event) => event.type === 'message')).toBe(true);
      const messages = await messagesOf(request(locale, allFindings));
      expect(messages).toHaveLength(allFindings.length);
      expect(messages.map((message) => message.findingIds)).toEqual(allFindings.map((f) => [f.id]));
    });

    it('keeps the order it is given, not the order of kinds', async () => {
      const reversed = [...allFindings].reverse().map((f, index) => ({ ...f, id: `f${index + 1}` }));
      const messages = await messagesOf(request(locale, reversed));
      expect(messages.map((message) => message.findingIds)).toEqual(reversed.map((f) => [f.id]));
      const inOrder = await messagesOf(request(locale, allFindings));
      expect(messages.map((message) => message.factor)).toEqual(
        [...inOrder].reverse().map((message) => message.factor),
      );
    });

    it('says nothing when there are no findings', async () => {
      expect(await eventsOf(request(locale, []))).toEqual([]);
    });

    it('writes well-formed, non-empty messages that fit the model message schema limits', async () => {
      for (const message of await messagesOf(request(locale, allFindings))) {
        for (const text of [message.factor, message.advice]) {
          expect(text.trim().length).toBeGreaterThan(0);
          expect(text.length).toBeLessThanOrEqual(800);
          // No unfilled ICU placeholder and no missing-message fallback (the key path).
          expect(text).not.toMatch(/[{}]/u);
          expect(text).not.toMatch(/analyst\.|kinds\./u);
          expect(text).not.toMatch(/undefined|NaN/u);
        }
      }
    });

    it.each(findingKinds)('phrases %s with nothing the finding does not hold', async (kind) => {
      const req = request(locale, allFindings);
      const index = findingKinds.indexOf(kind);
      const messages = await messagesOf(req);
      const message = messages[index]!;
      expect(message.findingIds).toEqual([`f${index + 1}`]);
      expect(answerProblems(message, contextOf(req))).toEqual([]);
      // Alone, too (only its own finding to draw from).
      const alone = request(locale, [finding(kind, 0)]);
      const [only] = await messagesOf(alone);
      expect(answerProblems(only!, contextOf(alone))).toEqual([]);
      // Not vacuous: a problem names its figures, at least its lost points.
      if ((problemKinds as readonly string[]).includes(kind))
        expect(message.factor).toMatch(new RegExp(`\\b${lostPointsOf[kind]}\\b`, 'u'));
    });

    it.each(findingKinds)('phrases %s in hours as well as in days', async (kind) => {
      for (const unit of ['hour', 'day'] as const) {
        const req = request(locale, [finding(kind, 0, { unit })]);
        const [message] = await messagesOf(req);
        expect(answerProblems(message!, contextOf(req))).toEqual([]);
      }
    });

    it('names the planned time the last 90 days call for, when the finding has it, with nothing it does not hold', async () => {
      const calibration = {
        suggestedPlanned: 4.5,
        plannedOnTimePct: 41,
        suggestedOnTimePct: 86,
        calibrationTasks: 1234,
        calibrationDays: 90,
      };
      for (const unit of ['hour', 'day'] as const) {
        const req = request(locale, [
          finding('planned-time-too-short', 0, {
            unit,
            figures: { ...figuresOf['planned-time-too-short'], ...calibration },
          }),
        ]);
        const [message] = await messagesOf(req);
        expect(answerProblems(message!, contextOf(req))).toEqual([]);
        expect(message!.advice).toMatch(
          locale === 'ru' ? /4,5.+86 %.+1\s234.+90.+41 %/u : /4\.5.+86 %.+90.+1,234.+41 %/u,
        );
      }
      // Without it, the advice points at the p85 as before.
      const [plain] = await messagesOf(request(locale, [finding('planned-time-too-short', 0)]));
      expect(plain!.advice).not.toMatch(/86|41/u);
      expect(plain!.advice).toContain(locale === 'ru' ? '6,5' : '6.5');
    });

    it.each(kindsWithPeople)('names the people of %s by their tokens, and never by name', async (kind) => {
      const req = request(locale, allFindings);
      const index = findingKinds.indexOf(kind);
      const message = (await messagesOf(req))[index]!;
      const text = textOf(message);
      for (const token of peopleOf[kind]!) expect(text).toContain(token);
      for (const name of names) expect(text.toLowerCase()).not.toContain(name.toLowerCase());
    });

    it('mentions no person token in kinds without people', async () => {
      const messages = await messagesOf(request(locale, allFindings));
      for (const [index, message] of messages.entries()) {
        if (allFindings[index]!.people.length === 0) expect(textOf(message)).not.toMatch(/user_\d+/u);
      }
    });

    it('adds the reviewers to review-wait only when there are any', async () => {
      const withPeople = (await messagesOf(request(locale, [finding('review-wait', 0)])))[0]!;
      const without = (await messagesOf(request(locale, [finding('review-wait', 0, { people: [] })])))[0]!;
      expect(withPeople.factor).toContain('user_1');
      expect(without.factor).not.toMatch(/user_\d+/u);
      expect(withPeople.factor.startsWith(without.factor)).toBe(true);
      expect(withPeople.factor.length).toBeGreaterThan(without.factor.length);
    });

    it('is deterministic: the same request twice gives the same messages', async () => {
      const first = await eventsOf(request(locale, allFindings));
      const second = await eventsOf(request(locale, allFindings));
      expect(second).toEqual(first);
    });
  });

  it('writes different texts in Russian and English', async () => {
    const ru = await messagesOf(request('ru', allFindings));
    const en = await messagesOf(request('en', allFindings));
    expect(ru).toHaveLength(en.length);
    for (const [index, message] of ru.entries()) {
      expect(message.findingIds).toEqual(en[index]!.findingIds);
      expect(message.factor).not.toBe(en[index]!.factor);
      expect(message.advice).not.toBe(en[index]!.advice);
      expect(textOf(message)).toMatch(/\p{Script=Cyrillic}/u);
      // English prose; only person tokens and figures are shared.
      expect(textOf(en[index]!)).not.toMatch(/\p{Script=Cyrillic}/u);
    }
  });
});

describe('figures in the language of the answer', () => {
  it('writes decimals and thousands as Russian and English readers do', async () => {
    const finding: ModelFinding = {
      id: 'f1',
      kind: 'overloaded-assignee',
      tone: 'problem',
      severity: 'high',
      lostPoints: 12,
      unit: 'day',
      people: ['user_1'],
      taskIds: [],
      figures: { openTasks: 1234, overdueTasks: 9, teamMedianOpen: 6.5, overloadedPeople: 1, lateTasks: 15 },
    };
    const factor = async (locale: 'ru' | 'en') => {
      const request: AnalysisRequest = {
        locale,
        efficiency: 40,
        flow: {
          distributionType: 'queue',
          plannedCompletionTime: 259_200,
          taskControl: false,
          matchWorkTime: true,
          templated: false,
        },
        findings: [finding],
      };
      const texts: string[] = [];
      for await (const event of builtinAnalyst.phrase(request))
        if (event.type === 'message') texts.push(event.message.factor);
      return texts.join(' ');
    };
    expect(await factor('ru')).toMatch(/1\s234/u);
    expect(await factor('ru')).toContain('6,5');
    expect(await factor('en')).toContain('1,234');
    expect(await factor('en')).toContain('6.5');
  });
});
