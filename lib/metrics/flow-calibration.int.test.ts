import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import { calibrationTasksOf, plannedTimeCalibrationOf, type CalibratedFlow } from './flow-calibration';
import { insertFlow, insertPortal, insertTasks, type FixtureTask } from './testing/mirror-fixture';

/** Wednesday 20 May 2026, 12:00 in Moscow. */
const now = new Date('2026-05-20T12:00:00+03:00');
const hour = 3_600_000;
const day = 24 * hour;
/** A moment in Moscow time, e.g. `moscow('2026-05-11T10:00')`. */
const moscow = (text: string) => Date.parse(`${text}:00+03:00`);

let nextId = 9_000;
/** A task of creator 1 and assignee 2, completed at `closedAt`. */
function completed(createdAt: number, closedAt: number, overrides: Partial<FixtureTask> = {}): FixtureTask {
  return {
    id: nextId++,
    flowId: null,
    status: 5,
    createdBy: 1,
    responsibleId: 2,
    createdAt,
    startedAt: createdAt,
    closedAt,
    deadline: null,
    ...overrides,
  };
}

let database: MigratedDatabase;
let flow: CalibratedFlow;
/** The five tasks the reader must return, oldest close first (as `counted` lists them). */
let expected: { createdAt: number; closedAt: number }[];
beforeAll(async () => {
  database = await migratedDatabase();
  const db = database.db;
  const portalId = await insertPortal(db, '+03:00');
  const flowId = await insertFlow(db, portalId);
  const otherFlowId = await insertFlow(db, portalId);
  await db.flow.update({ where: { id: flowId }, data: { plannedCompletionTime: 24 * 3600, matchWorkTime: true } });
  const portal = await db.portal.findUniqueOrThrow({ where: { id: portalId } });
  flow = {
    id: flowId,
    plannedCompletionTime: 24 * 3600,
    matchWorkTime: true,
    timeZoneOffset: portal.timeZoneOffset,
    workCalendar: storedWorkCalendar(portal.workCalendar),
  };

  const monday = moscow('2026-05-11T10:00');
  const counted = [
    // Friday 20 February 07:00 to 12:00, 89 days before now: still in. Shortest plan on time: 5 h.
    completed(now.getTime() - 89 * day - 5 * hour, now.getTime() - 89 * day),
    // Monday 10:00 to 15:00 and to 18:00: 5 h and 8 h.
    completed(monday, monday + 5 * hour),
    completed(monday, monday + 8 * hour),
    // Monday 10:00 to Wednesday 10:00: 48 h (47 would end on Wednesday at 9:00).
    completed(monday, monday + 48 * hour),
    // Friday 10:00 to Monday 10:00: 72 hours, but one working day (24 h) over the weekend.
    completed(moscow('2026-05-15T10:00'), moscow('2026-05-18T10:00')),
  ].map((task) => ({ ...task, flowId }));
  // Each of these took 200 hours; any of them read would raise the plan 85 % needs.
  const long = (overrides: Partial<FixtureTask>) => completed(monday - 200 * hour, monday, { flowId, ...overrides });
  const leftOut = [
    long({ deletedAt: now.getTime() }),
    long({ createdBy: 2 }),
    long({ status: 7 }),
    long({ status: 4 }),
    long({ flowId: otherFlowId }),
    // Closed 91 days ago.
    completed(now.getTime() - 91 * day - 200 * hour, now.getTime() - 91 * day, { flowId }),
    // Open, and closed after now (a mirror read later).
    long({ status: 3, closedAt: null }),
    completed(now.getTime() - 100 * hour, now.getTime() + hour, { flowId }),
  ];
  await insertTasks(db, portalId, [...leftOut, ...counted]);
  expected = counted.map((task) => ({
    createdAt: task.createdAt,
    closedAt: task.closedAt!,
  }));
});
afterAll(async () => {
  await database?.drop();
});

describe('the planned-time calibration of a mirrored flow', () => {
  it('reads the flow’s tasks completed in the last 90 days, creator not the assignee, oldest close first', async () => {
    expect(await calibrationTasksOf(database.db, flow.id, now)).toEqual(expected);
  });

  it('calibrates them on working days in the portal’s zone', async () => {
    // Shortest plans 5, 5, 8, 24 and 48 h. Today's 24 h keeps four of five (80 %); 85 and 95 %
    // need the fifth, 48 h. In calendar time the weekend task would need 72 h.
    const calibration = await plannedTimeCalibrationOf(database.db, flow, now);
    expect(calibration.basis).toBe(5);
    expect(calibration.current).toEqual({ plannedHours: 24, onTime: 0.8 });
    expect(calibration.needed).toEqual([
      { target: 0.8, plannedHours: 24, onTime: 0.8 },
      { target: 0.85, plannedHours: 48, onTime: 1 },
      { target: 0.95, plannedHours: 48, onTime: 1 },
    ]);
    const calendarTime = await plannedTimeCalibrationOf(database.db, { ...flow, matchWorkTime: false }, now);
    expect(calendarTime.current.onTime).toBe(0.6);
    expect(calendarTime.needed.map((entry) => entry.plannedHours)).toEqual([48, 72, 72]);
  });
});
