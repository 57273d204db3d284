import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type PgBoss from 'pg-boss';
import type { PrismaClient } from '@/lib/db/client';
import type { SecretBox } from '@/lib/security/secret-box';
import { receivePortalEvent } from '@/lib/receivers/receive-portal-event';

/**
 * The app's events endpoint served by a plain HTTP server, for tests that need the portal's
 * deliveries to arrive without starting Next.js: the same handler the route calls.
 */
export async function startEventsEndpoint(deps: { db: PrismaClient; box: SecretBox; boss: () => Promise<PgBoss> }) {
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = new Request(`http://127.0.0.1${incoming.url ?? '/'}`, {
        method: incoming.method,
        headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
          typeof value === 'string' ? [[name, value] as [string, string]] : [],
        ),
        body: incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      });
      void receivePortalEvent(request, deps).then(async (response) => {
        outgoing.writeHead(response.status, {
          'content-type': response.headers.get('content-type') ?? 'application/json',
        });
        outgoing.end(await response.text());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/bitrix24/events`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
