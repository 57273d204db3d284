import http from 'node:http';

export type RoundRobinBalancer = {
  url: string;
  /** How many requests each target was sent, in the order of `targets`. */
  sent: number[];
  stop: () => Promise<void>;
};

/**
 * A load balancer in front of several app instances, as a deployment has one: each request goes
 * to the next target that answers, so the portal's events reach every instance in turn and a
 * dead instance is skipped.
 */
export async function startRoundRobinBalancer(targets: string[]): Promise<RoundRobinBalancer> {
  const sent = targets.map(() => 0);
  let next = 0;

  function forward(target: number, request: http.IncomingMessage, body: Buffer): Promise<http.IncomingMessage> {
    const url = new URL(request.url ?? '/', targets[target]);
    return new Promise((resolve, reject) => {
      const outgoing = http.request(url, { method: request.method, headers: request.headers }, resolve);
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      for (let tried = 0; tried < targets.length; tried += 1) {
        const target = next;
        next = (next + 1) % targets.length;
        try {
          const answer = await forward(target, request, body);
          sent[target]! += 1;
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        } catch {
          // Refused: that instance is down; the next one gets the request.
        }
      }
      response.writeHead(502).end('no instance answered');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    sent,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
