import { forbidden, redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError } from '@/lib/errors/action-error';
import { ApiError } from '@/lib/errors/api-error';
import { readJsonRequest } from '@/lib/http/read-json-request';
import { canOpen, type Area, type Role } from './roles';
import { getViewer } from './session';
import type { Viewer } from './viewer';

/**
 * One guard per entry type. Pages: `requireArea`. Route handlers: `withAuth`, which also parses
 * their input. Server actions: `authorizedAction` / `publicAction`. Each checks the session and
 * the role on the server; the proxy only redirects signed-out page views early.
 */

/** For pages: the viewer, or a redirect to sign-in, or the 403 page when the role may not open the area. */
export async function requireArea(area: Area, returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!canOpen(viewer.role, area)) forbidden();
  return viewer;
}

function problem(status: number, code: string, message: string, extra?: object): Response {
  return Response.json({ error: code, message, ...extra }, { status });
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** What a route handler takes in, each part parsed with zod before the handler runs. */
export type RouteInput = {
  /** The query string, as an object of its values. */
  query?: z.ZodType;
  /** The path's dynamic segments. */
  params?: z.ZodType;
  /** A JSON body from our own origin (readJsonRequest): its schema, size limit and an example for the error. */
  body?: { schema: z.ZodType; limitBytes: number; example: string };
};

type Parsed<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;
export type ParsedInput<I extends RouteInput> = {
  query: Parsed<I['query']>;
  params: Parsed<I['params']>;
  body: I['body'] extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;
};

/**
 * For route handlers: 401 without a session, 403 for a role not listed; the query, path and body
 * parsed as `input` says (400 when they do not fit); clean JSON errors otherwise. Every answer is
 * `no-store`: each holds one viewer's data.
 */
export function withAuth<I extends RouteInput, C extends RouteContext = RouteContext>(
  roles: readonly Role[],
  input: I,
  handler: (request: Request, context: ParsedInput<I> & { viewer: Viewer }) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => noStore(await answer(request, context));

  async function answer(request: Request, context: C): Promise<Response> {
    const viewer = await getViewer();
    if (!viewer) return problem(401, 'unauthorized', 'Sign in first.');
    if (!roles.includes(viewer.role)) return problem(403, 'forbidden', 'Your role does not allow this.');
    try {
      const parsed = {
        query: input.query?.parse(Object.fromEntries(new URL(request.url).searchParams)),
        params: input.params?.parse(await context.params),
        body: input.body
          ? input.body.schema.parse(await readJsonRequest(request, input.body.limitBytes, input.body.example))
          : undefined,
      } as ParsedInput<I>;
      return await handler(request, { ...parsed, viewer });
    } catch (error) {
      if (error instanceof ApiError) return problem(error.status, error.code, error.message);
      if (error instanceof z.ZodError)
        return problem(400, 'invalid_request', 'The request is not valid.', { issues: error.issues });
      console.error('route handler failed', error);
      return problem(500, 'internal_error', 'Something went wrong; try again.');
    }
  }
}

function noStore(response: Response): Response {
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
  return response;
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: 'unauthorized' | 'forbidden' | 'invalid' | 'failed' | (string & {});
      message?: string;
      fields?: Record<string, string[]>;
    };

/** Who may call an action; read by the authorization matrix test. */
export type ActionPolicy = { public: true } | { public: false; roles: readonly Role[] };
export const actionPolicy = Symbol.for('flowpilot.actionPolicy');
export type GuardedAction<I, T> = ((input: I) => Promise<ActionResult<T>>) & { [actionPolicy]: ActionPolicy };

async function runHandler<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? '')] ??= []).push(issue.message);
    return { ok: false, error: 'invalid', fields };
  }
  try {
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ActionError) return { ok: false, error: error.code, message: error.message };
    // Framework control flow (redirect, notFound) must pass through.
    if (error instanceof Error && 'digest' in error) throw error;
    console.error('server action failed', error);
    return { ok: false, error: 'failed' };
  }
}

function tag<I, T>(action: (input: I) => Promise<ActionResult<T>>, policy: ActionPolicy): GuardedAction<I, T> {
  return Object.assign(action, { [actionPolicy]: policy });
}

/** A server action for signed-in users with one of `roles`; input validated with `schema`. */
export function authorizedAction<S extends z.ZodType, T>(
  roles: readonly Role[],
  schema: S,
  handler: (input: z.infer<S>, viewer: Viewer) => Promise<T>,
): GuardedAction<z.input<S>, T> {
  return tag(
    async (input: z.input<S>) => {
      const viewer = await getViewer();
      if (!viewer) return { ok: false, error: 'unauthorized' };
      if (!roles.includes(viewer.role)) return { ok: false, error: 'forbidden' };
      return runHandler(schema, input, (data) => handler(data, viewer));
    },
    { public: false, roles },
  );
}

/** A server action anyone may call (sign-in helpers, first-run setup); its handler does its own checks. */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>) => Promise<T>,
): GuardedAction<z.input<S>, T> {
  return tag(async (input: z.input<S>) => runHandler(schema, input, handler), { public: true });
}
