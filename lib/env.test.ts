import { describe, expect, it } from 'vitest';
import { bitrix24OAuthConfig, EnvError, loadEnv } from './env';

describe('loadEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadEnv({});
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      PORT: 3000,
      DATA_DIR: '.data',
      EMBEDDED_PG_PORT: 54329,
      CI: false,
    });
    // Unset, the launcher decides: this machine only in demo mode, every interface otherwise.
    expect(config.HOST).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('treats empty and blank values as unset', () => {
    expect(loadEnv({ DATABASE_URL: '', PORT: '  ' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it('accepts a PostgreSQL URL in both spellings', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://u:p@db:5432/x' }).DATABASE_URL).toBe('postgres://u:p@db:5432/x');
    expect(loadEnv({ DATABASE_URL: 'postgresql://localhost/flowpilot' }).DATABASE_URL).toBe(
      'postgresql://localhost/flowpilot',
    );
  });

  it('names the variable and the fix when a value is invalid', () => {
    let error: unknown;
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://localhost/db' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/PORT: .*Fix: set a whole number from 1 to 65535/);
    expect(message).toMatch(/DATABASE_URL: must start with postgresql:\/\/\. Fix: /);
    expect((error as EnvError).problems.map((p) => p.name).sort()).toEqual(['DATABASE_URL', 'PORT']);
  });

  it('rejects ports out of range', () => {
    expect(() => loadEnv({ EMBEDDED_PG_PORT: '70000' })).toThrow(/EMBEDDED_PG_PORT/);
    expect(() => loadEnv({ PORT: '0' })).toThrow(/PORT/);
  });

  it('reads CI as a flag', () => {
    expect(loadEnv({ CI: 'true' }).CI).toBe(true);
    expect(loadEnv({ CI: '1' }).CI).toBe(true);
    expect(loadEnv({ CI: 'false' }).CI).toBe(false);
    expect(loadEnv({ CI: '0' }).CI).toBe(false);
  });
});

describe('bitrix24OAuthConfig', () => {
  const complete = {
    BITRIX24_OAUTH_CLIENT_ID: 'local.abc',
    BITRIX24_OAUTH_CLIENT_SECRET: 'secret',
    BITRIX24_OAUTH_PORTAL_URL: 'https://acme.bitrix24.ru/',
  };

  it('is offered only when client id, secret and portal address are all set', () => {
    expect(bitrix24OAuthConfig(loadEnv(complete))).toEqual({
      clientId: 'local.abc',
      clientSecret: 'secret',
      portalUrl: 'https://acme.bitrix24.ru',
      serverUrl: 'https://oauth.bitrix.info',
    });
    for (const missing of Object.keys(complete)) {
      expect(bitrix24OAuthConfig(loadEnv({ ...complete, [missing]: '' })), missing).toBeNull();
    }
  });
});
