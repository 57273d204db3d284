import type { FlowPlan } from './flow-plans';
import { DAY, HOUR, localDayOfWeek, localMidnight, localTimeOfDay, type PortalClock } from './portal-time';
import type { Random } from './random';

/** Relative intake per local hour: office hours, a lunch dip, little at night. */
const intakeByHour = [
  0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.5, 1, 1, 1, 0.8, 0.6, 1, 1, 1, 0.9, 0.5, 0.25, 0.12, 0.08, 0.05,
  0.03,
];
/** Intake grows a little over the months, as a company's does. */
const TREND_GROWTH = 0.3;

/**
 * When the flow's tasks were created: `plan.taskCount` times, ascending, in whole seconds,
 * following the flow's intake (hour of day, day of week, a day-to-day wobble, growth, a spike).
 * Draws are stratified, so counts per period follow the intake closely even for small flows.
 */
export function creationTimes(plan: FlowPlan, random: Random, clock: PortalClock): Float64Array {
  const times = new Float64Array(plan.taskCount);
  if (plan.taskCount === 0) return times;
  const profile = plan.profile;
  const firstHour = localMidnight(plan.start, clock) + Math.floor(localTimeOfDay(plan.start, clock) / HOUR) * HOUR;
  const hours = Math.max(1, Math.ceil((plan.end - firstHour) / HOUR));
  const cumulative = new Float64Array(hours);
  let total = 0;
  let dayWobble = 1;
  for (let h = 0; h < hours; h++) {
    const at = firstHour + h * HOUR;
    const hourOfDay = Math.floor(localTimeOfDay(at, clock) / HOUR);
    if (h === 0 || hourOfDay === 0) dayWobble = random.between(0.7, 1.3);
    const progress = (at - plan.start) / Math.max(1, plan.end - plan.start);
    const spike = profile.spike && at >= plan.end - profile.spike.sinceDays * DAY ? profile.spike.factor : 1;
    const weight =
      (profile.intakeByWeekday[localDayOfWeek(at, clock)] ?? 1) *
      (intakeByHour[hourOfDay] ?? 0) *
      dayWobble *
      (1 + TREND_GROWTH * progress) *
      spike;
    total += weight;
    cumulative[h] = total;
  }
  let hour = 0;
  for (let i = 0; i < plan.taskCount; i++) {
    const target = ((i + random.next()) / plan.taskCount) * total;
    while (hour < hours - 1 && (cumulative[hour] ?? 0) <= target) hour++;
    const before = hour === 0 ? 0 : (cumulative[hour - 1] ?? 0);
    const within = (target - before) / Math.max(Number.EPSILON, (cumulative[hour] ?? 0) - before);
    const at = firstHour + hour * HOUR + Math.floor(Math.min(0.9999, Math.max(0, within)) * HOUR);
    times[i] = Math.min(plan.end, Math.max(plan.start, at));
  }
  return times;
}
