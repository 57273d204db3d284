/**
 * Ports of the PostgreSQL servers the tests start. All lie below 32768, the lowest first ephemeral
 * port of Linux (32768–60999), macOS and Windows (49152–65535): a port in the ephemeral range can
 * be held at any moment by an outgoing connection of the same run (a database pool, an HTTP
 * client), and a server asked to listen on it then fails to start now and then. The pid spreads
 * runs that share a machine; apps the e2e tests start use 3100–3199.
 */
export const testPostgresPorts = {
  /** The integration tests' server, one per Vitest run. */
  integration: 25_000 + (process.pid % 1000),
  /** lib/db/embedded-postgres.int.test.ts: this port and the nine after it. */
  embeddedTests: 26_000 + (process.pid % 1000),
  /** The e2e run's shared server. */
  e2e: 27_100 + (process.pid % 500),
  /** e2e specs that start a server of their own. */
  launcherSpec: 27_700,
  demoCompany: 27_701,
  restoreBackup: 27_702,
} as const;

/** The lowest first ephemeral port of the systems the tests run on. */
export const lowestEphemeralPort = 32_768;
