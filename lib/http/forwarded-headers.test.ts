import { describe, expect, it } from 'vitest';
import { trustedForwarding } from './forwarded-headers';

describe('trustedForwarding', () => {
  it('with no trusted proxy, the socket is the client whatever the request claims', () => {
    const spoofed = {
      host: 'flowpilot.test',
      'x-forwarded-for': '203.0.113.9, 10.0.0.1',
      'x-real-ip': '203.0.113.10',
      forwarded: 'for=203.0.113.11;proto=https',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
    };
    expect(trustedForwarding(spoofed, '198.51.100.7', 0)).toEqual({
      host: 'flowpilot.test',
      'x-forwarded-for': '198.51.100.7',
    });
  });

  it('with one trusted proxy, the client is the address that proxy appended, and its protocol and host stand', () => {
    const viaProxy = {
      'x-forwarded-for': '203.0.113.9, 192.0.2.44',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'flowpilot.example',
    };
    expect(trustedForwarding(viaProxy, '10.0.0.2', 1)).toEqual({
      'x-forwarded-for': '192.0.2.44',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'flowpilot.example',
    });
  });

  it('more trusted hops than entries: the leftmost entry, never something made up', () => {
    expect(trustedForwarding({ 'x-forwarded-for': '192.0.2.44' }, '10.0.0.2', 3)['x-forwarded-for']).toBe('192.0.2.44');
    expect(trustedForwarding({}, undefined, 0)['x-forwarded-for']).toBe('unknown');
  });

  it('reads repeated headers as one list and IPv4-mapped peers as IPv4', () => {
    expect(
      trustedForwarding({ 'x-forwarded-for': ['203.0.113.9', '192.0.2.44'] }, '::ffff:10.0.0.2', 1)['x-forwarded-for'],
    ).toBe('192.0.2.44');
    expect(trustedForwarding({}, '::ffff:127.0.0.1', 0)['x-forwarded-for']).toBe('127.0.0.1');
  });
});
