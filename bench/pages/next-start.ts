import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { childEnvironment } from '../../lib/env';
import type { Shutdown } from '../../lib/launcher/shutdown';
import { stopChild } from '../../lib/launcher/stop-child';
import { waitForHttp } from '../../lib/launcher/wait-for-http';

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** The last lines of a log file (empty when there is none). */
export async function tail(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts `next start` on the build in `appDir`, as lib/launcher/launcher.ts does, with its output
 * in `logFile`. Gives its address and process id (benches read its CPU time).
 */
export async function startNext(
  appDir: string,
  port: number,
  settings: Record<string, string>,
  logFile: string,
  cleanup: Shutdown,
): Promise<{ url: string; pid: number }> {
  const output = openSync(logFile, 'a');
  const child = spawn(process.execPath, [nextBin, 'start', appDir, '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: appDir,
    stdio: ['ignore', output, output],
    env: childEnvironment({ ...settings, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) }),
  });
  closeSync(output);
  cleanup.add(() => stopChild(child), 'stop next start');
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<false>((resolve) => child.once('exit', () => resolve(false)));
  const ready = await Promise.race([waitForHttp(`${baseUrl}/api/health`, 120_000), exited]);
  if (!ready || child.exitCode !== null || child.pid === undefined)
    throw new Error(`next start did not come up on port ${port}. Its output:\n${await tail(logFile)}`);
  return { url: baseUrl, pid: child.pid };
}
