import { constants, createHash, sign } from 'node:crypto';
import { APICallError } from 'ai';
import { z } from 'zod';
import { outboundFetch } from '@/lib/http/outbound-guard';
import { ModelError } from '../model-errors';
import { TokenCache } from './token-cache';

/** A service account's authorized key, as `yc iam key create` writes it (the fields we use). */
const authorizedKeySchema = z.object({
  id: z.string().min(1),
  service_account_id: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
});
const iamAnswerSchema = z.object({ iamToken: z.string().min(1), expiresAt: z.string() });

/** Yandex issues tokens for up to 12 hours; a new one is asked for 5 minutes before. */
const tokens = new TokenCache(5 * 60_000);

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The key, read without ever quoting it: a parser's error message would carry part of it. */
function readAuthorizedKey(json: string): z.infer<typeof authorizedKeySchema> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = null;
  }
  const key = authorizedKeySchema.safeParse(value);
  if (!key.success)
    throw new ModelError(
      'auth_failed',
      'The service account key is not an authorized key (JSON with id, service_account_id and private_key).',
    );
  return key.data;
}

/** The JWT Yandex IAM exchanges for a token: PS256, the key's id as `kid`, the service account as issuer, valid one hour. */
export function serviceAccountJwt(
  key: z.infer<typeof authorizedKeySchema>,
  audience: string,
  now = Date.now(),
): string {
  const issuedAt = Math.floor(now / 1000);
  const input = `${base64url(JSON.stringify({ typ: 'JWT', alg: 'PS256', kid: key.id }))}.${base64url(JSON.stringify({ iss: key.service_account_id, aud: audience, iat: issuedAt, exp: issuedAt + 3600 }))}`;
  let signature: Buffer;
  try {
    signature = sign('sha256', Buffer.from(input), {
      key: key.private_key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
  } catch {
    throw new ModelError('auth_failed', 'The private key of the service account key cannot sign.');
  }
  return `${input}.${base64url(signature)}`;
}

/**
 * IAM tokens for YandexGPT made from a service account's authorized key: a signed JWT is
 * exchanged at `iamURL`, and the token is kept until shortly before it expires, then renewed, so
 * CoPilot keeps working past the 12-hour life of a pasted IAM token.
 */
export function serviceAccountToken(authorizedKey: string, iamURL: string): () => Promise<string> {
  const cacheKey = createHash('sha256').update(`${iamURL}\0${authorizedKey}`).digest('hex');
  return async () => {
    const kept = tokens.valid(cacheKey);
    if (kept) return kept;
    const jwt = serviceAccountJwt(readAuthorizedKey(authorizedKey), iamURL);
    let response: Response;
    try {
      response = await outboundFetch()(iamURL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jwt }),
      });
    } catch (error) {
      throw new APICallError({
        message: 'Cannot connect to Yandex IAM',
        url: iamURL,
        requestBodyValues: {},
        cause: error,
      });
    }
    // The answer's body is not kept: only its status matters for the error, and it could echo the request.
    const answer = response.ok ? iamAnswerSchema.safeParse(await response.json().catch(() => null)) : null;
    if (!answer?.success)
      throw new APICallError({
        message: `Yandex IAM answered HTTP ${response.status}`,
        url: iamURL,
        requestBodyValues: {},
        statusCode: response.ok ? 502 : response.status,
        responseBody: '',
      });
    const expiresAt = Date.parse(answer.data.expiresAt);
    return tokens.keep(cacheKey, answer.data.iamToken, Number.isFinite(expiresAt) ? expiresAt : Date.now() + 3_600_000);
  };
}
