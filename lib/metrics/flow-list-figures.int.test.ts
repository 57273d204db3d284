import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { rollUpFigures } from './daily-figure-rollup';
import { flowOutlooks } from './flow-outlooks';
import { listFigureDays, readListFigures } from './flow-list-figures';
import { lastPortalDays, shiftDay } from './portal-days';
import { riskFlowsOf } from './risk-flows';
import { insertFlow, insertPortal, insertTasks, randomTasks } from './testing/mirror-fixture';

const hour = 3_600_000;
// 2026-05-20 12:00 in Moscow.
const now = Date.UTC(2026, 4, 20, 9);
const offset = '+03:00';

let database: MigratedDatabase;
let portalId: string;
let flowIds: string[];
beforeAll(async () => {
  database = await migratedDatabase();
  const db = database.db;
  portalId = await insertPortal(db, offset);
  flowIds = [await insertFlow(db, portalId), await insertFlow(db, portalId), await insertFlow(db, portalId)];
  await db.flow.update({ where: { id: flowIds[1]! }, data: { matchWorkTime: false } });
  await insertTasks(db, portalId, randomTasks('list-figures', 600, [flowIds[0]!, flowIds[1]!, null], now));
  await rollUpFigures(db, portalId, { days: 60, now: new Date(now) });
});
afterAll(async () => {
  await database?.drop();
});

/** A flow's stored daily figures by day. */
async function dailyFigures(flowId: string) {
  const rows = await database.db.flowDailyFigure.findMany({ where: { flowId }, orderBy: { day: 'asc' } });
  return new Map(rows.map((row) => [row.day.toISOString().slice(0, 10), row]));
}

describe("the roll-up's list figures", () => {
  it('are each flow’s daily figures of the days up to its latest, and what lies ahead worked out at the roll-up', async () => {
    const stored = await readListFigures(database.db, flowIds);
    const outlooks = await flowOutlooks(database.db, await riskFlowsOf(database.db, flowIds), new Date(now));
    const today = lastPortalDays(now, 1, offset)[0]!;
    for (const flowId of flowIds) {
      const figures = stored.get(flowId)!;
      const daily = await dailyFigures(flowId);
      expect(figures.lastDay).toBe(today);
      const days = Array.from({ length: listFigureDays }, (_, index) => shiftDay(today, index - listFigureDays + 1));
      // Sixty days rolled up: every kept day has its figure.
      expect(figures.efficiencies).toEqual(days.map((day) => daily.get(day)!.efficiency));
      expect(figures.completions).toEqual(days.map((day) => daily.get(day)!.completedToday));
      expect(figures.likelyLate).toBe(outlooks.get(flowId)!.likelyLate);
      expect(figures.forecast).toEqual(outlooks.get(flowId)!.forecast);
    }
    // The flow without tasks: 100 % every day, nothing ahead.
    expect(stored.get(flowIds[2]!)).toMatchObject({ likelyLate: 0, forecast: { current: 100 } });
    expect(new Set(stored.get(flowIds[2]!)!.efficiencies)).toEqual(new Set([100]));
  });

  it('leaves days without a figure empty, as a flow rolled up for the first time has them', async () => {
    const db = database.db;
    const flowId = await insertFlow(db, portalId);
    await insertTasks(db, portalId, randomTasks('list-figures-new', 40, [flowId], now));
    await rollUpFigures(db, portalId, { days: 2, now: new Date(now), flowIds: [flowId] });
    const figures = (await readListFigures(db, [flowId])).get(flowId)!;
    const daily = await dailyFigures(flowId);
    expect(daily.size).toBe(2);
    expect(figures.efficiencies.slice(0, -2)).toEqual(Array.from({ length: listFigureDays - 2 }, () => null));
    expect(figures.efficiencies.slice(-2)).toEqual([...daily.values()].map((row) => row.efficiency));
    expect(figures.completions.slice(-2)).toEqual([...daily.values()].map((row) => row.completedToday));
    expect(figures.likelyLate).not.toBeNull();
  });

  it('a roll-up of some flows rewrites only theirs, and an outlook of an earlier moment never replaces a later one', async () => {
    const db = database.db;
    const before = await db.flowListFigure.findMany({ where: { flowId: { in: flowIds } }, orderBy: { flowId: 'asc' } });
    // A task completed in the first flow an hour later, rolled up for that flow alone.
    const later = now + hour;
    await insertTasks(db, portalId, [
      {
        id: 900_001,
        flowId: flowIds[0]!,
        status: 5,
        createdBy: 101,
        responsibleId: 102,
        createdAt: later - 2 * hour,
        startedAt: later - hour,
        closedAt: later - 1,
        deadline: null,
      },
    ]);
    await rollUpFigures(db, portalId, { days: 2, now: new Date(later), flowIds: [flowIds[0]!] });
    const after = await db.flowListFigure.findMany({ where: { flowId: { in: flowIds } }, orderBy: { flowId: 'asc' } });
    for (const [index, row] of after.entries()) {
      if (row.flowId !== flowIds[0]) {
        expect(row).toEqual(before[index]);
        continue;
      }
      const earlier = before[index]!;
      expect(row.outlookAt).toEqual(new Date(later));
      expect(row.completions.at(-1)).toBe(earlier.completions.at(-1)! + 1);
    }
    // The same flow rolled up as of the first moment: its figures are rewritten, its later outlook stays.
    const outlook = (await readListFigures(db, [flowIds[0]!])).get(flowIds[0]!)!;
    await rollUpFigures(db, portalId, { days: 2, now: new Date(now), flowIds: [flowIds[0]!] });
    const again = await db.flowListFigure.findUniqueOrThrow({ where: { flowId: flowIds[0]! } });
    expect(again.outlookAt).toEqual(new Date(later));
    expect((await readListFigures(db, [flowIds[0]!])).get(flowIds[0]!)!.forecast).toEqual(outlook.forecast);
  });
});
