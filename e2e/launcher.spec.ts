import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runLauncher, waitForOutput } from './support/launcher-process';

/** Processes whose command line mentions the folder: the embedded server runs with `-D <folder>/postgres`. */
function processesUsing(folder: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'])
    .toString()
    .split('\n')
    .filter((line) => line.includes(folder) && !line.includes(' ps -eo'));
}

test.describe('npm start on the embedded defaults', () => {
  test.setTimeout(240_000);
  let dataDir: string;
  test.beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-launch-'));
  });
  test.afterAll(() => rm(dataDir, { recursive: true, force: true }));

  test('starts PostgreSQL and the app, keeps data across restarts, and leaves nothing running after stop', async () => {
    const settings = { PORT: '3101', HOST: '127.0.0.1', DATA_DIR: dataDir, EMBEDDED_PG_PORT: '54601', DATABASE_URL: undefined };

    const first = runLauncher(settings);
    const [, id] = await waitForOutput(first, /installation ([0-9a-f-]{36}), start #1\b/, 120_000);
    await waitForOutput(first, /ready: http:\/\/localhost:3101/, 180_000);
    expect(first.output()).toContain('embedded PostgreSQL on 127.0.0.1:54601');
    const health = await (await fetch('http://127.0.0.1:3101/api/health')).json();
    expect(health).toMatchObject({ status: 'ok', db: 'up' });

    // A second start on the same data folder refuses instead of stopping the first one's database.
    const second = runLauncher({ ...settings, PORT: '3102' });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running from .* \(pid \d+\)/);

    await first.stop('SIGTERM');
    expect(processesUsing(dataDir)).toEqual([]);

    const again = runLauncher(settings);
    await waitForOutput(again, new RegExp(`installation ${id}, start #2\\b`), 120_000);
    await waitForOutput(again, /ready: /, 180_000);
    expect(again.output()).toContain('database schema is up to date');
    await again.stop('SIGINT');
    expect(processesUsing(dataDir)).toEqual([]);
  });

  test('stops with a message that names the setting when the configuration is invalid', async () => {
    const launcher = runLauncher({ PORT: 'eighty', DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output()).toMatch(/PORT: .*Fix: set a whole number from 1 to 65535/);
    expect(processesUsing(dataDir)).toEqual([]);
  });
});
