import { describe, expect, it } from 'vitest';
import { demoReach } from './demo-reach';

const direct = { TRUSTED_PROXY_HOPS: 0, APP_URL: undefined };

describe('demoReach', () => {
  it('keeps the demo to this machine when the app listens on loopback with nothing in front', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', '::1', 'localhost'])
      expect(demoReach(host, direct)).toBe('this-machine');
    expect(demoReach('127.0.0.1', { ...direct, APP_URL: 'http://localhost:3000' })).toBe('this-machine');
  });

  it('counts the network in when the app listens on other interfaces', () => {
    expect(demoReach('0.0.0.0', direct)).toBe('network');
    expect(demoReach('192.168.1.20', direct)).toBe('network');
  });

  it('counts the network in behind a reverse proxy on this machine, though the app listens on loopback', () => {
    expect(demoReach('127.0.0.1', { ...direct, TRUSTED_PROXY_HOPS: 1 })).toBe('proxy');
    expect(demoReach('127.0.0.1', { ...direct, APP_URL: 'https://flowpilot.example.com' })).toBe('proxy');
  });
});
