import { z } from 'zod';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import type { PrismaClient } from '@/lib/db/client';
import { dayMs } from '@/lib/time/durations';
import type { WorkCalendar } from '@/lib/time/work-calendar';
import {
  plannedTimeCalibration,
  type CalibrationFlow,
  type CalibrationTask,
  type PlannedTimeCalibration,
} from './planned-time-calibration';
import { statusSql } from './task-status-sql';

/** The calibration rests on the tasks completed in this many days before now: recent enough to be today's work. */
export const calibrationDays = 90;

const rowSchema = z.object({ createdAt: z.date(), closedAt: z.date() });

/** A flow as its calibration reads it: the plan, and how its portal counts the deadline. */
export type CalibratedFlow = {
  id: string;
  /** Seconds. */
  plannedCompletionTime: number;
  matchWorkTime: boolean;
  timeZoneOffset: string;
  workCalendar: WorkCalendar;
};

/** How the flow's portal counts its deadlines, as the calibration takes it. */
export function calibrationFlowOf(
  flow: Pick<CalibratedFlow, 'matchWorkTime' | 'timeZoneOffset' | 'workCalendar'>,
): CalibrationFlow {
  return {
    matchWorkTime: flow.matchWorkTime,
    calendar: flow.workCalendar,
    offsetMinutes: offsetMinutes(flow.timeZoneOffset),
  };
}

/**
 * The flow's tasks completed in the last `calibrationDays` days at `now`, oldest close first:
 * completed, not deleted, creator not the assignee (the tasks the efficiency rule counts).
 */
export async function calibrationTasksOf(db: PrismaClient, flowId: string, now: Date): Promise<CalibrationTask[]> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT "createdAt", "closedAt" FROM task
    WHERE "flowId" = ${flowId}::uuid AND "closedAt" >= ${new Date(now.getTime() - calibrationDays * dayMs)}
      AND "closedAt" <= ${now} AND status IN (${statusSql.completed})
      AND "deletedAt" IS NULL AND "createdBy" <> "responsibleId"
    ORDER BY "closedAt", "bitrixTaskId"`;
  return z
    .array(rowSchema)
    .parse(rows)
    .map((row) => ({ createdAt: row.createdAt.getTime(), closedAt: row.closedAt.getTime() }));
}

/**
 * The flow's planned-time calibration (docs/metrics.md, "Planned-time calibration") at `now`, on
 * its tasks completed in the last `calibrationDays` days.
 */
export async function plannedTimeCalibrationOf(
  db: PrismaClient,
  flow: CalibratedFlow,
  now: Date,
): Promise<PlannedTimeCalibration> {
  return plannedTimeCalibration(
    await calibrationTasksOf(db, flow.id, now),
    calibrationFlowOf(flow),
    flow.plannedCompletionTime,
  );
}
