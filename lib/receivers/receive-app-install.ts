import { ApiError } from '@/lib/errors/api-error';
import type { PrismaClient } from '@/lib/db/client';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import type { SecretBox } from '@/lib/security/secret-box';
import {
  installAppConnection,
  InstallRefusedError,
  type InstallDependencies,
} from '@/lib/portals/install-app-connection';

/** An installation post is a few tokens and names; anything bigger is not one. */
const installBodyLimit = 16_384;

const problem = (status: number, code: string, message: string) =>
  Response.json({ error: code, message }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The install endpoint over HTTP: the state from the query, the body within its limit, and an
 * answer that names what was refused but never echoes a token.
 */
export async function receiveAppInstall(
  request: Request,
  db: PrismaClient,
  box: SecretBox,
  deps: InstallDependencies,
): Promise<Response> {
  const state = new URL(request.url).searchParams.get('state') ?? '';
  try {
    const body = await readLimitedBody(request, installBodyLimit);
    const result = await installAppConnection(
      db,
      box,
      { state, body, contentType: request.headers.get('content-type') ?? '' },
      deps,
    );
    return Response.json(
      { status: 'success', eventsBound: result.eventsBound, syncStarted: result.syncStarted },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    if (error instanceof InstallRefusedError) return problem(error.status, error.code, error.message);
    if (error instanceof ApiError) return problem(error.status, error.code, error.message);
    console.error('app install failed', error instanceof Error ? error.name : 'error');
    return problem(
      500,
      'internal_error',
      'The installation could not be recorded; make a new install link and save the app again.',
    );
  }
}
