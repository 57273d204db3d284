import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { dayMs, hourMs } from '@/lib/time/durations';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import type { RiskFlow } from './open-task-risks';
import { deliveryDaysUntil, deliveryForecastOf } from './flow-delivery-forecast';
import { insertFlow, insertPortal, insertTasks, type FixtureTask } from './testing/mirror-fixture';

// Wednesday 2026-05-20, 12:00 in Moscow; its four weeks before run from Wednesday 2026-04-22.
const now = new Date(Date.UTC(2026, 4, 20, 9));
/** 10:00 in Moscow on a day. */
const tenOClock = (day: string) => Date.parse(`${day}T07:00:00Z`);

let nextId = 1;
const task = (flowId: string, status: number, createdAt: number, closedAt: number | null): FixtureTask => ({
  id: nextId++,
  flowId,
  status,
  createdBy: 101,
  responsibleId: 102,
  createdAt,
  startedAt: null,
  closedAt,
  deadline: null,
});

/** Two completed at 10:00 on every working day (none at weekends) from `since` to yesterday, each created two days before. */
function twoEveryWorkingDay(flowId: string, since: string): FixtureTask[] {
  const tasks: FixtureTask[] = [];
  for (let at = tenOClock(since); at < now.getTime() - 12 * hourMs; at += dayMs) {
    const weekday = new Date(at).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    tasks.push(task(flowId, 5, at - 2 * dayMs, at), task(flowId, 5, at - 2 * dayMs, at));
  }
  return tasks;
}

/** Ten open tasks (every open status), and tasks that are not waiting: deferred, declined, deleted, completed today. */
function waiting(flowId: string): FixtureTask[] {
  const created = now.getTime() - 3 * dayMs;
  return [
    ...[1, 2, 2, 2, 3, 3, 3, 4, 4, 4].map((status) => task(flowId, status, created, null)),
    task(flowId, 6, created, null),
    task(flowId, 7, created, created + hourMs),
    { ...task(flowId, 2, created, null), deletedAt: now.getTime() },
    // Completed at 07:30 today: not waiting, and today is not a learned day.
    task(flowId, 5, created, now.getTime() - 4.5 * hourMs),
  ];
}

let database: MigratedDatabase;
let workTime: RiskFlow;
let calendarTime: RiskFlow;
let young: RiskFlow;
let empty: RiskFlow;
beforeAll(async () => {
  database = await migratedDatabase();
  const db = database.db;
  const portal = await insertPortal(db, '+03:00');
  const flow = async (matchWorkTime: boolean): Promise<RiskFlow> => {
    const id = await insertFlow(db, portal);
    await db.flow.update({ where: { id }, data: { matchWorkTime } });
    return { id, matchWorkTime, calendar: defaultWorkCalendar, timeZoneOffset: '+03:00' };
  };
  [workTime, calendarTime, young, empty] = [await flow(true), await flow(false), await flow(true), await flow(true)];
  await insertTasks(db, portal, [
    // Completions from March on: those before 2026-04-22 lie outside the four weeks.
    ...twoEveryWorkingDay(workTime.id, '2026-03-02'),
    ...waiting(workTime.id),
    ...twoEveryWorkingDay(calendarTime.id, '2026-03-02'),
    ...waiting(calendarTime.id),
    // A flow whose first task came on Monday 2026-05-11 at 08:00.
    task(young.id, 2, Date.parse('2026-05-11T05:00:00Z'), null),
    ...twoEveryWorkingDay(young.id, '2026-05-11').map((one) => ({
      ...one,
      createdAt: Date.parse('2026-05-11T05:00:00Z'),
    })),
  ]);
});
afterAll(async () => {
  await database?.drop();
});

describe('a flow’s delivery forecast from the mirror', () => {
  it('is exact for two completed every working day: ten open tasks take five working days', async () => {
    expect(await deliveryForecastOf(database.db, workTime, now)).toEqual({
      backlogDays: { p50: 5, p85: 5, p95: 5 },
      // 14 working days after today, two on each; every completion of the learned days came before 12:00.
      doneWithin: { p50: 28, p85: 28, p95: 28 },
      basis: { days: 20, completed: 40 },
      backlog: 10,
      // Thursday, Friday, then Monday to Wednesday.
      doneBy: { p50: '2026-05-27', p85: '2026-05-27', p95: '2026-05-27' },
      learned: { since: '2026-04-22', weeks: 4 },
    });
    expect(deliveryDaysUntil(workTime, now, '2026-05-27')).toBe(5);
    expect(deliveryDaysUntil(workTime, now, '2026-05-26')).toBe(4);
  });

  it('counts the rest of today when asked before the day’s completions', async () => {
    // At 08:00 all of a day's completions still lie ahead: today's two leave eight for four days.
    const early = new Date(Date.UTC(2026, 4, 20, 5));
    expect(await deliveryForecastOf(database.db, workTime, early, 5)).toMatchObject({
      backlogDays: { p50: 4, p85: 4, p95: 4 },
      doneWithin: { p50: 12, p85: 12, p95: 12 },
      doneBy: { p50: '2026-05-26', p85: '2026-05-26', p95: '2026-05-26' },
    });
  });

  it('learns the weekends as days of their own where the flow counts calendar time', async () => {
    const forecast = await deliveryForecastOf(database.db, calendarTime, now);
    // 28 days, 8 of them weekend days with nothing completed: 10/7 a day, so ten tasks take about a week.
    expect(forecast.basis).toEqual({ days: 28, completed: 40 });
    expect(forecast.backlog).toBe(10);
    expect(forecast.backlogDays!.p50).toBeGreaterThanOrEqual(6);
    expect(forecast.backlogDays!.p95).toBeGreaterThan(forecast.backlogDays!.p50);
    expect(forecast.doneWithin.p50).toBeGreaterThanOrEqual(17);
    expect(forecast.doneWithin.p50).toBeLessThanOrEqual(23);
    expect(deliveryDaysUntil(calendarTime, now, '2026-05-27')).toBe(7);
  });

  it('learns a young flow from its first day, and a flow without tasks from none', async () => {
    expect(await deliveryForecastOf(database.db, young, now)).toMatchObject({
      // Monday 2026-05-11 to Tuesday 2026-05-19: seven working days of two.
      basis: { days: 7, completed: 14 },
      backlog: 1,
      backlogDays: { p50: 1, p85: 1, p95: 1 },
      doneBy: { p50: '2026-05-21', p85: '2026-05-21', p95: '2026-05-21' },
      learned: { since: '2026-05-11', weeks: 9 / 7 },
    });
    expect(await deliveryForecastOf(database.db, empty, now)).toEqual({
      backlogDays: null,
      doneWithin: { p50: 0, p85: 0, p95: 0 },
      basis: { days: 0, completed: 0 },
      backlog: 0,
      doneBy: null,
      learned: null,
    });
  });
});
