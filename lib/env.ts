import path from 'node:path';
import { z } from 'zod';

/**
 * The one reader of process.env. Every setting Flowpilot understands is declared here with its
 * default, validated once, and described in .env.example. Invalid settings stop start-up with a
 * message that names the variable and how to fix it.
 */

const port = z.coerce.number().int().min(1).max(65535);

/** A PostgreSQL connection URL (DATABASE_URL, and the restore script's target). */
export const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgresql://');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port.default(3000),
  /** Unset: 127.0.0.1 in demo mode (the demo accounts stay on this machine), else 0.0.0.0. */
  HOST: z.string().min(1).optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  APP_URL: z.string().url().optional(),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** A sync run whose instance has been silent this long is taken over by another; heartbeats come every 5 s. */
  SYNC_TAKEOVER_SECONDS: z.coerce.number().int().min(15).max(3600).default(30),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  BITRIX24_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  BITRIX24_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  BITRIX24_OAUTH_PORTAL_URL: z.string().url().optional(),
  BITRIX24_OAUTH_SERVER_URL: z.string().url().default('https://oauth.bitrix.info'),
  GIGACHAT_CA_FILE: z.string().min(1).optional(),
  E2E_CHROMIUM_PATH: z.string().min(1).optional(),
  /** Set by `npm start` for the app, only while the demo listens on this machine alone: the sign-in page shows it. */
  FLOWPILOT_DEMO_PASSWORD: z.string().min(1).optional(),
  CI: z
    .string()
    .optional()
    .transform((value) => value !== undefined && value !== '' && value !== '0' && value !== 'false'),
});

export type Env = z.infer<typeof envSchema>;

/** Bitrix24 sign-in is offered only when the app's id, secret and the portal address are all set. */
export function bitrix24OAuthConfig(config: Env = env()) {
  const { BITRIX24_OAUTH_CLIENT_ID: clientId, BITRIX24_OAUTH_CLIENT_SECRET: clientSecret } = config;
  const portalUrl = config.BITRIX24_OAUTH_PORTAL_URL;
  if (!clientId || !clientSecret || !portalUrl) return null;
  return {
    clientId,
    clientSecret,
    portalUrl: portalUrl.replace(/\/+$/, ''),
    serverUrl: config.BITRIX24_OAUTH_SERVER_URL.replace(/\/+$/, ''),
  };
}
/** The local application's keys, for refreshing an app connection's tokens (sign-in needs the portal address too). */
export function bitrix24AppKeys(config: Env = env()) {
  const { BITRIX24_OAUTH_CLIENT_ID: clientId, BITRIX24_OAUTH_CLIENT_SECRET: clientSecret } = config;
  if (!clientId || !clientSecret) return null;
  return { clientId, clientSecret, serverUrl: config.BITRIX24_OAUTH_SERVER_URL.replace(/\/+$/, '') };
}
export type EnvName = keyof typeof envSchema.shape;

const fixes: Record<EnvName, string> = {
  NODE_ENV: 'use development, production or test, or leave it unset',
  PORT: 'set a whole number from 1 to 65535, for example PORT=3000',
  HOST: 'set the interface to listen on, for example HOST=127.0.0.1 or HOST=0.0.0.0, or leave it unset',
  DATABASE_URL:
    'set a PostgreSQL URL such as postgresql://user:password@localhost:5432/flowpilot, or unset it to use the embedded database',
  DATA_DIR: 'set a folder path for local data, or leave it unset for .data',
  EMBEDDED_PG_PORT: 'set a free port from 1 to 65535 for the embedded database, for example EMBEDDED_PG_PORT=54329',
  APP_URL: 'set the address people open Flowpilot at, for example https://flowpilot.example.com',
  SYNC_TAKEOVER_SECONDS:
    'set how many seconds a silent sync run waits before another instance takes it over (15 to 3600), for example SYNC_TAKEOVER_SECONDS=30',
  TRUSTED_PROXY_HOPS:
    'set how many reverse proxies stand in front of Flowpilot (0 to 10), for example TRUSTED_PROXY_HOPS=1 behind one nginx',
  AUTH_SECRET:
    'set a random string of 32 or more characters (openssl rand -base64 32), or unset it to have one generated',
  ENCRYPTION_KEY:
    'set a random string of 32 or more characters (openssl rand -base64 32) and keep it: stored portal secrets open only with it; or unset it to have one generated',
  SESSION_MAX_AGE_HOURS: 'set a whole number of hours from 1 to 2160',
  ADMIN_EMAIL: 'set the e-mail address of the first admin, for example admin@example.com',
  ADMIN_PASSWORD: 'set a password of at least 10 characters for the first admin',
  BITRIX24_OAUTH_CLIENT_ID: "set the application's client_id from Bitrix24 (local.xxxx)",
  BITRIX24_OAUTH_CLIENT_SECRET: "set the application's client_secret from Bitrix24",
  BITRIX24_OAUTH_PORTAL_URL: 'set the portal address, for example https://acme.bitrix24.ru',
  BITRIX24_OAUTH_SERVER_URL: "set Bitrix24's OAuth server, https://oauth.bitrix.info unless told otherwise",
  GIGACHAT_CA_FILE:
    'set the path of the Russian Trusted Root CA certificate (PEM), for example /etc/flowpilot/russian_trusted_root_ca.pem',
  E2E_CHROMIUM_PATH: 'set the full path of a Chromium or Chrome executable',
  FLOWPILOT_DEMO_PASSWORD: 'leave it unset: npm start sets it for the app',
  CI: 'set true or false',
};

export class EnvError extends Error {
  constructor(readonly problems: { name: string; problem: string; fix: string }[]) {
    super(
      [
        'Flowpilot cannot start: the configuration is invalid.',
        ...problems.map((p) => `  ${p.name}: ${p.problem}. Fix: ${p.fix}.`),
        'See .env.example for every setting and its default.',
      ].join('\n'),
    );
    this.name = 'EnvError';
  }
}

type Source = Record<string, string | undefined>;

/** Parses and validates a configuration source (process.env by default). Empty values count as unset. */
export function loadEnv(source: Source = process.env): Env {
  const cleaned: Source = {};
  for (const name of Object.keys(envSchema.shape)) {
    const value = source[name];
    cleaned[name] = value === undefined || value.trim() === '' ? undefined : value.trim();
  }
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'config') as EnvName;
      return { name, problem: issue.message, fix: fixes[name] ?? 'see .env.example' };
    }),
  );
}

let cached: Env | undefined;

/** The validated configuration of this process, read once. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Absolute path of the local data folder (embedded database, generated files). */
export function dataDir(config: Env = env()): string {
  return path.resolve(config.DATA_DIR);
}

/** The environment for a child process: this one's, with the given values set or removed. */
export function childEnvironment(overrides: Source): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}
