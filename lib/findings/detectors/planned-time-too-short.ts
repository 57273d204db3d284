import { calibrationDays, calibrationFlowOf } from '@/lib/metrics/flow-calibration';
import { plannedTimeCalibration, suggestedTarget } from '@/lib/metrics/planned-time-calibration';
import { hourMs } from '@/lib/time/durations';
import { beyondShare, stageShare, type Detector, type DetectorContext } from '../detector';
import { postponingIsHabit } from './postponed-deadlines';

/** A late task whose work took this share of the planned time or more is put down to a plan too short. */
export const longWorkShare = 0.7;

/** The work takes longer than the flow plans: the p85 lead time is past the planned time. */
export const plannedTimeTooShort: Detector = {
  kind: 'planned-time-too-short',
  detect(context) {
    const { planned, inUnit, leads } = context;
    if (planned <= 0 || leads.p85 === null || leads.p85 <= planned) return null;
    // Where moving deadlines is the habit, a moved task's long run is the moving, not the plan.
    const movingHabit = postponingIsHabit(context);
    return {
      figures: {
        planned: inUnit(planned),
        p85Lead: inUnit(leads.p85),
        p50Lead: inUnit(leads.p50!),
        completed: leads.count,
        ...suggestedPlan(context),
      },
      evidence: (task) =>
        task.work !== null && task.work >= longWorkShare * planned && !(movingHabit && task.postponed)
          ? beyondShare(task.onWorkingDays.work, stageShare.work, planned)
          : 0,
    };
  },
};

/**
 * The planned time that would have kept 85 % of the last 90 days' completed tasks on time
 * (docs/metrics.md, "Planned-time calibration"), with the shares on time now and with it and the
 * tasks it rests on; nothing when no plan up to 90 days does, or when it is no longer than today's
 * as the finding shows it.
 */
function suggestedPlan({ flow, inUnit, planned }: DetectorContext): Record<string, number> {
  const tasks = flow.completedLastQuarter;
  const calibration = plannedTimeCalibration(tasks, calibrationFlowOf(flow), flow.plannedCompletionTime);
  const suggested = calibration.needed.find((entry) => entry.target === suggestedTarget);
  if (!suggested?.plannedHours || inUnit(suggested.plannedHours * hourMs) <= inUnit(planned)) return {};
  return {
    suggestedPlanned: inUnit(suggested.plannedHours * hourMs),
    plannedOnTimePct: Math.round(100 * calibration.current.onTime),
    suggestedOnTimePct: Math.round(100 * suggested.onTime),
    calibrationTasks: calibration.basis,
    calibrationDays,
  };
}
