import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export type SeenRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type StubReply = { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };
export type StubServer = { url: string; seen: SeenRequest[]; close: () => void };

/** The test certificates: a root CA Node does not know (as Sber's) and a server certificate for 127.0.0.1 it signed. */
export const testCertificatePath = (name: 'ca.pem' | 'server.pem' | 'server-key.pem') =>
  path.resolve('lib/ai/testing/tls', name);

/**
 * A local server standing in for a model provider: it records each request (method, path,
 * headers, body) and answers as `reply` says, as JSON unless the body is a string; over TLS with
 * the test certificate when asked.
 */
export async function startStubServer(
  reply: (seen: SeenRequest, index: number) => StubReply,
  options: { tls?: boolean } = {},
): Promise<StubServer> {
  const seen: SeenRequest[] = [];
  const listener: RequestListener = (request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body };
      seen.push(entry);
      const answer = reply(entry, seen.length - 1);
      setTimeout(() => {
        response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
      }, answer.delayMs ?? 0);
    });
  };
  const server = options.tls
    ? createTlsServer(
        {
          cert: readFileSync(testCertificatePath('server.pem')),
          key: readFileSync(testCertificatePath('server-key.pem')),
        },
        listener,
      )
    : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => server.close(),
  };
}
