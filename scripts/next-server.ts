// The app's web server as `npm start` runs it (lib/launcher/next-process.ts starts this file).
import { z } from 'zod';
import { env } from '../lib/env';
import { serveNext } from '../lib/launcher/next-server';

const args = z
  .tuple([z.enum(['production', 'development']), z.coerce.number().int().min(1).max(65535), z.string().min(1)])
  .parse(process.argv.slice(2));
const [mode, port, host] = args;

const server = await serveNext({ root: process.cwd(), mode, port, host, trustedProxyHops: env().TRUSTED_PROXY_HOPS });
console.log(`[flowpilot] web server listening on ${host}:${port}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}
