import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import {
  countedDayAfter,
  countedDaysOf,
  countedDaysUntil,
  deliveryForecast,
  learnedPace,
  type CompletedDay,
} from './delivery-forecast';

const ask = (daily: readonly number[], backlog: number, horizonDays: number, restOfToday = 0) =>
  deliveryForecast({ daily, backlog, horizonDays, restOfToday });

describe('delivery forecasts', () => {
  it('is exact for a flow that completes the same number every day', () => {
    // Three a day: 10 waiting take 4 days whatever the draw, and 5 days complete exactly 15.
    expect(ask([3, 3, 3, 3], 10, 5)).toEqual({
      backlogDays: { p50: 4, p85: 4, p95: 4 },
      doneWithin: { p50: 15, p85: 15, p95: 15 },
      basis: { days: 4, completed: 12 },
    });
  });

  it('draws the rest of today as the share of a day still ahead', () => {
    // All of today ahead: its 3 leave 7 for three more days, and 5 days after it bring 15 more.
    expect(ask([3, 3, 3, 3], 10, 5, 1)).toMatchObject({
      backlogDays: { p50: 3, p85: 3, p95: 3 },
      doneWithin: { p50: 18, p85: 18, p95: 18 },
    });
    // Half of today ahead, two a day: today brings 0, 1 or 2 (a quarter, a half, a quarter of the
    // runs). Three days after it: 6, 7 or 8 in all; 4 waiting take 2 more days unless today brings 2 (a quarter).
    expect(ask([2], 4, 3, 0.5)).toMatchObject({
      backlogDays: { p50: 2, p85: 2, p95: 2 },
      doneWithin: { p50: 7, p85: 6, p95: 6 },
    });
    // What the rest of today surely clears takes no day after it.
    expect(ask([3, 3], 3, 1, 1).backlogDays).toEqual({ p50: 0, p85: 0, p95: 0 });
  });

  it('widens with an uneven pace: higher confidence, more days and fewer tasks', () => {
    const forecast = ask([0, 1, 2, 6, 0, 1, 5, 1, 0, 4], 20, 10);
    const days = forecast.backlogDays!;
    expect(days.p50).toBeLessThanOrEqual(days.p85);
    expect(days.p85).toBeLessThanOrEqual(days.p95);
    expect(forecast.doneWithin.p50).toBeGreaterThanOrEqual(forecast.doneWithin.p85);
    expect(forecast.doneWithin.p85).toBeGreaterThanOrEqual(forecast.doneWithin.p95);
    // Two a day on average: 20 tasks in about 10 days, 10 days bring about 20.
    expect(days.p50).toBeGreaterThanOrEqual(8);
    expect(days.p50).toBeLessThanOrEqual(12);
    expect(forecast.doneWithin.p50).toBeGreaterThanOrEqual(16);
    expect(forecast.doneWithin.p50).toBeLessThanOrEqual(24);
  });

  it('gives the same numbers for the same input', () => {
    const input = [0, 2, 1, 4, 0, 3] as const;
    expect(ask(input, 15, 7, 0.3)).toEqual(ask(input, 15, 7, 0.3));
  });

  it('has no date for the backlog without a pace, and nothing waiting takes no days', () => {
    const none = { backlogDays: null, doneWithin: { p50: 0, p85: 0, p95: 0 } };
    expect(ask([0, 0, 0], 5, 5, 0.5)).toEqual({ ...none, basis: { days: 3, completed: 0 } });
    expect(ask([], 5, 5)).toEqual({ ...none, basis: { days: 0, completed: 0 } });
    expect(ask([2, 1], 0, 3).backlogDays).toEqual({ p50: 0, p85: 0, p95: 0 });
  });
});

describe('the days a forecast counts and learns from', () => {
  // Monday to Friday; 2026-05-16 and 17 are a weekend, 2026-05-20 a Wednesday.
  const workingDays = countedDaysOf({ matchWorkTime: true, calendar: defaultWorkCalendar });
  const everyDay = countedDaysOf({ matchWorkTime: false, calendar: defaultWorkCalendar });
  const completed = new Map<string, CompletedDay>([
    ['2026-05-13', { completed: 2, later: 1 }],
    ['2026-05-14', { completed: 1, later: 0 }],
    ['2026-05-16', { completed: 1, later: 1 }],
    ['2026-05-18', { completed: 3, later: 2 }],
    ['2026-05-19', { completed: 2, later: 1 }],
  ]);

  it('learns the week before today, a day off’s completions with the next working day', () => {
    // Wednesday to Tuesday: Saturday's one goes with Monday. Of the 8 completed on working days,
    // 4 came later in the day than now.
    expect(learnedPace(completed, { today: '2026-05-20', firstDay: '2026-01-01', counts: workingDays }, 1)).toEqual({
      daily: [2, 1, 0, 4, 2],
      restOfToday: 0.5,
      since: '2026-05-13',
    });
    // Counting every day, the weekend is two days of its own (Saturday's later one among them).
    expect(learnedPace(completed, { today: '2026-05-20', firstDay: '2026-01-01', counts: everyDay }, 1)).toEqual({
      daily: [2, 1, 0, 1, 0, 3, 2],
      restOfToday: 5 / 9,
      since: '2026-05-13',
    });
  });

  it('starts with the flow’s first day, and has nothing ahead today on a day off', () => {
    expect(learnedPace(completed, { today: '2026-05-20', firstDay: '2026-05-15', counts: workingDays }, 1)).toEqual({
      daily: [0, 4, 2],
      restOfToday: 0.6,
      since: '2026-05-15',
    });
    // Asked on Saturday, nothing lies ahead today.
    expect(
      learnedPace(completed, { today: '2026-05-23', firstDay: '2026-01-01', counts: workingDays }, 1).restOfToday,
    ).toBe(0);
    // Asked on Monday: the weekend at the end goes with Friday; 1 of the 3 on working days came later.
    expect(learnedPace(completed, { today: '2026-05-18', firstDay: '2026-01-01', counts: workingDays }, 1)).toEqual({
      daily: [0, 0, 2, 1, 1],
      restOfToday: 1 / 3,
      since: '2026-05-11',
    });
    expect(learnedPace(completed, { today: '2026-05-20', firstDay: '2026-05-20', counts: workingDays })).toEqual({
      daily: [],
      restOfToday: 0,
      since: null,
    });
  });

  it('turns a date into the counted days after today, and back', () => {
    // From Wednesday: Thursday, Friday, Monday, Tuesday.
    expect(countedDaysUntil(workingDays, '2026-05-20', '2026-05-26')).toBe(4);
    expect(countedDaysUntil(everyDay, '2026-05-20', '2026-05-26')).toBe(6);
    expect(countedDaysUntil(workingDays, '2026-05-20', '2026-05-20')).toBe(0);
    expect(countedDaysUntil(workingDays, '2026-05-20', '2026-05-01')).toBe(0);
    expect(countedDayAfter(workingDays, '2026-05-20', 4)).toBe('2026-05-26');
    expect(countedDayAfter(workingDays, '2026-05-20', 0)).toBe('2026-05-20');
    expect(countedDayAfter(workingDays, '2026-05-22', 1)).toBe('2026-05-25');
  });
});
