import type { AnalysisRequest } from '@/lib/ai/analyst-model';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { copilotSettings } from './copilot-settings';
import { dayMs } from '@/lib/time/durations';

/**
 * What went to an external model and what came back, for an admin debugging a provider: the
 * pseudonymised request (figures and tokens, never titles or names) and the raw messages.
 */
export async function recordModelRequest(
  db: PrismaClient,
  entry: {
    analysisId: string;
    model: string;
    request: AnalysisRequest;
    answer: { messages: Prisma.InputJsonValue[]; rejected: string | null };
  },
): Promise<void> {
  await db.copilotRequestLog.create({
    data: { analysisId: entry.analysisId, model: entry.model, request: entry.request, answer: entry.answer },
  });
}

/** Deletes request logs older than the retention period the admin set (14 days unless changed); returns how many. */
export async function purgeRequestLogs(db: PrismaClient, now = new Date()): Promise<number> {
  const { logRetentionDays } = await copilotSettings(db);
  const { count } = await db.copilotRequestLog.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - logRetentionDays * dayMs) } },
  });
  return count;
}
