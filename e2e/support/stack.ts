import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the global setup started, for the specs: written to a file because specs run in other processes. */
export type E2eStack = {
  baseUrl: string;
  proxyControlUrl: string;
  appLog: string;
  /** Direct connection to the app's database (not through the proxy), for specs that check what was stored. */
  databaseUrl: string;
  /** The app's ENCRYPTION_KEY, for specs that store a portal connection the app must open. */
  encryptionKey: string;
  flows: { support: string; sales: string; legal: string };
  oauthPortalUrl: string;
};

export const stackFile = path.resolve('test-results/e2e-stack.json');
export const e2ePort = 3100;

/** Where the setup project keeps each role's signed-in browser state. */
export function storageStateFor(role: 'admin' | 'lead' | 'executive'): string {
  return path.resolve(`test-results/e2e-auth/${role}.json`);
}

export function readStack(): E2eStack {
  return JSON.parse(readFileSync(stackFile, 'utf8')) as E2eStack;
}

/** Cuts (`down`) or restores (`up`) the app's connection to its database. */
export async function setDatabase(state: 'up' | 'down'): Promise<void> {
  const response = await fetch(`${readStack().proxyControlUrl}/${state}`, { method: 'POST' });
  if (!response.ok) throw new Error(`database proxy did not switch ${state}: ${response.status}`);
}
