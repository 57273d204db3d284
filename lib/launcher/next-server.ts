import http from 'node:http';
import next from 'next';
import { trustedForwarding } from '@/lib/http/forwarded-headers';

export type ServeNextOptions = {
  root: string;
  mode: 'production' | 'development';
  port: number;
  host: string;
  trustedProxyHops: number;
};

/**
 * Next.js behind Flowpilot's own HTTP server, which `npm start` runs in place of `next start`.
 * Next.js keeps any X-Forwarded-For a client sends, so a stranger could pick the address the
 * sign-in limits count; here forwarding headers are rewritten first, trusting only as many
 * proxies as TRUSTED_PROXY_HOPS names (lib/http/forwarded-headers.ts).
 */
export async function serveNext(options: ServeNextOptions): Promise<http.Server> {
  const app = next({
    dir: options.root,
    dev: options.mode === 'development',
    hostname: options.host,
    port: options.port,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    request.headers = trustedForwarding(request.headers, request.socket.remoteAddress, options.trustedProxyHops);
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
