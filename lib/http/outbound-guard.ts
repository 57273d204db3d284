import dns, { type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import {
  Agent,
  buildConnector,
  fetch as undiciFetch,
  type RequestInit as UndiciRequestInit,
  type Response as UndiciResponse,
} from 'undici';

/**
 * The one guard in front of every address Flowpilot is given rather than chooses: the Bitrix24
 * webhook URL and the model providers' URLs an admin types, and the REST endpoint a Bitrix24
 * token answer names. Such an address must not reach a cloud's metadata service (it hands out
 * the instance's credentials) or anything else link-local, so:
 * - link-local, cloud-metadata and "this network" destinations are refused (below); loopback and
 *   private networks stay open, since Ollama on localhost, a model server on the LAN and the
 *   built-in demo portal live there;
 * - the check runs when connecting: on an address typed as such, and on every address a name
 *   resolves to, so a name whose DNS answer changes after any earlier look (rebinding) is caught;
 * - no redirect is followed: a 3xx fails naming where it pointed, so the admin types that address
 *   and it is checked like any other.
 */
export type RefusedRangeKind = 'link_local' | 'metadata' | 'unspecified';
export type RefusedRange = { range: string; kind: RefusedRangeKind };

export type OutboundRefusal =
  | { kind: 'address'; host: string; address: string; range: string; rangeKind: RefusedRangeKind }
  | { kind: 'redirect'; host: string; status: number; location: string };

const refusedRanges: (RefusedRange & { cidr: [ipaddr.IPv4 | ipaddr.IPv6, number] })[] = [
  // AWS, Google Cloud, Azure, OpenStack and others answer at 169.254.169.254.
  { range: '169.254.0.0/16', kind: 'link_local', cidr: ipaddr.parseCIDR('169.254.0.0/16') },
  { range: 'fe80::/10', kind: 'link_local', cidr: ipaddr.parseCIDR('fe80::/10') },
  // Alibaba Cloud's metadata service.
  { range: '100.100.100.200', kind: 'metadata', cidr: ipaddr.parseCIDR('100.100.100.200/32') },
  // AWS's metadata service over IPv6.
  { range: 'fd00:ec2::254', kind: 'metadata', cidr: ipaddr.parseCIDR('fd00:ec2::254/128') },
  // Connecting to "this network" reaches this machine without looking like it.
  { range: '0.0.0.0/8', kind: 'unspecified', cidr: ipaddr.parseCIDR('0.0.0.0/8') },
  { range: '::/128', kind: 'unspecified', cidr: ipaddr.parseCIDR('::/128') },
];

/** Names the clouds give their metadata service; refused by name, before any DNS. */
const metadataNames = new Set(['metadata.google.internal', 'metadata.goog', 'metadata']);

/** IPv6 addresses that carry an IPv4 one and reach it: IPv4-mapped, and NAT64's well-known prefix. */
const nat64 = ipaddr.parseCIDR('64:ff9b::/96');

/** The refused range a host (an IP address, bracketed or not, or a name) is in; null when it may be connected to. */
export function refusedRange(host: string): RefusedRange | null {
  // A zone (fe80::1%eth0) only says which interface to leave by; ipaddr.js reads fewer zone names than Node does.
  const name = host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  // The same test net.connect uses: anything else is a name, resolved (and checked) when connecting.
  if (!isIP(name)) return metadataNames.has(name) ? { range: name, kind: 'metadata' } : null;
  let address = ipaddr.parse(name);
  if (address.kind() === 'ipv6' && ((address as ipaddr.IPv6).isIPv4MappedAddress() || address.match(nat64))) {
    address = ipaddr.fromByteArray(address.toByteArray().slice(12));
  }
  const found = refusedRanges.find(({ cidr }) => cidr[0].kind() === address.kind() && address.match(cidr));
  return found ? { range: found.range, kind: found.kind } : null;
}

const rangeLabels: Record<RefusedRangeKind, string> = {
  link_local: 'link-local, cloud metadata',
  metadata: 'cloud metadata',
  unspecified: 'unspecified',
};

/** A refused range in English words: "169.254.0.0/16 (link-local, cloud metadata)". */
export function describeRange(range: string, kind: RefusedRangeKind): string {
  return `${range} (${rangeLabels[kind]})`;
}

/** The refusal in one English sentence, for logs and stored errors (the UI words it from the refusal's fields). */
export function refusalSentence(refusal: OutboundRefusal): string {
  return refusal.kind === 'address'
    ? `Addresses in ${describeRange(refusal.range, refusal.rangeKind)} are not allowed, and ${refusal.host} leads there.`
    : `The server answered with a redirect to ${refusal.location}; use the final address.`;
}

export class OutboundRefusedError extends Error {
  constructor(readonly refusal: OutboundRefusal) {
    super(refusalSentence(refusal));
    this.name = 'OutboundRefusedError';
  }
}

/** The guard's refusal behind an error, looking through its causes (fetch and the AI SDK wrap what they catch). */
export function outboundRefusalOf(error: unknown): OutboundRefusal | null {
  return refusedErrorIn(error)?.refusal ?? null;
}

function refusedErrorIn(error: unknown): OutboundRefusedError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof OutboundRefusedError) return current;
  }
  return undefined;
}

function addressRefusal(host: string, address: string, range: RefusedRange): OutboundRefusedError {
  return new OutboundRefusedError({ kind: 'address', host, address, range: range.range, rangeKind: range.kind });
}

/** dns.lookup, read when called, so that whatever stands in for it (a test's fake) is the one asked. */
const systemLookup: LookupFunction = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A lookup that asks `resolve` for every address of a name and refuses the name when any of them
 * is in a refused range: an answer that mixes such an address in is hostile or broken, and
 * connecting to "the other one" would make the outcome depend on the order of the answer.
 */
function guardedLookup(resolve: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found, family) => {
      if (error) return callback(error, []);
      const addresses: LookupAddress[] = Array.isArray(found)
        ? found
        : [{ address: found, family: family ?? isIP(found) }];
      for (const { address } of addresses) {
        const range = refusedRange(address);
        if (range) return callback(addressRefusal(hostname, address, range), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * A connection pool whose every connection passes the guard. `ca` is a TLS trust list for
 * providers with their own root (GigaChat); `lookup` stands in for the system resolver in tests.
 */
export function outboundAgent(options: { ca?: string[]; lookup?: LookupFunction } = {}): Agent {
  const connect = buildConnector({
    ...(options.ca ? { ca: options.ca } : {}),
    lookup: guardedLookup(options.lookup ?? systemLookup),
  });
  return new Agent({
    connect: (target, callback) => {
      // Node resolves nothing for an address typed as such, so the lookup never sees it: check it here.
      const range = refusedRange(target.hostname);
      if (range)
        return callback(
          addressRefusal(
            isIP(target.hostname) === 6 ? `[${target.hostname}]` : target.hostname,
            target.hostname,
            range,
          ),
          null,
        );
      connect(target, callback);
    },
  });
}

const sharedAgent = outboundAgent();

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Where a redirect points, as an origin only (its path may repeat a webhook's secret code); null when fetch would not follow it. */
function redirectTarget(response: UndiciResponse, base: string): string | null {
  const location = response.headers.get('location');
  if (!redirectStatuses.has(response.status) || location === null) return null;
  try {
    const target = new URL(location, base);
    return target.protocol === 'http:' || target.protocol === 'https:' ? target.origin : null;
  } catch {
    return null;
  }
}

/**
 * fetch through the guard: the agent's connections are checked, and a redirect fails with an
 * OutboundRefusedError instead of being followed. It is undici's own fetch with its own Agent:
 * Node's global fetch accepts this Agent on Node 20, but rejects one from another undici copy on
 * later Node lines, where its handler interface changed.
 */
export function outboundFetch(agent: Agent = sharedAgent): typeof fetch {
  return async (input, init) => {
    // Every caller passes a URL: the AI SDK, the Bitrix24 client and the token exchanges.
    const url = input instanceof Request ? input.url : String(input);
    let response;
    try {
      response = await undiciFetch(url, { ...(init as UndiciRequestInit), redirect: 'manual', dispatcher: agent });
    } catch (error) {
      // fetch reports a refused connection as "fetch failed" with the refusal as its cause; callers get the refusal itself.
      throw refusedErrorIn(error) ?? error;
    }
    const location = redirectTarget(response, url);
    if (location !== null) {
      await response.body?.cancel();
      throw new OutboundRefusedError({ kind: 'redirect', host: new URL(url).host, status: response.status, location });
    }
    // undici's Response has the global one's interface (it is what Node's fetch is built on) but its own type.
    return response as unknown as Response;
  };
}
