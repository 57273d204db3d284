import autocannon from 'autocannon';
import { percentile } from '../../lib/metrics/percentiles';

export const loadPages = ['list', 'flow', 'overview'] as const;
export type LoadPage = (typeof loadPages)[number];

/** A signed-in user: their session cookie, and the flows whose pages they open in turn. */
export type LoadUser = { cookie: string; flowIds: readonly string[] };
/** An app instance and the users whose requests go to it, one connection each. */
export type LoadTarget = { url: string; users: readonly LoadUser[] };

/** One run: the time in ms of every answer within the measured seconds, by page, and what went wrong. */
export type LoadRun = {
  seconds: number;
  times: Record<LoadPage, number[]>;
  /** Connection errors and timeouts (autocannon's `errors`, timeouts included), warm-up included. */
  errors: number;
  timeouts: number;
  /** Answers other than 2xx, warm-up included. */
  non2xx: number;
  /** Answers by HTTP status, warm-up included. */
  statuses: Record<string, number>;
};
export type LoadOptions = {
  warmupSeconds: number;
  seconds: number;
  timeoutSeconds: number;
  /** Called when the warm-up is over and the measured seconds begin. */
  onMeasure: () => void;
};

export type Latency = { count: number; p50: number; p95: number; p99: number };
/** Runs of one kind together: answers per second over their time, latency over all their answers. */
export type LoadResult = Omit<LoadRun, 'times'> & {
  requests: number;
  perSecond: number;
  latency: Latency;
  pages: Record<LoadPage, Latency>;
};

function latency(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5) ?? Number.NaN,
    p95: percentile(sorted, 0.95) ?? Number.NaN,
    p99: percentile(sorted, 0.99) ?? Number.NaN,
  };
}

/**
 * Every user at once with autocannon, for a warm-up and then the measured seconds, without a
 * pause between them (requests cut off at the end of a run would still keep the server busy at
 * the start of the next). Each user is one keep-alive connection that asks for the flows list,
 * one of their flows' pages, the overview, then again from the top (the next flow), each request
 * as soon as the previous answer has fully arrived; the first user starts with the list, the
 * second with a flow, the third with the overview, and so on. The targets run at the same time.
 * Latency is per answer, from sending the request to its last byte, for the answers that arrive
 * within the measured seconds; autocannon's own histogram has no p95, so the bench keeps every
 * answer's time (also by page).
 */
export async function runLoad(targets: readonly LoadTarget[], options: LoadOptions): Promise<LoadRun> {
  const times: Record<LoadPage, number[]> = { list: [], flow: [], overview: [] };
  const statuses: Record<string, number> = {};
  let measuring = false;
  const warmup = setTimeout(() => {
    measuring = true;
    options.onMeasure();
  }, options.warmupSeconds * 1000);
  const runs = targets.map((target) => {
    let connected = 0;
    return autocannon({
      url: target.url,
      connections: target.users.length,
      duration: options.warmupSeconds + options.seconds,
      timeout: options.timeoutSeconds,
      setupClient: (client) => {
        const index = connected++;
        const user = target.users[index % target.users.length]!;
        const headers = { cookie: user.cookie };
        // onResponse runs just before the client's `response` event, for the request just answered.
        let answered: LoadPage = 'list';
        let flowTurn = 0;
        const requests: autocannon.Request[] = [
          { method: 'GET', path: '/flows', headers, onResponse: () => (answered = 'list') },
          {
            method: 'GET',
            headers,
            setupRequest: (request) => ({
              ...request,
              path: `/flows/${user.flowIds[flowTurn++ % user.flowIds.length]}`,
            }),
            onResponse: () => (answered = 'flow'),
          },
          { method: 'GET', path: '/overview', headers, onResponse: () => (answered = 'overview') },
        ];
        // Users start on different pages, so the pages are asked for at once from the first second.
        const start = index % requests.length;
        client.setRequests([...requests.slice(start), ...requests.slice(0, start)]);
        client.on('response', (status, _bytes, responseTime) => {
          if (measuring) times[answered].push(responseTime);
          statuses[status] = (statuses[status] ?? 0) + 1;
        });
      },
    });
  });
  const results = await Promise.all(runs).finally(() => clearTimeout(warmup));
  const sum = (pick: (result: autocannon.Result) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  const run: LoadRun = {
    seconds: Math.max(...results.map((result) => result.duration)) - options.warmupSeconds,
    times,
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
    non2xx: sum((result) => result.non2xx),
    statuses,
  };
  return run;
}

export function summarizeLoad(runs: readonly LoadRun[]): LoadResult {
  const total = (pick: (run: LoadRun) => number) => runs.reduce((sum, run) => sum + pick(run), 0);
  const times = (page: LoadPage) => runs.flatMap((run) => run.times[page]);
  const seconds = total((run) => run.seconds);
  const requests = loadPages.reduce((sum, page) => sum + times(page).length, 0);
  const statuses: Record<string, number> = {};
  for (const run of runs)
    for (const [status, count] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  return {
    seconds,
    requests,
    perSecond: requests / seconds,
    latency: latency(loadPages.flatMap(times)),
    pages: { list: latency(times('list')), flow: latency(times('flow')), overview: latency(times('overview')) },
    errors: total((run) => run.errors),
    timeouts: total((run) => run.timeouts),
    non2xx: total((run) => run.non2xx),
    statuses,
  };
}
