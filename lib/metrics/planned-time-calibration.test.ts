import { describe, expect, it } from 'vitest';
import { createRandom } from '@/lib/demo-portal/generator/random';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { maxPlannedHours, onTimeShare, plannedTimeCalibration, type CalibrationFlow } from './planned-time-calibration';

const hour = 3_600_000;
/** Monday 2 November 2026, 10:00 UTC (the portal runs on UTC here). */
const monday = Date.UTC(2026, 10, 2, 10, 0, 0);
const calendarTime: CalibrationFlow = { matchWorkTime: false, calendar: defaultWorkCalendar, offsetMinutes: 0 };

/** Tasks created on Monday 10:00 that took these many hours to close. */
const tookHours = (...hours: number[]) =>
  hours.map((taken) => ({ createdAt: monday, closedAt: monday + taken * hour }));

describe('planned-time calibration', () => {
  it('counts a task on time when it closed by the deadline the plan would have given it', () => {
    const tasks = tookHours(10, 20, 30, 40, 50);
    // Deadline = creation + plan: 30 h keeps the 10, 20 and 30-hour tasks, 3 of 5.
    expect(onTimeShare(tasks, calendarTime, 30)).toBe(0.6);
    expect(onTimeShare(tasks, calendarTime, 29)).toBe(0.4);
    expect(onTimeShare([], calendarTime, 30)).toBe(0);
  });

  it('finds the shortest plan for 80, 85 and 95 % and marks today’s', () => {
    const calibration = plannedTimeCalibration(tookHours(10, 20, 30, 40, 50), calendarTime, 48 * 3600);
    expect(calibration.basis).toBe(5);
    // 48 h: four of five on time.
    expect(calibration.current).toEqual({ plannedHours: 48, onTime: 0.8 });
    // 80 % needs the fourth task (40 h); 85 % and 95 % need all five (50 h), which keeps them all.
    expect(calibration.needed).toEqual([
      { target: 0.8, plannedHours: 40, onTime: 0.8 },
      { target: 0.85, plannedHours: 50, onTime: 1 },
      { target: 0.95, plannedHours: 50, onTime: 1 },
    ]);
    // The curve rises with the plan and reaches every task.
    const shares = calibration.curve.map((point) => point.onTime);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });

  it('says when no plan up to 90 days keeps the share: a task that took longer than that', () => {
    const tasks = [...tookHours(...Array.from({ length: 18 }, () => 5)), ...tookHours(100 * 24, 100 * 24)];
    const calibration = plannedTimeCalibration(tasks, calendarTime, 24 * 3600);
    // 18 of 20 is 90 %: enough for 80 and 85 %, never 95 %.
    expect(calibration.needed).toEqual([
      { target: 0.8, plannedHours: 5, onTime: 0.9 },
      { target: 0.85, plannedHours: 5, onTime: 0.9 },
      { target: 0.95, plannedHours: null, onTime: null },
    ]);
  });

  it('skips days off where the flow matches work time, as the portal’s deadline does', () => {
    // Created Friday 18:00, closed Monday 17:00: a day's plan ends Saturday 18:00 in calendar
    // time, but Monday 18:00 in working days.
    const friday = Date.UTC(2026, 10, 6, 18, 0, 0);
    const tasks = [{ createdAt: friday, closedAt: friday + 71 * hour }];
    expect(onTimeShare(tasks, calendarTime, 24)).toBe(0);
    expect(onTimeShare(tasks, { ...calendarTime, matchWorkTime: true }, 24)).toBe(1);
  });

  it('gives, for any mix of tasks, the shares themselves: each point the share there, each target the first plan reaching it', () => {
    const random = createRandom('planned-time-calibration', 'shares');
    // A month of tasks created at any hour; five took 200 days, over 90 even in working days.
    const tasks = Array.from({ length: 80 }, (_, index) => {
      const createdAt = monday + Math.floor(random.between(0, 30 * 24 * hour));
      const took = index < 5 ? 200 * 24 * hour : Math.floor(random.logNormal(40 * hour, 1.2));
      return { createdAt, closedAt: createdAt + took };
    });
    const workingDays: CalibrationFlow = {
      matchWorkTime: true,
      calendar: { ...defaultWorkCalendar, holidays: ['11-04', '11-16'] },
      offsetMinutes: 180,
    };
    for (const flow of [calendarTime, workingDays]) {
      const calibration = plannedTimeCalibration(tasks, flow, 30 * 3600);
      for (const point of [calibration.current, ...calibration.curve])
        expect(point.onTime).toBe(onTimeShare(tasks, flow, point.plannedHours));
      for (const { target, plannedHours } of calibration.needed) {
        if (plannedHours === null) {
          expect(onTimeShare(tasks, flow, maxPlannedHours)).toBeLessThan(target);
          continue;
        }
        expect(onTimeShare(tasks, flow, plannedHours)).toBeGreaterThanOrEqual(target);
        expect(onTimeShare(tasks, flow, plannedHours - 1)).toBeLessThan(target);
      }
      // 75 of 80 (94 %) can be on time: 95 % is out of reach, 80 and 85 % are not.
      expect(calibration.needed.map((entry) => entry.plannedHours === null)).toEqual([false, false, true]);
    }
  });
});
