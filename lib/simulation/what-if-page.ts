import type { PrismaClient } from '@/lib/db/client';
import { calibrationTargets, type PlannedTimeCalibration } from '@/lib/metrics/planned-time-calibration';
import { plannedTimeCalibrationOf } from '@/lib/metrics/flow-calibration';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import type { FitError } from './fit-flow-model';
import { whatIfModel, type WhatIfModel } from './flow-what-if';

/** Everything the What if tab shows on opening; the simulation itself comes from the action. */
export type WhatIfPageData = {
  model: WhatIfModel | { error: FitError };
  calibration: PlannedTimeCalibration;
  /** The planned time that would have kept 85 % of the last 90 days' tasks on time, in hours. */
  suggestedPlannedHours: number | null;
};

/** The What if tab of a flow the caller has checked the viewer may see. */
export async function whatIfPage(db: PrismaClient, flowId: string, now = new Date()): Promise<WhatIfPageData> {
  const flow = await db.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: {
      id: true,
      plannedCompletionTime: true,
      matchWorkTime: true,
      portal: { select: { timeZoneOffset: true, workCalendar: true } },
    },
  });
  const [model, calibration] = await Promise.all([
    whatIfModel(db, flowId, now),
    plannedTimeCalibrationOf(
      db,
      {
        id: flow.id,
        plannedCompletionTime: flow.plannedCompletionTime,
        matchWorkTime: flow.matchWorkTime,
        timeZoneOffset: flow.portal.timeZoneOffset,
        workCalendar: storedWorkCalendar(flow.portal.workCalendar),
      },
      now,
    ),
  ]);
  const suggested = calibration.needed.find((entry) => entry.target === calibrationTargets[1])?.plannedHours ?? null;
  return {
    model: model ?? { error: 'too-little-history' },
    calibration,
    suggestedPlannedHours: suggested,
  };
}
