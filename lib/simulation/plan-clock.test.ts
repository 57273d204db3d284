import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { hours } from './testing/flow-model-fixture';
import { planClock } from './plan-clock';

const friday = Date.parse('2026-02-27T12:00:00Z');
const monday = Date.parse('2026-03-02T12:00:00Z');

describe('planClock', () => {
  it('skips days off where the flow matches work time: a day from Friday noon is Monday noon', () => {
    const clock = planClock(true, defaultWorkCalendar, 0, friday - hours(100), monday + hours(1000));
    expect(clock.toPlan(monday) - clock.toPlan(friday)).toBe(hours(24));
    expect(clock.fromPlan(clock.toPlan(friday) + hours(24))).toBe(monday);
    // Saturday and Sunday stand still.
    expect(clock.toPlan(friday + hours(36))).toBe(clock.toPlan(friday + hours(60)));
  });

  it('runs on beyond its span at the pace of its last week', () => {
    const clock = planClock(true, defaultWorkCalendar, 0, friday, friday + hours(24 * 14));
    const far = friday + hours(24 * 70);
    expect(clock.fromPlan(clock.toPlan(far))).toBeCloseTo(far, -1);
  });

  it('is the calendar where the flow does not match work time', () => {
    const clock = planClock(false, defaultWorkCalendar, 0, friday, monday);
    expect(clock.toPlan(monday) - clock.toPlan(friday)).toBe(hours(72));
  });
});
