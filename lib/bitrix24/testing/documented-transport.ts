import type { DocumentedAnswer, Json } from './documented/documented-answer';

/**
 * A Bitrix24 REST endpoint that answers with documented answers only, for the client's `fetch`
 * option: no demo portal in between, so what the client parses is what the docs print. Each
 * method gets a documented answer, or a function of the call's params choosing one.
 */
export type DocumentedRoutes = Record<
  string,
  DocumentedAnswer | ((params: Record<string, unknown>) => DocumentedAnswer)
>;

export type RecordedCall = { method: string; params: Record<string, unknown> };

export function documentedTransport(routes: DocumentedRoutes): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const answer = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = new URL(input instanceof Request ? input.url : String(input)).pathname
      .split('/')
      .pop()!
      .replace(/\.json$/, '');
    const params = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<string, unknown>;
    calls.push({ method, params });
    const route = routes[method];
    if (!route) throw new Error(`No documented answer is routed for ${method}.`);
    const { status, body } = typeof route === 'function' ? route(params) : route;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: answer as typeof fetch, calls };
}

type SubAnswer = { result?: Json; total?: Json; next?: Json; time?: Json; error?: Json; error_description?: Json };

/**
 * A batch answer in the documented shape (b24restdocs `settings/how-to-call-rest-api/batch.md`)
 * made of documented answers of the sub-calls: results, errors, totals, nexts and times by key,
 * each empty map as `[]`, as PHP serialises it.
 */
export function documentedBatch(subAnswers: Record<string, DocumentedAnswer>): DocumentedAnswer {
  const maps = { result: {}, result_error: {}, result_total: {}, result_next: {}, result_time: {} } as Record<
    string,
    Record<string, Json>
  >;
  for (const [key, { body }] of Object.entries(subAnswers)) {
    const sub = body as SubAnswer;
    if (sub.error !== undefined) {
      maps.result_error![key] = { error: sub.error, error_description: sub.error_description ?? '' };
      continue;
    }
    maps.result![key] = sub.result ?? null;
    if (sub.total !== undefined) maps.result_total![key] = sub.total;
    if (sub.next !== undefined) maps.result_next![key] = sub.next;
    if (sub.time !== undefined) maps.result_time![key] = sub.time;
  }
  const phpMaps = Object.fromEntries(
    Object.entries(maps).map(([name, map]) => [name, Object.keys(map).length ? map : []]),
  );
  return { source: 'settings/how-to-call-rest-api/batch.md', status: 200, body: { result: phpMaps } };
}
