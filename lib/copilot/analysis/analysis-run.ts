import { modelMessageSchema, type AnalysisRequest, type AnalystModel, type ModelMessage } from '@/lib/ai/analyst-model';
import { builtinAnalyst } from '@/lib/ai/builtin-analyst';
import { modelErrorFrom } from '@/lib/ai/model-errors';
import type { PrismaClient } from '@/lib/db/client';
import type { AnalysisTrigger, Prisma } from '@/lib/db/generated/client';
import type { Locale } from '@/lib/i18n/locales';
import type { FlowFindings } from '@/lib/findings/flow-findings';
import type { FlowToAnalyse } from './load-analysed-flow';
import { personNames } from '../grounding/names-to-catch';
import { recordModelRequest } from '../settings/request-log';
import { analysisRequest } from '../grounding/pseudonymise';
import { answerProblems, type AnswerContext } from '../grounding/validate-answer';
import type { Gender } from '@/lib/people/name-forms';

/** A run that has not finished in this time is given up: its model call is aborted and the row closed. */
export const abandonedRunMs = 120_000;
/** No more messages than findings could need; the rest of a model's answer is not read. */
const maxMessages = 20;

export type NewAnalysis = {
  loaded: FlowToAnalyse;
  result: FlowFindings;
  /** Reading the flow and computing its findings. */
  findingsMs: number;
  trigger: AnalysisTrigger;
  locale: Locale;
  requestedById: string | null;
  model: AnalystModel;
  /** People's genders for the model, when the admin allows it (CopilotSettings.shareGenderWithModel). */
  genders?: ReadonlyMap<number, Gender>;
};

type Db = PrismaClient | Prisma.TransactionClient;

/** Runs left `running` past their time (a restart, a model that never answered) are closed as failed. */
export async function closeAbandonedRuns(db: Db, flowId: string, now: Date): Promise<void> {
  await db.copilotAnalysis.updateMany({
    where: { flowId, state: 'running', startedAt: { lt: new Date(now.getTime() - abandonedRunMs) } },
    data: { state: 'failed', error: 'interrupted', finishedAt: now },
  });
}

/**
 * Records a new analysis (its findings at once, state running) with `tx`, and returns its id with
 * the work still to do on `db`: the model phrases the findings and each message is checked and
 * stored as it comes, so the panel shows them one by one. An answer that fails the schema or the
 * grounding check is replaced by the built-in analyst's, with the reason kept on the analysis.
 */
export async function startAnalysis(
  tx: Db,
  db: PrismaClient,
  analysis: NewAnalysis,
): Promise<{ id: string; phrase: () => Promise<void> }> {
  const { loaded, result } = analysis;
  const { request, people } = analysisRequest(
    loaded.flow,
    result.efficiency,
    result.findings,
    analysis.locale,
    analysis.genders,
  );
  const { id } = await tx.copilotAnalysis.create({
    data: {
      portalId: loaded.portalId,
      flowId: loaded.flowId,
      requestedById: analysis.requestedById,
      trigger: analysis.trigger,
      model: analysis.model.id,
      locale: analysis.locale,
      efficiency: result.efficiency,
      taskCount: result.counted,
      windowStart: new Date(result.window.start),
      windowEnd: new Date(result.window.end),
      findings: result.findings,
      people,
      findingsMs: Math.round(analysis.findingsMs),
    },
    select: { id: true },
  });

  async function phrase() {
    const started = performance.now();
    const employees = await db.employee.findMany({
      where: { portalId: loaded.portalId },
      select: { name: true, lastName: true },
    });
    const context = {
      findings: request.findings,
      efficiency: result.efficiency,
      locale: analysis.locale,
      names: personNames(employees),
    };
    try {
      const answer = await checkedAnswer(db, id, analysis.model, request, context);
      if (analysis.model.id !== builtinAnalyst.id) {
        await recordModelRequest(db, {
          analysisId: id,
          model: analysis.model.id,
          request,
          answer: { messages: answer.received, rejected: answer.rejected },
        });
      }
      const messages: ModelMessage[] = [];
      if (answer.rejected === null) messages.push(...answer.messages);
      else
        for await (const event of builtinAnalyst.phrase(request))
          if (event.type === 'message') messages.push(event.message);
      await db.copilotAnalysis.update({
        where: { id },
        data: {
          state: 'succeeded',
          messages,
          error: answer.rejected,
          modelMs: Math.round(performance.now() - started),
          promptTokens: answer.usage.promptTokens,
          completionTokens: answer.usage.completionTokens,
          finishedAt: new Date(),
        },
      });
    } catch (error) {
      // The reason stays here for the admin; the panel only says the analysis failed.
      await db.copilotAnalysis.update({
        where: { id },
        data: {
          state: 'failed',
          error: error instanceof Error ? error.message : String(error),
          modelMs: Math.round(performance.now() - started),
          finishedAt: new Date(),
        },
      });
    }
  }
  return { id, phrase };
}

type CheckedAnswer = {
  /** The messages that passed, each stored on the analysis as it came. */
  messages: ModelMessage[];
  /** As the model sent them, before any check (parsed JSON, so storable as it is). */
  received: Prisma.InputJsonValue[];
  usage: { promptTokens: number; completionTokens: number };
  /** Why the answer was set aside: the first message that failed the schema or the grounding check, or the provider's failure. */
  rejected: string | null;
};

/** Reads the model's messages, checking each and storing it as it comes; a provider that fails leaves a rejection, not an error. */
async function checkedAnswer(
  db: PrismaClient,
  id: string,
  model: AnalystModel,
  request: AnalysisRequest,
  context: AnswerContext,
): Promise<CheckedAnswer> {
  const answer: CheckedAnswer = {
    messages: [],
    received: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    rejected: null,
  };
  try {
    for await (const event of model.phrase(request, AbortSignal.timeout(abandonedRunMs))) {
      if (event.type === 'usage') {
        answer.usage = { promptTokens: event.promptTokens, completionTokens: event.completionTokens };
        continue;
      }
      answer.received.push(event.message as Prisma.InputJsonValue);
      const parsed = modelMessageSchema.safeParse(event.message);
      const problems = parsed.success
        ? answerProblems(parsed.data, context).map((problem) => `${problem.reason}: ${problem.detail}`)
        : [`malformed: ${parsed.error.issues[0]?.message ?? ''}`];
      if (answer.messages.length >= maxMessages) problems.push(`more than ${maxMessages} messages`);
      if (!parsed.success || problems.length > 0) return { ...answer, rejected: `ungrounded: ${problems.join('; ')}` };
      answer.messages.push(parsed.data);
      await db.copilotAnalysis.update({ where: { id }, data: { messages: answer.messages } });
    }
  } catch (error) {
    // A provider that fails still leaves the reader an answer: the built-in analyst's.
    const failure = modelErrorFrom(error);
    return { ...answer, rejected: `${failure.code}: ${failure.message}` };
  }
  return answer;
}
