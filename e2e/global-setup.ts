import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startDemoPortal } from '@/lib/demo-portal/server';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { applyMigrations, projectMigrationsLayout } from '@/lib/db/migrations';
import { createScratchDatabase } from '@/lib/db/scratch-database';
import { env } from '@/lib/env';
import { testPostgresPorts } from '@/lib/testing/test-ports';
import { runLauncher, waitForOutput } from './support/launcher-process';
import { e2eCompany, e2eOAuthApp } from './support/oauth-company';
import { seedE2eData } from './support/seed';
import { e2ePort, stackFile, type E2eStack } from './support/stack';
import { TcpProxy } from './support/tcp-proxy';

/**
 * The stack the specs run against: a real PostgreSQL (the server of DATABASE_URL, or an
 * embedded one), a cuttable TCP proxy in front of it, and Flowpilot started the way
 * `npm start` starts it (which builds first when the build is stale).
 */
export default async function globalSetup() {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-e2e-'));
  await mkdir(path.dirname(stackFile), { recursive: true });
  const teardown: (() => Promise<unknown>)[] = [];

  const configuredUrl = env().DATABASE_URL;
  let adminUrl: string;
  if (configuredUrl) {
    const admin = new URL(configuredUrl);
    admin.pathname = '/postgres';
    adminUrl = admin.toString();
  } else {
    const server = await startEmbeddedPostgres({ dataDir: workDir, port: testPostgresPorts.e2e });
    teardown.push(server.stop);
    // The last step, once the server has stopped: as root the cluster may live outside workDir (lib/db/postgres-as-root.ts).
    teardown.unshift(() => rm(server.clusterDir, { recursive: true, force: true }));
    adminUrl = server.adminConnectionString;
  }
  const database = await createScratchDatabase(adminUrl, 'fp_e2e');
  teardown.push(database.drop);
  await applyMigrations(database.url, projectMigrationsLayout());
  const flows = await seedE2eData(database.url);

  const baseUrl = `http://127.0.0.1:${e2ePort}`;
  const portal = await startDemoPortal({ company: e2eCompany, oauthApps: [e2eOAuthApp(baseUrl)] });
  teardown.push(portal.stop);

  const target = new URL(database.url);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.up();
  teardown.push(() => proxy.down());
  const control = http.createServer((request, response) => {
    const action = request.url === '/down' ? proxy.down() : request.url === '/up' ? proxy.up() : undefined;
    if (!action || request.method !== 'POST') return void response.writeHead(404).end();
    action.then(
      () => response.writeHead(204).end(),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  teardown.push(() => new Promise((resolve) => control.close(resolve)));

  const appUrl = new URL(database.url);
  appUrl.hostname = '127.0.0.1';
  appUrl.port = String(proxy.port);
  const appLog = path.resolve('test-results/e2e-app.log');
  await writeFile(appLog, '');
  const oauthApp = e2eOAuthApp(baseUrl);
  const encryptionKey = randomBytes(32).toString('base64url');
  const app = runLauncher(
    {
      PORT: String(e2ePort),
      HOST: '127.0.0.1',
      APP_URL: baseUrl,
      DATABASE_URL: appUrl.toString(),
      DATA_DIR: workDir,
      ENCRYPTION_KEY: encryptionKey,
      BITRIX24_OAUTH_CLIENT_ID: oauthApp.clientId,
      BITRIX24_OAUTH_CLIENT_SECRET: oauthApp.clientSecret,
      BITRIX24_OAUTH_PORTAL_URL: portal.url,
      BITRIX24_OAUTH_SERVER_URL: portal.url,
    },
    appLog,
  );
  teardown.push(() => app.stop());
  await waitForOutput(app, /\[flowpilot\] ready: /, 300_000);

  const stack: E2eStack = {
    baseUrl,
    databaseUrl: database.url,
    encryptionKey,
    flows,
    oauthPortalUrl: portal.url,
    proxyControlUrl: `http://127.0.0.1:${(control.address() as { port: number }).port}`,
    appLog,
  };
  await writeFile(stackFile, JSON.stringify(stack, null, 2));

  return async () => {
    for (const step of teardown.reverse()) await step().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  };
}
