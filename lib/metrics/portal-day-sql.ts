import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { Prisma } from '@/lib/db/generated/client';

/** A timestamp column as the portal's wall clock, in SQL (a timestamp without zone). */
export function portalTimeSql(column: Prisma.Sql, offset: string): Prisma.Sql {
  return Prisma.sql`((${column} AT TIME ZONE 'UTC') + make_interval(mins => ${offsetMinutes(offset)}::int))`;
}

/** The portal day of a timestamp column, in SQL: shift by the portal's offset, then take the date. */
export function portalDaySql(column: Prisma.Sql, offset: string): Prisma.Sql {
  return Prisma.sql`${portalTimeSql(column, offset)}::date`;
}
