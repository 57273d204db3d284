import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startStubServer, type SeenRequest, type StubReply, type StubServer } from '@/lib/ai/testing/stub-server';
import { outboundAgent, outboundFetch, outboundRefusalOf, refusedRange } from './outbound-guard';
import { rejectionOf } from '@/lib/testing/rejection';

/*
 * The one guard in front of every address an admin types or a portal hands back (webhook URLs,
 * model providers, Bitrix24 OAuth): link-local and cloud-metadata destinations are refused, by
 * the typed address and again by what a name resolves to when connecting, and no redirect is followed.
 */

const servers: StubServer[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function stub(reply: (seen: SeenRequest) => StubReply = () => ({ body: { ok: true } })): Promise<StubServer> {
  const server = await startStubServer(reply);
  servers.push(server);
  return server;
}

/** A resolver that answers `name` with `addresses` (and records every name asked), as DNS might for a rebinding attack. */
function fakeResolver(name: string, addresses: LookupAddress[]): { lookup: LookupFunction; asked: string[] } {
  const asked: string[] = [];
  const lookup = ((
    hostname: string,
    options: { all?: boolean },
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    asked.push(hostname);
    if (hostname !== name)
      return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as LookupFunction;
  return { lookup, asked };
}

describe('refusedRange', () => {
  it.each([
    ['169.254.169.254', '169.254.0.0/16', 'link_local'],
    ['169.254.0.1', '169.254.0.0/16', 'link_local'],
    ['[::ffff:169.254.169.254]', '169.254.0.0/16', 'link_local'],
    ['::ffff:a9fe:a9fe', '169.254.0.0/16', 'link_local'],
    ['64:ff9b::a9fe:a9fe', '169.254.0.0/16', 'link_local'],
    ['100.100.100.200', '100.100.100.200', 'metadata'],
    ['::ffff:100.100.100.200', '100.100.100.200', 'metadata'],
    ['fe80::1', 'fe80::/10', 'link_local'],
    ['[febf:ffff::1]', 'fe80::/10', 'link_local'],
    ['fe80::1%eth0.100', 'fe80::/10', 'link_local'],
    ['fd00:ec2::254', 'fd00:ec2::254', 'metadata'],
    ['[FD00:EC2:0:0:0:0:0:254]', 'fd00:ec2::254', 'metadata'],
    ['0.0.0.0', '0.0.0.0/8', 'unspecified'],
    ['0.1.2.3', '0.0.0.0/8', 'unspecified'],
    ['::', '::/128', 'unspecified'],
    ['metadata.google.internal', 'metadata.google.internal', 'metadata'],
    ['Metadata.Google.Internal.', 'metadata.google.internal', 'metadata'],
    ['metadata.goog', 'metadata.goog', 'metadata'],
    ['metadata', 'metadata', 'metadata'],
  ])('refuses %s (%s)', (host, range, kind) => {
    expect(refusedRange(host)).toEqual({ range, kind });
  });

  // Loopback and private networks stay open: Ollama on localhost, model servers on the LAN, the demo portal.
  it.each([
    '127.0.0.1',
    '::1',
    '[::1]',
    'localhost',
    '10.0.0.5',
    '172.16.0.1',
    '192.168.1.10',
    '100.64.0.1',
    '100.100.100.201',
    '169.253.255.255',
    '169.255.0.1',
    'fd00::1',
    'fd00:ec2::253',
    'fec0::1',
    '8.8.8.8',
    '2a00:1450:4010::65',
    'api.openai.com',
    'metadata.example.com',
    'my-metadata',
    'ngw.devices.sberbank.ru',
  ])('allows %s', (host) => {
    expect(refusedRange(host)).toBeNull();
  });

  it('reads the other ways to write an address the same as the URL parser does', () => {
    for (const text of [
      'http://2852039166/',
      'http://0xa9fea9fe/',
      'http://169.254.43518/',
      'http://0251.0376.0251.0376/',
      'http://[0:0:0:0:0:ffff:a9fe:a9fe]/',
    ]) {
      expect(refusedRange(new URL(text).hostname)).toEqual({ range: '169.254.0.0/16', kind: 'link_local' });
    }
  });
});

describe('outboundFetch', () => {
  it('passes an allowed destination through, answer and all', async () => {
    const server = await stub(() => ({ body: { answer: 42 } }));
    const response = await outboundFetch()(`${server.url}/path`, {
      method: 'POST',
      body: 'hello',
      headers: { 'x-probe': 'yes' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ answer: 42 });
    expect(server.seen).toMatchObject([
      { method: 'POST', path: '/path', body: 'hello', headers: { 'x-probe': 'yes' } },
    ]);
  });

  it('refuses an address typed in a refused range without resolving or connecting', async () => {
    const resolver = fakeResolver('never.test', []);
    const send = outboundFetch(outboundAgent({ lookup: resolver.lookup }));
    for (const [url, host, range] of [
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', '169.254.0.0/16'],
      ['http://[::ffff:169.254.169.254]:8080/', '[::ffff:a9fe:a9fe]', '169.254.0.0/16'],
      ['https://[fe80::1]/', '[fe80::1]', 'fe80::/10'],
      ['http://[fd00:ec2::254]/', '[fd00:ec2::254]', 'fd00:ec2::254'],
      ['http://100.100.100.200/', '100.100.100.200', '100.100.100.200'],
      ['http://0.0.0.0:8080/', '0.0.0.0', '0.0.0.0/8'],
      ['http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal', 'metadata.google.internal'],
    ] as const) {
      const error = await rejectionOf(send(url));
      expect(outboundRefusalOf(error)).toMatchObject({ kind: 'address', host, range });
    }
    expect(resolver.asked).toEqual([]);
  });

  it('refuses a name that resolves into a refused range when connecting, even beside an allowed address (DNS rebinding)', async () => {
    const server = await stub();
    const port = new URL(server.url).port;
    for (const addresses of [
      [{ address: '169.254.169.254', family: 4 }],
      [
        { address: '127.0.0.1', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ],
      [{ address: '::ffff:169.254.169.254', family: 6 }],
      [{ address: 'fd00:ec2::254', family: 6 }],
    ]) {
      const resolver = fakeResolver('rebind.test', addresses);
      const error = await rejectionOf(
        outboundFetch(outboundAgent({ lookup: resolver.lookup }))(`http://rebind.test:${port}/`),
      );
      expect(outboundRefusalOf(error)).toMatchObject({
        kind: 'address',
        host: 'rebind.test',
        address: addresses.at(-1)!.address,
      });
      expect(resolver.asked).toEqual(['rebind.test']);
    }
    expect(server.seen).toEqual([]);
  });

  it('connects to a name that resolves to loopback', async () => {
    const server = await stub();
    const resolver = fakeResolver('models.lan.test', [{ address: '127.0.0.1', family: 4 }]);
    const response = await outboundFetch(outboundAgent({ lookup: resolver.lookup }))(
      `http://models.lan.test:${new URL(server.url).port}/v1`,
    );
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(1);
  });

  it.each([301, 302, 303, 307, 308])('does not follow a %i: it names where the redirect pointed', async (status) => {
    const target = await stub();
    const server = await stub(() => ({
      status,
      headers: { location: `${target.url}/rest/1/secretcode/server.time.json` },
    }));
    const error = await rejectionOf(
      outboundFetch()(`${server.url}/rest/1/secretcode/server.time.json`, { method: 'POST', body: '{}' }),
    );
    expect(outboundRefusalOf(error)).toEqual({
      kind: 'redirect',
      host: new URL(server.url).host,
      status,
      location: target.url,
    });
    expect((error as Error).message).toBe(
      `The server answered with a redirect to ${target.url}; use the final address.`,
    );
    expect((error as Error).message).not.toContain('secretcode');
    expect(server.seen).toHaveLength(1);
    expect(target.seen).toEqual([]);
  });

  it('names a relative redirect by the same server', async () => {
    const server = await stub(() => ({ status: 302, headers: { location: '/elsewhere' } }));
    expect(outboundRefusalOf(await rejectionOf(outboundFetch()(server.url)))).toMatchObject({
      kind: 'redirect',
      location: server.url,
    });
  });

  it('says which range is refused, in a sentence fit for a log', async () => {
    const error = await rejectionOf(outboundFetch()('http://169.254.169.254/'));
    expect(outboundRefusalOf(error)).toEqual({
      kind: 'address',
      host: '169.254.169.254',
      address: '169.254.169.254',
      range: '169.254.0.0/16',
      rangeKind: 'link_local',
    });
    expect((error as Error).message).toBe(
      'Addresses in 169.254.0.0/16 (link-local, cloud metadata) are not allowed, and 169.254.169.254 leads there.',
    );
  });

  it('finds no refusal in other failures', async () => {
    expect(outboundRefusalOf(await rejectionOf(outboundFetch()('http://127.0.0.1:9/')))).toBeNull();
    expect(outboundRefusalOf(new Error('x', { cause: new Error('y') }))).toBeNull();
  });
});
