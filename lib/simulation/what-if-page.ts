import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { deliveryLearningWeeks, deliveryRuns, type Confidence } from '@/lib/metrics/delivery-forecast';
import { plannedTimeCalibrationOf } from '@/lib/metrics/flow-calibration';
import { deliveryDaysUntil, deliveryForecastOf } from '@/lib/metrics/flow-delivery-forecast';
import type { RiskFlow } from '@/lib/metrics/open-task-risks';
import { suggestedTarget, type PlannedTimeCalibration } from '@/lib/metrics/planned-time-calibration';
import { portalDay, shiftDay } from '@/lib/metrics/portal-days';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import type { FitError } from './fit-flow-model';
import { whatIfModel, type WhatIfModel } from './flow-what-if';

/** The delivery forecast as the tab shows it: the answers as portal days and counts. */
export type DeliveryView = {
  /** Tasks open now, and the day each confidence has them done by (null: no pace to forecast from). */
  backlog: { count: number; doneBy: Record<keyof Confidence, string> | null };
  /** "How many by this day": the day asked (portal day), at least how many at each confidence, and whether the day asked was refused. */
  by: { day: string; atLeast: Confidence; invalid: boolean };
  basis: { weeks: number; completed: number; runs: number };
  matchWorkTime: boolean;
};

/** Everything the What if tab shows on opening; the simulation itself comes from the action. */
export type WhatIfPageData = {
  model: WhatIfModel | { error: FitError };
  calibration: PlannedTimeCalibration;
  /** The planned time that would have kept 85 % of the last 90 days' tasks on time, in hours. */
  suggestedPlannedHours: number | null;
  delivery: DeliveryView;
};

/** "How many by" looks this far ahead unless the reader picks a day, and at most a year. */
const defaultByDays = 14;
const maxByDays = 366;
const dayParam = z.iso.date();

/**
 * The What if tab of a flow the caller has checked the viewer may see. `by` is the reader's day
 * for "how many by" (the page's query string, hostile until checked): a day from tomorrow to a
 * year ahead, else the default and a note that it was refused.
 */
export async function whatIfPage(
  db: PrismaClient,
  flowId: string,
  options: { by?: string; now?: Date } = {},
): Promise<WhatIfPageData> {
  const now = options.now ?? new Date();
  const row = await db.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: {
      id: true,
      plannedCompletionTime: true,
      matchWorkTime: true,
      portal: { select: { timeZoneOffset: true, workCalendar: true } },
    },
  });
  const flow: RiskFlow = {
    id: row.id,
    matchWorkTime: row.matchWorkTime,
    calendar: storedWorkCalendar(row.portal.workCalendar),
    timeZoneOffset: row.portal.timeZoneOffset,
  };
  const today = portalDay(now.getTime(), flow.timeZoneOffset);
  const asked = options.by === undefined ? null : dayParam.safeParse(options.by);
  const inRange = asked?.success === true && asked.data > today && asked.data <= shiftDay(today, maxByDays);
  const by = inRange ? asked.data : shiftDay(today, defaultByDays);
  const [model, calibration, delivery] = await Promise.all([
    whatIfModel(db, flowId, now),
    plannedTimeCalibrationOf(
      db,
      { ...flow, plannedCompletionTime: row.plannedCompletionTime, workCalendar: flow.calendar },
      now,
    ),
    deliveryForecastOf(db, flow, now, deliveryDaysUntil(flow, now, by)),
  ]);
  return {
    model: model ?? { error: 'too-little-history' },
    calibration,
    suggestedPlannedHours: calibration.needed.find((entry) => entry.target === suggestedTarget)?.plannedHours ?? null,
    delivery: {
      backlog: { count: delivery.backlog, doneBy: delivery.doneBy },
      by: { day: by, atLeast: delivery.doneWithin, invalid: asked !== null && !inRange },
      basis: {
        weeks: Math.round(delivery.learned?.weeks ?? deliveryLearningWeeks),
        completed: delivery.basis.completed,
        runs: deliveryRuns,
      },
      matchWorkTime: flow.matchWorkTime,
    },
  };
}
