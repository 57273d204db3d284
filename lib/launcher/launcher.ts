import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import { demoAccounts, leaveDemoMode, syncDemoAccounts, type DemoAccountsState } from '@/lib/auth/demo-accounts';
import { prepareFirstRun, type FirstRun } from '@/lib/auth/first-admin';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { describeDatabaseTarget } from '@/lib/db/database-target';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { recordStart } from '@/lib/db/installation';
import { applyMigrations, projectMigrationsLayout } from '@/lib/db/migrations';
import { dataDir, env } from '@/lib/env';
import { startJobWorker } from '@/lib/jobs/job-worker';
import { startDemoConnection, usesDemoPortal } from '@/lib/portals/demo-portal-connection';
import { eventsPath } from '@/lib/http/bitrix24-receiver-paths';
import { resealLegacySecrets } from '@/lib/security/reseal-secrets';
import { secretBox, type SecretBox } from '@/lib/security/secret-box';
import { requestSync } from '@/lib/jobs/request-sync';
import { demoReach } from './demo-reach';
import { generatedSecret } from './generated-secret';
import { portIsFree } from './port-free';
import { acquireLaunchLock } from './launch-lock';
import { ensureBuilt, startNextServer } from './next-process';
import { Shutdown } from './shutdown';
import { stopChild } from './stop-child';
import { waitForHttp } from './wait-for-http';

const log = (message: string) => console.log(`[flowpilot] ${message}`);

/**
 * When the parent (npm, a shell, a supervisor) dies without passing a signal on, this process
 * is re-parented; stop then too, so no server or database is left running unowned.
 */
function stopWhenOrphaned(shutdown: Shutdown): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    log('the parent process is gone');
    void shutdown.run().then(() => process.exit(0));
  }, 1_000);
  timer.unref();
}

/** A database for the app: DATABASE_URL, or the embedded server (stopped by `shutdown`). */
async function provideDatabase(shutdown: Shutdown): Promise<string> {
  const config = env();
  if (config.DATABASE_URL) {
    log(`database: ${describeDatabaseTarget(config.DATABASE_URL)} (DATABASE_URL)`);
    return config.DATABASE_URL;
  }
  const folder = dataDir(config);
  await mkdir(folder, { recursive: true });
  shutdown.add(await acquireLaunchLock(folder));
  const embedded = await startEmbeddedPostgres({ dataDir: folder, port: config.EMBEDDED_PG_PORT, onNote: log });
  shutdown.add(embedded.stop);
  log(`database: embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${embedded.clusterDir}`);
  return embedded.connectionString;
}

/** The built-in demo portal, connected, with its events bound to this app. */
async function startDemo(db: PrismaClient, box: SecretBox, port: number) {
  const started = performance.now();
  const demo = await startDemoConnection({
    db,
    box,
    webhookCode: await generatedSecret(dataDir(), 'demo-portal-webhook'),
    eventsUrl: `http://127.0.0.1:${port}${eventsPath}`,
  });
  const { company } = demo.portal.state;
  log(
    `demo portal ${company.header.domain} on ${demo.portal.url}: ${company.users.length} employees, ${company.flows.length} flows, ` +
      `${company.tasks.length} tasks (ready in ${((performance.now() - started) / 1000).toFixed(1)} s); connect a real portal in Settings → Bitrix24`,
  );
  return demo;
}

/** Says, once, what ending demo mode switched off. */
function demoModeEnded(state: DemoAccountsState): string | null {
  if (state.state !== 'disabled') return null;
  const parts = [`switched off ${state.demoAccounts} demo account(s)`];
  if (state.invitedAccounts > 0)
    parts.push(`${state.invitedAccounts} account(s) they invited (${state.invitations} unused invitation(s) removed)`);
  if (state.modelReset) parts.push("reset CoPilot's model, last chosen with a demo account, to the built-in analyst");
  return `demo mode ended: ${parts.join('; ')}. Switch an invited account back on in Users if you trust it.`;
}

function signInHint(firstRun: FirstRun, appUrl: string): string {
  if (firstRun.state !== 'setup-link') return `sign in at ${appUrl}/sign-in`;
  return [
    'no account exists yet. Open this one-time link to create the admin account:',
    `    ${appUrl}/setup?token=${firstRun.token}`,
    '  (or set ADMIN_EMAIL and ADMIN_PASSWORD before starting)',
  ].join('\n');
}

/**
 * `npm start` / `npm run dev`: a database, migrations, a build when the sources changed, then
 * Next.js. Ctrl-C or SIGTERM stops Next.js, then the embedded database, then exits.
 */
export async function launch(mode: 'production' | 'development', root: string = process.cwd()): Promise<void> {
  const config = env();
  const shutdown = new Shutdown({ onStart: () => log('stopping…') });
  stopWhenOrphaned(shutdown);
  process.on('unhandledRejection', (reason) => {
    // Work cut off by a stop may still fail afterwards; that must not stop the clean-up half-way.
    if (shutdown.started) return;
    log(`unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    void shutdown.run().then(() => process.exit(1));
  });
  try {
    const databaseUrl = await provideDatabase(shutdown);

    const applied = await applyMigrations(databaseUrl, projectMigrationsLayout(root));
    log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

    const client = createPrismaClient(databaseUrl);
    shutdown.add(() => client.$disconnect());
    const encryptionKey = config.ENCRYPTION_KEY ?? (await generatedSecret(dataDir(config), 'encryption-key'));
    const box = secretBox(encryptionKey);
    const resealed = await resealLegacySecrets(client, box);
    if (resealed > 0) log(`sealed ${resealed} stored secret(s) again, each bound to its column`);

    const demo = (await usesDemoPortal(client)) ? await startDemo(client, box, config.PORT) : null;
    if (demo) shutdown.add(() => demo.portal.stop());

    const installation = await recordStart(client);
    // In demo mode anyone who reaches the port may sign in as the demo admin: by default only this machine can.
    const host = config.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0');
    const demoPassword = demo ? await generatedSecret(dataDir(config), 'demo-password', 12) : null;
    const demoState = demoPassword ? await syncDemoAccounts(client, demoPassword) : await leaveDemoMode(client);
    if (demoState.state === 'created') log('demo mode: created the demo accounts listed on the sign-in page');
    const ended = demoModeEnded(demoState);
    if (ended) log(ended);
    const reach = demoReach(host, config);
    if (demoPassword && reach === 'this-machine') {
      log(
        `demo mode: listening on ${host} only, so the demo accounts are for this machine; set HOST=0.0.0.0 to open the demo to your network`,
      );
    } else if (demoPassword) {
      const where = reach === 'proxy' ? `on ${host} behind a reverse proxy` : `on ${host}, open to your network`;
      log(
        `demo mode: listening ${where}. The demo accounts (${demoAccounts.map((account) => account.email).join(', ')}) sign in with the password ${demoPassword}, printed here only`,
      );
    }
    const firstRun = await prepareFirstRun(client, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
    log(`installation ${installation.instanceId}, start #${installation.startCount}`);
    if (firstRun.state === 'admin-created') log(`created the admin account ${firstRun.email} (ADMIN_EMAIL)`);

    const appUrl = (config.APP_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
    const worker = await startJobWorker({
      databaseUrl,
      db: client,
      box,
      owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      log,
      appUrl,
      staleAfterMs: config.SYNC_TAKEOVER_SECONDS * 1000,
    });
    shutdown.add(worker.stop);
    if (
      demo &&
      !(await client.syncRun.findFirst({
        where: { portalId: demo.portalId, kind: 'full', state: 'succeeded' },
        select: { id: true },
      }))
    ) {
      const { started } = await requestSync(client, worker.boss, demo.portalId, 'full');
      if (started) log('demo portal: first sync started; the header shows its progress');
    }

    const auth = {
      AUTH_SECRET: config.AUTH_SECRET ?? (await generatedSecret(dataDir(config), 'auth-secret')),
      ENCRYPTION_KEY: encryptionKey,
      // With APP_URL, links and OAuth redirects use it; without, they follow the address the browser used.
      ...(config.APP_URL ? { NEXTAUTH_URL: appUrl } : { AUTH_TRUST_HOST: 'true' }),
    };

    if (mode === 'production') {
      log('checking the build…');
      if (await ensureBuilt(root, (build) => shutdown.add(() => stopChild(build)))) log('built the app');
    }
    if (shutdown.started) return;

    if (!(await portIsFree(config.PORT, host))) {
      throw new Error(
        `Port ${config.PORT} is already in use, perhaps by an earlier Flowpilot that is still running. Stop it, or set PORT to a free port.`,
      );
    }
    const next = startNextServer({
      root,
      mode,
      port: config.PORT,
      host,
      env: {
        DATABASE_URL: databaseUrl,
        ...auth,
        FLOWPILOT_DEMO_PASSWORD: demoPassword && reach === 'this-machine' ? demoPassword : undefined,
      },
    });
    shutdown.add(() => stopChild(next));
    next.once('exit', (code, signal) => {
      if (shutdown.started) return;
      log(`Next.js exited (${signal ?? `code ${code}`})`);
      void shutdown.run().then(() => process.exit(code ?? 1));
    });

    if (await waitForHttp(`http://127.0.0.1:${config.PORT}/api/health`, 180_000)) {
      log(`ready: ${appUrl}`);
      log(signInHint(firstRun, appUrl));
    }
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}
