import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { efficiencyForecast } from './efficiency-forecast';
import { efficiencyTaskOf } from './flow-efficiency';
import { flowOutlooks } from './flow-outlooks';
import { likelyLateRisk } from './likely-late';
import { openTaskRisks, openTaskRisksOfFlows, type RiskFlow } from './open-task-risks';
import { insertFlow, insertPortal, insertTasks, loadMetricTasks, randomTasks } from './testing/mirror-fixture';

// 2026-05-20 12:00 in Moscow.
const now = new Date(Date.UTC(2026, 4, 20, 9));

let database: MigratedDatabase;
let flows: RiskFlow[];
beforeAll(async () => {
  database = await migratedDatabase();
  const db = database.db;
  // Two portals in different zones, one flow counting calendar time: each flow keeps its own.
  const moscow = await insertPortal(db, '+03:00');
  const vladivostok = await insertPortal(db, '+10:00');
  const ids = [
    await insertFlow(db, moscow, { name: 'Alpha' }),
    await insertFlow(db, moscow, { name: 'Beta' }),
    await insertFlow(db, vladivostok, { name: 'Gamma' }),
  ];
  await db.flow.update({ where: { id: ids[1]! }, data: { matchWorkTime: false } });
  await insertTasks(db, moscow, randomTasks('outlooks-moscow', 700, [ids[0]!, ids[1]!, null], now.getTime()));
  await insertTasks(db, vladivostok, randomTasks('outlooks-vladivostok', 350, [ids[2]!], now.getTime()));
  flows = [
    { id: ids[0]!, matchWorkTime: true, calendar: defaultWorkCalendar, timeZoneOffset: '+03:00' },
    { id: ids[1]!, matchWorkTime: false, calendar: defaultWorkCalendar, timeZoneOffset: '+03:00' },
    { id: ids[2]!, matchWorkTime: true, calendar: defaultWorkCalendar, timeZoneOffset: '+10:00' },
  ];
});
afterAll(async () => {
  await database?.drop();
});

describe('the outlook of many flows at once', () => {
  it('gives each open task the deadline risk the one-flow reading gives it', async () => {
    const batch = await openTaskRisksOfFlows(database.db, flows, now);
    for (const flow of flows) {
      const alone = await openTaskRisks(database.db, flow, now);
      expect(alone.size).toBeGreaterThan(0);
      expect(batch.get(flow.id)).toEqual(alone);
    }
  });

  it('counts as likely late the open tasks at 50 % or more, and forecasts as the pure function over all the flow’s tasks', async () => {
    const outlooks = await flowOutlooks(database.db, flows, now);
    for (const flow of flows) {
      const outlook = outlooks.get(flow.id)!;
      expect(await flowOutlooks(database.db, [flow], now)).toEqual(new Map([[flow.id, outlook]]));
      expect(outlook.likelyLate).toBe(
        [...outlook.risks.values()].filter((risk) => risk.probability >= likelyLateRisk).length,
      );
      // Every mirrored task of the flow, not only the window's the reader picks: the same forecast.
      const tasks = (await loadMetricTasks(database.db, flow.id)).map((task) => ({
        ...efficiencyTaskOf(task),
        id: task.id,
      }));
      expect(outlook.forecast).toEqual(
        efficiencyForecast({
          tasks,
          risks: new Map([...outlook.risks].map(([id, risk]) => [id, risk.probability])),
          now: now.getTime(),
          timeZoneOffset: flow.timeZoneOffset,
        }),
      );
      expect(outlook.forecast.basis.tasks).toBeGreaterThan(0);
    }
  });
});
