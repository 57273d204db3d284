import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalysedFlow } from '@/lib/copilot/analysis/load-analysed-flow';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { fullSyncOf } from './testing/full-sync-of';

/**
 * The working calendar read from the portal by each sync (docs/bitrix24.md, "The working
 * calendar"): the demo portal serves calendar.settings.get with a holiday and a Friday–Saturday
 * week end; the sync stores it, and CoPilot's findings read it. A webhook without the calendar
 * scope still syncs, on Bitrix24's defaults.
 */
let database: MigratedDatabase;
let portal: DemoPortal;

const base = fixtureCompany({
  flows: [fixtureFlow(3, { ownerId: 1, distributionType: 'queue', responsibleList: [['user', '2']], team: [] })],
  tasks: [fixtureTask(1, { flowId: '3' })],
});
const company = {
  ...base,
  header: {
    ...base.header,
    calendar: {
      work_time_start: '8.30',
      work_time_end: '17',
      year_holidays: '4.11,31.12',
      year_workdays: '',
      week_holidays: ['FR' as const, 'SA' as const],
      week_start: 'SU' as const,
    },
  },
};

beforeAll(async () => {
  database = await migratedDatabase();
  portal = await startDemoPortal({
    company,
    webhooks: [
      { userId: 1, code: 'allscopes0000001', scopes: ['task', 'user', 'department', 'calendar', 'im'] },
      { userId: 1, code: 'nocalendar000001', scopes: ['task', 'user', 'department', 'im'] },
    ],
  });
});
afterAll(async () => {
  await portal?.stop();
  await database?.drop();
});

async function syncWith(code: string, memberId: string): Promise<string> {
  const { id: portalId } = await database.db.portal.create({
    data: { memberId, domain: `${memberId}.bitrix24.test`, kind: 'webhook', timeZoneOffset: '+03:00' },
  });
  expect(await fullSyncOf(database.db, portalId, `${portal.url}/rest/1/${code}/`)).toBe('succeeded');
  return portalId;
}

describe('the working calendar', () => {
  it("is read from the portal, stored, and what the flow's findings use", async () => {
    const portalId = await syncWith('allscopes0000001', 'a'.repeat(32));
    const expected = {
      daysOff: [5, 6],
      holidays: ['11-04', '12-31'],
      workStart: 510,
      workEnd: 1020,
      source: 'portal',
    };
    expect((await database.db.portal.findUniqueOrThrow({ where: { id: portalId } })).workCalendar).toEqual(expected);
    const flow = await database.db.flow.findFirstOrThrow({ where: { portalId, bitrixFlowId: 3 } });
    expect((await loadAnalysedFlow(database.db, flow.id))!.flow.workCalendar).toEqual(expected);
  });

  it('stays at Bitrix24’s defaults when the connection lacks the calendar scope', async () => {
    const portalId = await syncWith('nocalendar000001', 'b'.repeat(32));
    expect((await database.db.portal.findUniqueOrThrow({ where: { id: portalId } })).workCalendar).toBeNull();
    const flow = await database.db.flow.findFirstOrThrow({ where: { portalId, bitrixFlowId: 3 } });
    expect((await loadAnalysedFlow(database.db, flow.id))!.flow.workCalendar).toEqual(defaultWorkCalendar);
  });
});
