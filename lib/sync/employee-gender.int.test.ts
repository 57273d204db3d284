import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany } from '@/lib/demo-portal/testing/fixture-company';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { fullSyncOf } from './testing/full-sync-of';

/**
 * Employees' gender as user.get gives it (docs/bitrix24.md, "`PERSONAL_GENDER`"): "M" and "F"
 * are kept, "" or no field at all is unknown, so CoPilot falls back to the name.
 */
let database: MigratedDatabase;
let portal: DemoPortal;
let portalId: string;

beforeAll(async () => {
  database = await migratedDatabase();
  const base = fixtureCompany();
  const genders: Record<string, 'M' | 'F' | '' | undefined> = { '1': 'F', '2': 'M', '3': '', '4': undefined };
  const company = fixtureCompany({
    users: base.users.map((user) =>
      genders[user.ID] === undefined ? user : { ...user, PERSONAL_GENDER: genders[user.ID] },
    ),
  });
  portal = await startDemoPortal({ company });
  ({ id: portalId } = await database.db.portal.create({
    data: { memberId: company.header.memberId, domain: company.header.domain, kind: 'demo', timeZoneOffset: '+03:00' },
  }));
});
afterAll(async () => {
  await portal?.stop();
  await database?.drop();
});

describe('employee gender', () => {
  it('keeps "M" and "F" and leaves "" or a missing field unknown', async () => {
    const outcome = await fullSyncOf(database.db, portalId, portal.webhookUrl);
    expect(outcome).toBe('succeeded');
    const employees = await database.db.employee.findMany({
      where: { portalId },
      select: { bitrixUserId: true, gender: true },
      orderBy: { bitrixUserId: 'asc' },
    });
    expect(employees).toEqual([
      { bitrixUserId: 1, gender: 'female' },
      { bitrixUserId: 2, gender: 'male' },
      { bitrixUserId: 3, gender: null },
      { bitrixUserId: 4, gender: null },
    ]);
  });
});
