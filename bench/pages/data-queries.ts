import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { PrismaClient } from '../../lib/db/client';
import type { Prisma } from '../../lib/db/generated/client';

type FlowsFilter = Prisma.FlowWhereInput;
export type DataQueries = {
  flowsList: (db: PrismaClient, flows: FlowsFilter) => Promise<unknown>;
  flowDashboard: (db: PrismaClient, flows: FlowsFilter, flowId: string) => Promise<unknown>;
  overview: (db: PrismaClient, flows: FlowsFilter) => Promise<unknown>;
};
const dataQueryFiles: Record<keyof DataQueries, string> = {
  flowsList: 'lib/dashboards/flows-list.ts',
  flowDashboard: 'lib/dashboards/flow-dashboard.ts',
  overview: 'lib/dashboards/overview.ts',
};

/**
 * The pages' data functions from lib/dashboards, or why they cannot be used. Imported by path at
 * run time, not statically: they are written alongside the pages, and the bench must still
 * compile and measure the pages in a tree that does not have them (yet, or under these names).
 */
export async function loadDataQueries(root: string): Promise<{ queries: DataQueries } | { missing: string }> {
  const isFunction = z.custom<(...args: never[]) => unknown>(
    (value) => typeof value === 'function',
    'not an exported function',
  );
  const found: Partial<Record<keyof DataQueries, unknown>> = {};
  for (const [name, file] of Object.entries(dataQueryFiles) as [keyof DataQueries, string][]) {
    if (!existsSync(path.join(root, file))) return { missing: `${file} does not exist` };
    const imported: unknown = await import(pathToFileURL(path.join(root, file)).href);
    const exported = z.object({ [name]: isFunction }).safeParse(imported);
    if (!exported.success) return { missing: `${file} has no function \`${name}\`` };
    found[name] = exported.data[name];
  }
  // The shapes were checked above; the signatures are checked by the results in timeDataQueries.
  return { queries: found as DataQueries };
}
