import type { AnalysedFlow } from '../analysed-flow';
import { poissonTailAtLeast } from '@/lib/metrics/poisson-tail';
import { beyondShare, round1, stageShare, type Detector } from '../detector';

/** A trailing week's daily intake at least this many times the usual day is a spike. */
export const spikeFactor = 1.5;
/** The days of the trailing window whose daily intake is compared with the usual day. */
const trailingDays = 7;
/** The recent stretch in which spikes are looked for. */
const recentDays = 21;
/** The least days of history before the recent stretch to know the usual day. */
const minUsualDays = 14;
/** Fewer tasks than this, created or completed, before the recent stretch say nothing about the usual day. */
const minUsualTasks = 5;
/** A spike lasts at least this many days; fewer are a busy day or two, not a spike. */
const minSpikeDays = 3;
/** A week's intake is a spike only if chance gives as many this rarely or less (Poisson, one-sided). */
export const spikeChance = 0.05;
/** A week with fewer new tasks than this is too small to call a spike, whatever its ratio. */
export const minSpikeWeekTasks = 10;

/** Far more tasks came in lately than the team can take on. */
export const intakeSpike: Detector = {
  kind: 'intake-spike',
  detect({ flow, planned }) {
    const spike = spikeOf(flow);
    if (!spike) return null;
    return {
      figures: {
        spikeDays: spike.days.size,
        intakePerDay: spike.intakePerDay,
        completedPerDay: spike.completedPerDay,
        usualPerDay: spike.usualPerDay,
      },
      // A spike makes a queue: the wait of a task that came in with it, beyond a task's usual one.
      evidence: (task) =>
        spike.days.has(task.createdDay) ? beyondShare(task.onWorkingDays.pickup, stageShare.pickup, planned) : 0,
    };
  },
};

/**
 * Days on which the flow took in far more than its team can take on: the trailing week's intake
 * at least spikeFactor times the usual day (the larger of the daily completions and the daily
 * intake over the days before the recent stretch), at least minSpikeWeekTasks, and more than a
 * Poisson count of the usual mean reaches by chance (spikeChance); and more than the team
 * completed on those days.
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
  if (capacity * before.length < minUsualTasks) return null;
  const days = new Set<string>();
  for (let index = Math.max(recentFrom, trailingDays - 1); index < flow.intake.length; index++) {
    const week = flow.intake.slice(index - (trailingDays - 1), index + 1);
    const created = week.reduce((sum, day) => sum + day.created, 0);
    // Busier than usual by the factor, big enough, and more than a quiet flow's chance would give.
    if (
      created / trailingDays >= spikeFactor * capacity &&
      created >= minSpikeWeekTasks &&
      poissonTailAtLeast(created, capacity * trailingDays) < spikeChance
    ) {
      for (const day of week) if (flow.intake.indexOf(day) >= recentFrom) days.add(day.day);
    }
  }
  const spikeDays = flow.intake.filter((day) => days.has(day.day));
  if (spikeDays.length < minSpikeDays) return null;
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
