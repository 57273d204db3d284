import type { AnalystModel, ModelMessage } from '@/lib/ai/analyst-model';
import { builtinAnalyst } from '@/lib/ai/builtin-analyst';
import type { PrismaClient } from '@/lib/db/client';
import type { AnalysisTrigger } from '@/lib/db/generated/client';
import type { Locale } from '@/lib/i18n/locales';
import type { FlowFindings } from './flow-findings';
import type { FlowToAnalyse } from './load-analysed-flow';
import { analysisRequest } from './pseudonymise';
import { answerProblems } from './validate-answer';

export type NewAnalysis = {
  loaded: FlowToAnalyse;
  result: FlowFindings;
  findingsMs: number;
  trigger: AnalysisTrigger;
  locale: Locale;
  requestedById: string | null;
  model: AnalystModel;
};

/**
 * Records a new analysis (its findings at once, state running) and returns its id with the work
 * still to do: the model phrases the findings and each message is checked and stored as it
 * comes, so the panel shows them one by one. An answer that fails the check is replaced by the
 * built-in analyst's, with the reason kept on the analysis.
 */
export async function startAnalysis(db: PrismaClient, analysis: NewAnalysis): Promise<{ id: string; phrase: () => Promise<void> }> {
  const { loaded, result } = analysis;
  const { request, people } = analysisRequest(loaded.flow, result.efficiency, result.findings, analysis.locale);
  const { id } = await db.copilotAnalysis.create({
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

  const names = await db.employee.findMany({ where: { portalId: loaded.portalId }, select: { name: true, lastName: true } });
  const context = { findings: request.findings, efficiency: result.efficiency, locale: analysis.locale, names: names.flatMap((person) => [`${person.name} ${person.lastName}`.trim(), person.lastName]) };

  async function phrase() {
    const started = performance.now();
    const messages: ModelMessage[] = [];
    let usage = { promptTokens: 0, completionTokens: 0 };
    let rejected: string | null = null;
    try {
      for await (const event of analysis.model.phrase(request)) {
        if (event.type === 'usage') {
          usage = { promptTokens: event.promptTokens, completionTokens: event.completionTokens };
          continue;
        }
        const problems = answerProblems(event.message, context);
        if (problems.length > 0) {
          rejected = `The model's answer cited what the findings do not hold (${problems.map((problem) => `${problem.reason}: ${problem.detail}`).join('; ')}).`;
          break;
        }
        messages.push(event.message);
        await db.copilotAnalysis.update({ where: { id }, data: { messages } });
      }
      if (rejected !== null) {
        messages.length = 0;
        for await (const event of builtinAnalyst.phrase(request)) if (event.type === 'message') messages.push(event.message);
      }
      await db.copilotAnalysis.update({
        where: { id },
        data: {
          state: 'succeeded',
          messages,
          error: rejected,
          modelMs: Math.round(performance.now() - started),
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          finishedAt: new Date(),
        },
      });
    } catch (error) {
      await db.copilotAnalysis.update({
        where: { id },
        data: { state: 'failed', error: error instanceof Error ? error.message : String(error), modelMs: Math.round(performance.now() - started), finishedAt: new Date() },
      });
    }
  }
  return { id, phrase };
}
