import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lowestEphemeralPort, testPostgresPorts } from './test-ports';

/** This machine's first ephemeral port, where the system says (Linux). */
function firstEphemeralPort(): number | null {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return null;
  }
}

describe('the ports of test servers', () => {
  const ports = Object.entries(testPostgresPorts).flatMap(([name, port]) =>
    // The embedded tests use their port and the nine after it.
    name === 'embeddedTests' ? Array.from({ length: 10 }, (_, i) => port + i) : [port],
  );

  it('lie below every ephemeral range, so an outgoing connection never holds one', () => {
    const first = Math.min(lowestEphemeralPort, firstEphemeralPort() ?? lowestEphemeralPort);
    for (const port of ports) expect(port).toBeLessThan(first);
  });

  it('are distinct, and clear of the apps the e2e tests start (3100–3199)', () => {
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port < 3100 || port > 3199).toBe(true);
  });
});
