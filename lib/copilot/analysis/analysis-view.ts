import { builtinAnalyst, builtinMessages } from '@/lib/ai/builtin-analyst';
import { modelErrorCodes, type ModelErrorCode } from '@/lib/ai/model-errors';
import { taskUrl } from '@/lib/bitrix24/portal-links';
import type { Viewer } from '@/lib/auth/viewer';
import { nameForms } from '@/lib/people/name-forms';
import type { NameCase } from '@/lib/people/name-cases';
import { namePartsOf } from '@/lib/people/name-parts-of';
import { peopleOf } from '@/lib/people/people-of';
import type { PrismaClient } from '@/lib/db/client';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { analysisRecordSchema } from './analysis-record';
import { abandonedRunMs } from './analysis-run';
import type { Finding, FindingKind } from '@/lib/findings/finding';
import { pseudonymisedFindings } from '../grounding/pseudonymise';
import { messageProblem } from '../outcomes/follow-message';
import { followedSelect, messageOutcomes, type MessageOutcome } from '../outcomes/message-outcomes';

export type AnalysisState = 'running' | 'succeeded' | 'failed' | 'interrupted';

/** The model's answer cited what the findings do not hold, or the model failed in one of these ways. */
export type FallbackReason = 'ungrounded' | ModelErrorCode;

/** The reason's code from the stored "code: details". */
function fallbackReason(error: string): FallbackReason {
  const code = error.split(':')[0] ?? '';
  return (modelErrorCodes as readonly string[]).includes(code) ? (code as ModelErrorCode) : 'ungrounded';
}

export type AnalysisMessageView = {
  index: number;
  findingIds: string[];
  factor: string;
  advice: string;
  actions: { kind: 'task' | 'meeting'; bitrixId: number; url: string }[];
  /** The viewer's own vote; the counts only for admins. */
  feedback: { mine: boolean | null; helpful: number | null; notHelpful: number | null };
  /** Whether the message is about a problem, so the team can follow it. */
  followable: boolean;
  /** Since the team acted on it: its finding's figures then and now. */
  followed: MessageOutcome | null;
};

export type PersonView = { id: number; name: string };
/** A person named in messages: also the name in each case, for tokens such as `user_1[gen]` (without them, the name as it is). */
export type TokenPersonView = PersonView & { forms?: Record<NameCase, string> };

/** One analysis as the CoPilot panel shows it (plain JSON). */
export type AnalysisView = {
  id: string;
  flowId: string;
  state: AnalysisState;
  startedAt: string;
  finishedAt: string | null;
  trigger: string;
  model: string;
  efficiency: number;
  taskCount: number;
  window: { start: string; end: string };
  /** Why the built-in analyst's messages stand in for the chosen model's (its details stay on the server). */
  fallback: FallbackReason | null;
  findings: Finding[];
  unexplainedPoints: number;
  messages: AnalysisMessageView[];
  /** Person tokens (user_1…) of the messages → people, mapped back only here, for the viewer. */
  tokens: Record<string, TokenPersonView>;
  people: Record<number, PersonView>;
  tasks: Record<number, { title: string; url: string }>;
  previous: {
    id: string;
    startedAt: string;
    efficiency: number;
    findings: { kind: FindingKind; lostPoints: number }[];
  } | null;
  flow: { name: string; ownerId: number | null; team: PersonView[] };
  /** Advice of earlier analyses of the flow that the team followed, newest first: shown before the messages. */
  followedEarlier: MessageOutcome[];
  /** The people outcomes name, with their names in each case. */
  outcomePeople: Record<number, TokenPersonView>;
};

/** Earlier followed advice shown at the top of an analysis. */
const followedEarlierShown = 3;

/**
 * An analysis of one of the viewer's flows, or null. The built-in analyst's messages are written
 * again in the viewer's language when it differs from the one asked in; a provider's stay as given.
 */
export async function analysisView(
  db: PrismaClient,
  viewer: Viewer,
  analysisId: string,
  locale: Locale,
  now = new Date(),
): Promise<AnalysisView | null> {
  const analysis = await db.copilotAnalysis.findFirst({
    where: { id: analysisId, flow: visibleFlowsWhere(viewer) },
    include: {
      flow: {
        select: {
          name: true,
          ownerId: true,
          portalId: true,
          portal: { select: { domain: true } },
          members: { select: { bitrixUserId: true, role: true } },
        },
      },
      actions: { orderBy: { createdAt: 'asc' }, select: { messageIndex: true, kind: true, bitrixId: true, url: true } },
      feedback: { select: { messageIndex: true, userId: true, helpful: true } },
    },
  });
  if (!analysis) return null;
  const record = analysisRecordSchema.parse(analysis);
  const { flow } = analysis;

  const memberIds = flow.members.map((member) => member.bitrixUserId);
  const personIds = [
    ...new Set([
      ...memberIds,
      ...Object.values(record.people),
      ...record.findings.flatMap((finding) => finding.people),
      ...(flow.ownerId ? [flow.ownerId] : []),
    ]),
  ];
  const taskIds = [...new Set(record.findings.flatMap((finding) => finding.taskIds))];
  const followedRows = await db.copilotFollowedMessage.findMany({
    where: { flowId: analysis.flowId, analysis: { startedAt: { lte: analysis.startedAt } } },
    orderBy: { actedAt: 'desc' },
    select: followedSelect,
  });
  const thisAnalysis = followedRows.filter((row) => row.analysisId === analysis.id);
  const earlier = followedRows.filter((row) => row.analysisId !== analysis.id).slice(0, followedEarlierShown);
  const outcomes =
    [...thisAnalysis, ...earlier].length > 0 ? await messageOutcomes(db, [...thisAnalysis, ...earlier], now) : [];
  const outcomePeopleIds = [...new Set(outcomes.flatMap((outcome) => outcome.people))];
  const [personOf, nameParts, tasks, previous] = await Promise.all([
    peopleOf(
      db,
      [...new Set([...personIds, ...outcomePeopleIds])].map((bitrixUserId) => ({
        portalId: flow.portalId,
        bitrixUserId,
      })),
    ),
    namePartsOf(db, flow.portalId, [...new Set([...Object.values(record.people), ...outcomePeopleIds])]),
    db.task.findMany({
      where: { portalId: flow.portalId, bitrixTaskId: { in: taskIds } },
      select: { bitrixTaskId: true, title: true, responsibleId: true },
    }),
    db.copilotAnalysis.findFirst({
      where: { flowId: analysis.flowId, state: 'succeeded', startedAt: { lt: analysis.startedAt } },
      orderBy: { startedAt: 'desc' },
      select: { id: true, startedAt: true, efficiency: true, findings: true },
    }),
  ]);
  const person = (id: number): PersonView => ({ id, name: personOf(flow.portalId, id).name });

  const interrupted =
    (analysis.state === 'running' && now.getTime() - analysis.startedAt.getTime() > abandonedRunMs) ||
    (analysis.state === 'failed' && analysis.error === 'interrupted');
  const rewrite = analysis.model === builtinAnalyst.id && analysis.state === 'succeeded' && analysis.locale !== locale;
  const messages = rewrite ? builtinMessages(pseudonymisedFindings(record.findings).findings, locale) : record.messages;
  const messagesLocale = rewrite || !isLocale(analysis.locale) ? locale : analysis.locale;
  // Someone the mirror does not know keeps their shown name in every case.
  const tokenPerson = (id: number): TokenPersonView => {
    const parts = nameParts.get(id);
    return parts ? { ...person(id), forms: nameForms(parts, messagesLocale) } : person(id);
  };
  const lost = record.findings.reduce((sum, finding) => sum + finding.lostPoints, 0);
  return {
    id: analysis.id,
    flowId: analysis.flowId,
    state: interrupted ? 'interrupted' : analysis.state,
    startedAt: analysis.startedAt.toISOString(),
    finishedAt: analysis.finishedAt?.toISOString() ?? null,
    trigger: analysis.trigger,
    model: analysis.model,
    efficiency: analysis.efficiency,
    taskCount: analysis.taskCount,
    window: { start: analysis.windowStart.toISOString(), end: analysis.windowEnd.toISOString() },
    fallback: analysis.state === 'succeeded' && analysis.error !== null ? fallbackReason(analysis.error) : null,
    findings: record.findings,
    unexplainedPoints: Math.max(0, 100 - analysis.efficiency - lost),
    messages: messages.map((message, index) => {
      const votes = analysis.feedback.filter((vote) => vote.messageIndex === index);
      return {
        index,
        ...message,
        actions: analysis.actions
          .filter((action) => action.messageIndex === index)
          .map(({ kind, bitrixId, url }) => ({ kind, bitrixId, url })),
        feedback: {
          mine: votes.find((vote) => vote.userId === viewer.id)?.helpful ?? null,
          helpful: viewer.role === 'admin' ? votes.filter((vote) => vote.helpful).length : null,
          notHelpful: viewer.role === 'admin' ? votes.filter((vote) => !vote.helpful).length : null,
        },
        followable: messageProblem(record, index) !== null,
        followed:
          outcomes.find((outcome) => outcome.analysisId === analysis.id && outcome.messageIndex === index) ?? null,
      };
    }),
    tokens: Object.fromEntries(Object.entries(record.people).map(([token, id]) => [token, tokenPerson(id)])),
    people: Object.fromEntries(personIds.map((id) => [id, person(id)])),
    tasks: Object.fromEntries(
      tasks.map((task) => [
        task.bitrixTaskId,
        { title: task.title, url: taskUrl(flow.portal.domain, task.bitrixTaskId, task.responsibleId) },
      ]),
    ),
    previous: previous
      ? {
          id: previous.id,
          startedAt: previous.startedAt.toISOString(),
          efficiency: previous.efficiency,
          findings: analysisRecordSchema.shape.findings
            .parse(previous.findings)
            .map(({ kind, lostPoints }) => ({ kind, lostPoints })),
        }
      : null,
    flow: {
      name: flow.name,
      ownerId: flow.ownerId,
      team: [...new Set(memberIds)].map(person).sort((a, b) => a.name.localeCompare(b.name)),
    },
    followedEarlier: outcomes.filter((outcome) => outcome.analysisId !== analysis.id),
    outcomePeople: Object.fromEntries(outcomePeopleIds.map((id) => [id, tokenPerson(id)])),
  };
}
