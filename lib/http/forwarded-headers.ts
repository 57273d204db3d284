import type { IncomingHttpHeaders } from 'node:http';

/** Headers by which a request says where it came from: believable only when a trusted proxy set them. */
const forwardingHeaders = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'x-real-ip',
] as const;

function entries(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value.join(',') : (value ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** `::ffff:203.0.113.5` (an IPv4 client on a dual-stack socket) is `203.0.113.5`. */
function plainAddress(address: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;
}

/**
 * The request's headers as the app may trust them. Each trusted proxy appends the address it
 * received the request from to X-Forwarded-For, so with `trustedHops` proxies in front the
 * client is that many entries left of the socket's peer; entries further left were written by
 * the client and prove nothing. Without trusted proxies every forwarding header is dropped and
 * Next.js derives protocol and host from the socket itself. X-Forwarded-For then holds exactly
 * one address: the client's.
 */
export function trustedForwarding(
  headers: IncomingHttpHeaders,
  peerAddress: string | undefined,
  trustedHops: number,
): IncomingHttpHeaders {
  const chain = [...entries(headers['x-forwarded-for']), peerAddress ?? 'unknown'];
  const client = plainAddress(chain[Math.max(0, chain.length - 1 - trustedHops)]!);
  const trusted: IncomingHttpHeaders = { ...headers };
  for (const name of forwardingHeaders) {
    if (trustedHops === 0 || name === 'forwarded' || name === 'x-real-ip') delete trusted[name];
  }
  trusted['x-forwarded-for'] = client;
  return trusted;
}
