import { dayMs } from '@/lib/time/durations';
import { isDayOff, type WorkCalendar } from '@/lib/time/work-calendar';

/**
 * Time as a flow's plan counts it (docs/simulation.md, "Time"): where the flow matches work time,
 * only working days of the portal's calendar run, each a whole 24 hours (as the tasks module counts
 * a flow task's deadline, and as lib/time/work-calendar.ts `workingDaysTime` measures); otherwise
 * the calendar. The simulator draws durations on this clock and turns them back into moments.
 */
export type PlanClock = {
  /** A moment (epoch ms) as plan time. */
  toPlan(moment: number): number;
  /** The moment at which `plan` time has passed: where days off stand still, the end of them (the next working day's start). */
  fromPlan(plan: number): number;
};

const identity: PlanClock = { toPlan: (moment) => moment, fromPlan: (plan) => plan };

/**
 * A clock over [from, to]: the days in it are read once, so each conversion is a lookup. Outside
 * the span a week counts its working days as the span's last week did.
 */
export function planClock(
  matchWorkTime: boolean,
  calendar: WorkCalendar,
  offsetMinutes: number,
  from: number,
  to: number,
): PlanClock {
  if (!matchWorkTime) return identity;
  const shift = offsetMinutes * 60_000;
  const first = Math.floor((from + shift) / dayMs) * dayMs - shift;
  const count = Math.max(7, Math.ceil((to - first) / dayMs) + 1);
  const working = new Uint8Array(count);
  // Plan time at the start of each day, and one past the last.
  const planAt = new Float64Array(count + 1);
  for (let day = 0; day < count; day++) {
    const local = new Date(first + day * dayMs + shift).toISOString().slice(0, 10);
    working[day] = isDayOff(calendar, local) ? 0 : 1;
    planAt[day + 1] = planAt[day]! + working[day]! * dayMs;
  }
  // A week's working time beyond the span, from its last seven days (never nothing, so time moves on).
  const weekPlan = Math.max(dayMs, planAt[count]! - planAt[count - 7]!);
  const end = first + count * dayMs;

  const toPlan = (moment: number): number => {
    if (moment >= end) return planAt[count]! + ((moment - end) * weekPlan) / (7 * dayMs);
    if (moment < first) return moment - first;
    const day = Math.floor((moment - first) / dayMs);
    return planAt[day]! + working[day]! * (moment - first - day * dayMs);
  };
  const fromPlan = (plan: number): number => {
    if (plan >= planAt[count]!) return end + ((plan - planAt[count]!) * 7 * dayMs) / weekPlan;
    if (plan < 0) return first + plan;
    // The last day whose start lies at or before `plan`: a working day, unless `plan` is where days off begin.
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (planAt[middle]! <= plan) low = middle;
      else high = middle - 1;
    }
    return first + low * dayMs + (plan - planAt[low]!);
  };
  return { toPlan, fromPlan };
}
