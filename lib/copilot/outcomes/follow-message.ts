import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { FollowedVia } from '@/lib/db/generated/enums';
import { isProblemKind, type ProblemKind } from '@/lib/findings/finding';
import { flowFindings } from '@/lib/findings/flow-findings';
import { ActionError } from '@/lib/errors/action-error';
import { analysisRecordSchema } from '../analysis/analysis-record';
import { loadAnalysedFlow } from '../analysis/load-analysed-flow';
import { outcomeFigures, type OutcomeFigures } from './outcome-figures';

/** The problem a message is about: its first problem finding, with the people it names; null for praise. */
export function messageProblem(
  record: z.infer<typeof analysisRecordSchema>,
  messageIndex: number,
): { kind: ProblemKind; people: number[] } | null {
  const message = record.messages[messageIndex];
  if (!message) return null;
  for (const id of message.findingIds) {
    const finding = record.findings.find((candidate) => candidate.id === id);
    if (finding && isProblemKind(finding.kind)) return { kind: finding.kind, people: finding.people };
  }
  return null;
}

/** The finding's figures in the flow at a moment, from the mirror. */
export async function figuresAt(
  db: PrismaClient,
  flowId: string,
  problem: { kind: ProblemKind; people: readonly number[] },
  at: Date,
): Promise<OutcomeFigures> {
  const loaded = await loadAnalysedFlow(db, flowId, at);
  if (!loaded) throw new ActionError('not-found', 'No such flow.');
  return outcomeFigures(loaded.flow, flowFindings(loaded.flow), problem.kind, problem.people);
}

/**
 * Records that the team acted on a message (docs/copilot.md, "Did the advice work?"), with its
 * finding's figures at the moment of acting, so that later figures can be set beside them. The
 * first way a message was followed is kept; a message about what goes well is not advice to follow.
 */
export async function followMessage(
  db: PrismaClient,
  input: {
    analysisId: string;
    messageIndex: number;
    via: FollowedVia;
    actedAt: Date;
    bitrixTaskId?: number;
    userId: string;
  },
): Promise<{ created: boolean }> {
  const analysis = await db.copilotAnalysis.findUniqueOrThrow({
    where: { id: input.analysisId },
    select: { flowId: true, findings: true, messages: true, people: true },
  });
  const problem = messageProblem(analysisRecordSchema.parse(analysis), input.messageIndex);
  if (!problem)
    throw new ActionError('not-advice', 'This message is about what goes well; there is nothing to follow.');
  const before = await figuresAt(db, analysis.flowId, problem, input.actedAt);
  const created = await db.copilotFollowedMessage.createMany({
    data: [
      {
        analysisId: input.analysisId,
        messageIndex: input.messageIndex,
        flowId: analysis.flowId,
        via: input.via,
        actedAt: input.actedAt,
        findingKind: problem.kind,
        people: problem.people,
        before,
        bitrixTaskId: input.bitrixTaskId ?? null,
        followedById: input.userId,
      },
    ],
    skipDuplicates: true,
  });
  return { created: created.count > 0 };
}
