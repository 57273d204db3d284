import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';

export type CopilotSettings = { enabled: boolean; hourlyRequestLimit: number };

const defaults: CopilotSettings = { enabled: true, hourlyRequestLimit: 600 };

/** The deployment's CoPilot switch and limits; on with Bitrix24's limit until an admin changes them. */
export async function copilotSettings(db: PrismaClient): Promise<CopilotSettings> {
  const row = await db.copilotSettings.findUnique({ where: { id: 1 }, select: { enabled: true, hourlyRequestLimit: true } });
  return row ?? defaults;
}

export async function updateCopilotSettings(db: PrismaClient, change: Partial<CopilotSettings>): Promise<CopilotSettings> {
  return db.copilotSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...defaults, ...change },
    update: change,
    select: { enabled: true, hourlyRequestLimit: true },
  });
}

/** Whether the viewer gets CoPilot buttons: CoPilot is on and they are a lead or an admin. */
export async function copilotAvailableTo(db: PrismaClient, viewer: Viewer): Promise<boolean> {
  if (viewer.role === 'executive') return false;
  return (await copilotSettings(db)).enabled;
}
