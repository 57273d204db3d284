import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '@/lib/os/is-process-alive';

/**
 * One Flowpilot per data folder: a second start would stop the first one's embedded database.
 * Returns a release function.
 */
export async function acquireLaunchLock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'flowpilot.pid');
  const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
    throw new Error(
      `Flowpilot is already running from ${dataDir} (pid ${holder}). Stop it first, or set DATA_DIR to another folder for a second instance.`,
    );
  }
  await writeFile(file, `${process.pid}\n`);
  return () => rm(file, { force: true });
}
