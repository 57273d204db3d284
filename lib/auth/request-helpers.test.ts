import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';
import { isPublicPath } from './public-paths';
import { safeCallbackUrl } from './safe-callback-url';

describe('safeCallbackUrl', () => {
  it('follows same-site paths only', () => {
    expect(safeCallbackUrl('/flows/1?x=2', '/home')).toBe('/flows/1?x=2');
    for (const hostile of [
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      '',
      null,
      undefined,
    ]) {
      expect(safeCallbackUrl(hostile, '/home')).toBe('/home');
    }
  });

  it('refuses what a browser would resolve off-site once it drops tabs and newlines or reads backslashes as slashes', () => {
    for (const hostile of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '\t//evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      '/\t\\evil.example',
    ]) {
      expect(safeCallbackUrl(hostile, '/home'), JSON.stringify(hostile)).toBe('/home');
    }
  });

  it('keeps only the path, query and hash of a same-site address', () => {
    expect(safeCallbackUrl('/flows/1?days=90#charts', '/home')).toBe('/flows/1?days=90#charts');
    expect(safeCallbackUrl('/flows/../users', '/home')).toBe('/users');
  });
});

describe('clientAddress', () => {
  it('reads the one address the server put in X-Forwarded-For; of a list, the hop nearest to us', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.5, 10.0.0.1' }))).toBe('10.0.0.1');
    expect(clientAddress({ 'x-forwarded-for': ['203.0.113.5', '192.0.2.1'] })).toBe('192.0.2.1');
    expect(clientAddress(undefined)).toBe('unknown');
  });

  it('never believes X-Real-IP, which any client can send', () => {
    expect(clientAddress({ 'x-real-ip': '198.51.100.7' })).toBe('unknown');
  });
});

describe('isPublicPath', () => {
  it('opens the start, sign-in, setup and invitation pages, NextAuth and health; nothing else', () => {
    for (const open of [
      '/',
      '/sign-in',
      '/setup',
      '/invite',
      '/api/auth/session',
      '/api/auth/callback/bitrix24',
      '/api/health',
    ]) {
      expect(isPublicPath(open), open).toBe(true);
    }
    for (const closed of [
      '/overview',
      '/flows/1',
      '/settings',
      '/users',
      '/api/healthz',
      '/api/sync',
      '/sign-in/x',
      '/api/authx',
    ]) {
      expect(isPublicPath(closed), closed).toBe(false);
    }
  });
});
