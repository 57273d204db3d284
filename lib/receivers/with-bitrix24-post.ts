import { z } from 'zod';
import { ApiError } from '@/lib/errors/api-error';
import { readLimitedBody } from '@/lib/http/read-limited-body';

export type ReceiverProblem = { status: number; code: string; message: string };

export const receiverProblem = ({ status, code, message }: ReceiverProblem) =>
  Response.json({ error: code, message }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * For the endpoints Bitrix24 posts to with no session (events, the app's installation): the
 * query parsed by its schema, the body read within its limit, and every answer `no-store`. A
 * refusal the receiver knows becomes its own answer; anything else is logged by name only (a
 * post may carry tokens) and answered with `failure`.
 */
export function withBitrix24Post<Q extends z.ZodType>(
  input: {
    query: Q;
    bodyLimit: number;
    refusal: (error: unknown) => ReceiverProblem | null;
    failure: { log: string; message: string };
  },
  handler: (post: { body: string; contentType: string; query: z.infer<Q> }) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const query = input.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!query.success)
        return receiverProblem({ status: 400, code: 'invalid_request', message: 'The query is not valid.' });
      const body = await readLimitedBody(request, input.bodyLimit);
      const response = await handler({
        body,
        contentType: request.headers.get('content-type') ?? '',
        query: query.data,
      });
      if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
      return response;
    } catch (error) {
      if (error instanceof ApiError) return receiverProblem(error);
      const refused = input.refusal(error);
      if (refused) return receiverProblem(refused);
      console.error(input.failure.log, error instanceof Error ? error.name : 'error');
      return receiverProblem({ status: 500, code: 'internal_error', message: input.failure.message });
    }
  };
}
