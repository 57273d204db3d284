import type { PrismaClient } from './client';

export type Installation = {
  instanceId: string;
  installedAt: Date;
  lastStartedAt: Date;
  startCount: number;
};

/** Records one start of the app: creates the installation row on the first, counts the others. */
export async function recordStart(client: PrismaClient, at: Date = new Date()): Promise<Installation> {
  return client.installation.upsert({
    where: { id: 1 },
    create: { id: 1, installedAt: at, lastStartedAt: at, startCount: 1 },
    update: { lastStartedAt: at, startCount: { increment: 1 } },
    select: { instanceId: true, installedAt: true, lastStartedAt: true, startCount: true },
  });
}

export async function readInstallation(client: PrismaClient): Promise<Installation | null> {
  return client.installation.findUnique({
    where: { id: 1 },
    select: { instanceId: true, installedAt: true, lastStartedAt: true, startCount: true },
  });
}
