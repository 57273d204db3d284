import type { PrismaClient } from '@/lib/db/client';
import type { FollowedVia } from '@/lib/db/generated/enums';
import { isProblemKind, type ProblemKind } from '@/lib/findings/finding';
import { flowFindings } from '@/lib/findings/flow-findings';
import { taskStatus } from '@/lib/bitrix24/task-status';
import { loadAnalysedFlow } from '../analysis/load-analysed-flow';
import { improved, outcomeFigures, outcomeFiguresSchema, type OutcomeFigures } from './outcome-figures';

/** A followed message's figures then and now (docs/copilot.md, "Did the advice work?"). */
export type MessageOutcome = {
  id: string;
  analysisId: string;
  messageIndex: number;
  flowId: string;
  kind: ProblemKind;
  people: number[];
  via: FollowedVia;
  actedAt: string;
  before: OutcomeFigures;
  now: OutcomeFigures;
  improved: boolean;
  /** The Bitrix24 task made from the message, and when it was completed (null: still open, or unknown). */
  task: { bitrixId: number; completedAt: string | null } | null;
};

type FollowedRow = {
  id: string;
  analysisId: string;
  messageIndex: number;
  flowId: string;
  findingKind: string;
  people: number[];
  via: FollowedVia;
  actedAt: Date;
  before: unknown;
  bitrixTaskId: number | null;
  flow: { portalId: string };
};

export const followedSelect = {
  id: true,
  analysisId: true,
  messageIndex: true,
  flowId: true,
  findingKind: true,
  people: true,
  via: true,
  actedAt: true,
  before: true,
  bitrixTaskId: true,
  flow: { select: { portalId: true } },
} as const;

/**
 * The figures now of followed messages, each flow's findings computed once. Changes are since the
 * action, not proof that it caused them: the words that show them say so.
 */
export async function messageOutcomes(
  db: PrismaClient,
  rows: readonly FollowedRow[],
  now = new Date(),
): Promise<MessageOutcome[]> {
  const byFlow = new Map<string, FollowedRow[]>();
  for (const row of rows) byFlow.set(row.flowId, [...(byFlow.get(row.flowId) ?? []), row]);
  const tasks = await db.task.findMany({
    where: {
      OR: rows.flatMap((row) =>
        row.bitrixTaskId === null ? [] : [{ portalId: row.flow.portalId, bitrixTaskId: row.bitrixTaskId }],
      ),
    },
    select: { portalId: true, bitrixTaskId: true, status: true, closedAt: true },
  });
  const outcomes: MessageOutcome[] = [];
  for (const [flowId, followed] of byFlow) {
    const loaded = await loadAnalysedFlow(db, flowId, now);
    if (!loaded) continue;
    const findings = flowFindings(loaded.flow);
    for (const row of followed) {
      if (!isProblemKind(row.findingKind)) continue;
      const before = outcomeFiguresSchema.parse(row.before);
      const current = outcomeFigures(loaded.flow, findings, row.findingKind, row.people);
      const task =
        row.bitrixTaskId === null
          ? null
          : tasks.find(
              (candidate) => candidate.portalId === row.flow.portalId && candidate.bitrixTaskId === row.bitrixTaskId,
            );
      outcomes.push({
        id: row.id,
        analysisId: row.analysisId,
        messageIndex: row.messageIndex,
        flowId,
        kind: row.findingKind,
        people: row.people,
        via: row.via,
        actedAt: row.actedAt.toISOString(),
        before,
        now: current,
        improved: improved(before, current),
        task:
          row.bitrixTaskId === null
            ? null
            : {
                bitrixId: row.bitrixTaskId,
                completedAt:
                  task && task.status === taskStatus.completed && task.closedAt ? task.closedAt.toISOString() : null,
              },
      });
    }
  }
  return outcomes.sort((a, b) => b.actedAt.localeCompare(a.actedAt));
}
