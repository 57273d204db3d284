import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { SecretBox } from '@/lib/security/secret-box';
import {
  installAppConnection,
  InstallRefusedError,
  type InstallDependencies,
} from '@/lib/portals/install-app-connection';
import { withBitrix24Post } from './with-bitrix24-post';

/** An installation post is a few tokens and names; anything bigger is not one. */
const installBodyLimit = 16_384;

/** The one-time state an admin's install link carries; a missing one is refused by the install itself. */
const installQuery = z.object({ state: z.string().default('') });

/**
 * The install endpoint over HTTP: the state from the query, the body within its limit, and an
 * answer that names what was refused but never echoes a token.
 */
export function receiveAppInstall(
  request: Request,
  db: PrismaClient,
  box: SecretBox,
  deps: InstallDependencies,
): Promise<Response> {
  return withBitrix24Post(
    {
      query: installQuery,
      bodyLimit: installBodyLimit,
      refusal: (error) => (error instanceof InstallRefusedError ? error : null),
      failure: {
        log: 'app install failed',
        message: 'The installation could not be recorded; make a new install link and save the app again.',
      },
    },
    async ({ body, contentType, query }) => {
      const result = await installAppConnection(db, box, { state: query.state, body, contentType }, deps);
      return Response.json({ status: 'success', eventsBound: result.eventsBound, syncStarted: result.syncStarted });
    },
  )(request);
}
