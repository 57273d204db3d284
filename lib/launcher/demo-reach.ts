import type { Env } from '@/lib/env';

/** Only this machine can reach a server bound to (or an address naming) these. */
function isLoopback(host: string): boolean {
  return ['127.0.0.1', '::1', '[::1]', 'localhost'].includes(host) || host.startsWith('127.');
}

/**
 * Who can open the app in demo mode; the sign-in page offers the demo accounts' password to this
 * machine only. A reverse proxy brings others to an app that listens on loopback: trusted proxy
 * hops, or an APP_URL that is not this machine, say one stands in front.
 */
export type DemoReach = 'this-machine' | 'proxy' | 'network';

export function demoReach(host: string, config: Pick<Env, 'TRUSTED_PROXY_HOPS' | 'APP_URL'>): DemoReach {
  if (!isLoopback(host)) return 'network';
  const publicAddress = config.APP_URL !== undefined && !isLoopback(new URL(config.APP_URL).hostname);
  return config.TRUSTED_PROXY_HOPS > 0 || publicAddress ? 'proxy' : 'this-machine';
}
