import net from 'node:net';

/**
 * Whether nothing listens on the port yet. Checked before Next.js starts: otherwise a server left
 * from an earlier run would answer in its place and the launcher would report it as ready.
 */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
