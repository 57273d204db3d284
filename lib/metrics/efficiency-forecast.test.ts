import { describe, expect, it } from 'vitest';
import { dayMs } from '@/lib/time/durations';
import { efficiencyForecast, type ForecastTask } from './efficiency-forecast';

const now = Date.UTC(2026, 5, 15, 12);
const offset = '+00:00';
let nextId = 1;

/** A flow task: creator 1, assignee 2, in progress, no deadline, unless told otherwise. */
function task(fields: Partial<ForecastTask> & { createdDate: number }): ForecastTask {
  return {
    id: nextId++,
    createdBy: '1',
    responsibleId: '2',
    status: '3',
    closedDate: null,
    deadline: null,
    deadlineChanges: [],
    ...fields,
  };
}

const daysAgo = (days: number) => now - days * dayMs;
const forecast = (tasks: ForecastTask[], risks = new Map<number, number>()) =>
  efficiencyForecast({ tasks, risks, now, timeZoneOffset: offset });
const point = (result: ReturnType<typeof forecast>, days: number) => result.points.find((one) => one.days === days)!;

describe('efficiencyForecast', () => {
  it('moves the window on: tasks closed before its new start leave it, with their violations', () => {
    // Created 40 days ago (so no recent pace), due a day later: five closed late 25 days ago, five on time 10 days ago.
    const late = Array.from({ length: 5 }, () =>
      task({ createdDate: daysAgo(40), deadline: daysAgo(39), status: '5', closedDate: daysAgo(25) }),
    );
    const onTime = Array.from({ length: 5 }, () =>
      task({ createdDate: daysAgo(40), deadline: daysAgo(5), status: '5', closedDate: daysAgo(10) }),
    );
    const result = forecast([...late, ...onTime]);
    expect(result.current).toBe(50);
    // Nothing is left to chance: every run gives the same figure, so the band is a point.
    expect(point(result, 7)).toMatchObject({ median: 100, low: 100, high: 100 });
    expect(point(result, 14)).toMatchObject({ median: 100, low: 100, high: 100 });
    expect(result.basis).toEqual({ tasks: 10, openDue: 0, recent: 0 });
    expect(result.pace).toEqual({ perDay: 0, days: 14 });
  });

  it('counts an open task late in a run as a violation once its deadline passes', () => {
    const dueIn = (days: number) => task({ createdDate: daysAgo(40), deadline: now + days * dayMs });
    const soon = Array.from({ length: 4 }, () => dueIn(3));
    const later = Array.from({ length: 4 }, () => dueIn(10));
    const surelyLate = new Map([...soon, ...later].map((one) => [one.id, 1]));
    const result = forecast([...soon, ...later], surelyLate);
    expect(result.current).toBe(100);
    // By day 7 the four due in 3 days are late; by day 14 all eight.
    expect(point(result, 7)).toMatchObject({ median: 50, low: 50, high: 50 });
    expect(point(result, 14)).toMatchObject({ median: 0, low: 0, high: 0 });
    expect(result.basis.openDue).toBe(8);
    const surelyOnTime = new Map([...soon, ...later].map((one) => [one.id, 0]));
    expect(point(forecast([...soon, ...later], surelyOnTime), 14)).toMatchObject({ median: 100, low: 100, high: 100 });
  });

  it('spreads an uncertain outcome over a band around the median', () => {
    const open = Array.from({ length: 20 }, () => task({ createdDate: daysAgo(40), deadline: now + 2 * dayMs }));
    const result = forecast(open, new Map(open.map((one) => [one.id, 0.5])));
    const { median, low, high } = point(result, 7);
    expect(median).toBeGreaterThanOrEqual(40);
    expect(median).toBeLessThanOrEqual(60);
    expect(low).toBeLessThan(median);
    expect(high).toBeGreaterThan(median);
  });

  it('leaves out tasks in review, self-assigned ones and tasks already violating', () => {
    const inReview = task({ createdDate: daysAgo(40), status: '4', deadline: now + dayMs });
    const ownTask = task({ createdDate: daysAgo(40), createdBy: '2', deadline: now + dayMs });
    const overdue = task({ createdDate: daysAgo(40), deadline: daysAgo(1) });
    const result = forecast(
      [inReview, ownTask, overdue],
      new Map([inReview, ownTask, overdue].map((one) => [one.id, 1])),
    );
    expect(result.basis).toMatchObject({ tasks: 2, openDue: 0 });
    // The overdue one is a violation now and stays one; the one in review never becomes one.
    expect(result.current).toBe(50);
    expect(point(result, 14).median).toBe(50);
  });

  it('adds new tasks at the recent pace, as late as the recent tasks were at the same age', () => {
    // Two tasks a day over the last 30 days, each due a day after creation.
    const recent = (lateAfterDays: number | null) =>
      Array.from({ length: 60 }, (_, index) => {
        const createdDate = now - (index + 0.5) * (dayMs / 2);
        const done = Math.min(now, createdDate + (lateAfterDays === null ? 0.5 : lateAfterDays + 1) * dayMs);
        return task({
          createdDate,
          deadline: createdDate + dayMs,
          status: done < now ? '5' : '3',
          closedDate: done < now ? done : null,
        });
      });
    const onTime = forecast(recent(null));
    const late = forecast(recent(2));
    expect(onTime.pace.perDay).toBeCloseTo(2, 5);
    expect(onTime.basis.recent).toBe(60);
    // Punctual tasks keep the flow near 100 (one open task has no risk: as likely late as not);
    // tasks that overran by two days keep it as low as it is, the newest not yet past their deadline.
    expect(point(onTime, 14).median).toBe(100);
    expect(late.current).toBeLessThan(10);
    expect(point(late, 14).median).toBeLessThan(10);
    expect(point(late, 14).low).toBeLessThanOrEqual(point(late, 14).median);
  });

  it('gives the same forecast for the same tasks at the same moment', () => {
    const open = Array.from({ length: 30 }, (_, index) =>
      task({ createdDate: daysAgo(index), deadline: now + (index % 10) * dayMs }),
    );
    const risks = new Map(open.map((one, index) => [one.id, (index % 7) / 7]));
    expect(forecast(open, risks)).toEqual(forecast(open, risks));
  });
});
