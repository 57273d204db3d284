import type { AnalysedFlow } from '../analysed-flow';
import { round1, type Detector } from '../detector';

/** A trailing week's daily intake at least this many times the usual day is a spike. */
export const spikeFactor = 1.5;
/** The recent stretch looked at, and the least history before it to know the usual day. */
const recentDays = 21;
const minUsualDays = 14;

/** Far more tasks came in lately than the team can take on. */
export const intakeSpike: Detector = {
  kind: 'intake-spike',
  detect({ flow }) {
    const spike = spikeOf(flow);
    if (!spike) return null;
    return {
      figures: {
        spikeDays: spike.days.size,
        intakePerDay: spike.intakePerDay,
        completedPerDay: spike.completedPerDay,
        usualPerDay: spike.usualPerDay,
      },
      explains: (task) => spike.days.has(task.createdDay),
    };
  },
};

/**
 * Days on which the flow took in far more than its team can take on: the trailing week's intake
 * at least spikeFactor times the usual day (the larger of the daily completions and the daily
 * intake over the days before the last three weeks), and more than the team completed on those days.
 */
function spikeOf(
  flow: AnalysedFlow,
): { days: Set<string>; intakePerDay: number; completedPerDay: number; usualPerDay: number } | null {
  const recentFrom = flow.intake.length - recentDays;
  const before = flow.intake.slice(0, Math.max(0, recentFrom));
  if (before.length < minUsualDays) return null;
  const usual = before.reduce((sum, day) => sum + day.completed, 0) / before.length;
  const usualIntake = before.reduce((sum, day) => sum + day.created, 0) / before.length;
  const capacity = Math.max(usual, usualIntake);
  if (capacity * before.length < 5) return null;
  const days = new Set<string>();
  for (let index = Math.max(recentFrom, 6); index < flow.intake.length; index++) {
    const week = flow.intake.slice(index - 6, index + 1);
    if (week.reduce((sum, day) => sum + day.created, 0) / 7 >= spikeFactor * capacity) {
      for (const day of week) if (flow.intake.indexOf(day) >= recentFrom) days.add(day.day);
    }
  }
  const spikeDays = flow.intake.filter((day) => days.has(day.day));
  if (spikeDays.length < 3) return null;
  const intakePerDay = spikeDays.reduce((sum, day) => sum + day.created, 0) / spikeDays.length;
  const completedPerDay = spikeDays.reduce((sum, day) => sum + day.completed, 0) / spikeDays.length;
  if (intakePerDay <= completedPerDay) return null;
  return {
    days,
    intakePerDay: round1(intakePerDay),
    completedPerDay: round1(completedPerDay),
    usualPerDay: round1(usual),
  };
}
