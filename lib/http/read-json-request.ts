import { ApiError } from '@/lib/errors/api-error';
import { env } from '@/lib/env';
import { readLimitedBody } from './read-limited-body';

/**
 * Whether a state-changing request came from Flowpilot's own pages: browsers send Origin (and
 * Sec-Fetch-Site) on every cross-site POST, so a foreign one is refused; tools that send neither
 * (curl with a session cookie) are not browsers riding on someone's session.
 */
function fromOwnOrigin(request: Request): boolean {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  return ownOrigins(request).includes(origin);
}

/**
 * The addresses Flowpilot is open at for this request: the one the browser used, as the
 * connection or a trusted proxy tells it (lib/http/forwarded-headers.ts; Next.js names its own
 * server localhost in request.url, whatever address was used), and APP_URL.
 */
function ownOrigins(request: Request): string[] {
  // A chain of proxies lists one value each; the first is what the browser used.
  const first = (name: string) => request.headers.get(name)?.split(',')[0]?.trim() || null;
  const host = first('x-forwarded-host') ?? first('host');
  const protocol = first('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '');
  const used = host ? [`${protocol}://${host}`] : [new URL(request.url).origin];
  return [...used, ...(env().APP_URL ? [new URL(env().APP_URL!).origin] : [])];
}

/**
 * The JSON body of a state-changing route: only `application/json` (a cross-site form can send
 * text/plain or form encodings without asking first), only from our origin, at most `limitBytes`.
 */
export async function readJsonRequest(request: Request, limitBytes: number, example: string): Promise<unknown> {
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json')
    throw new ApiError(415, 'unsupported_media_type', `Send the body as application/json, such as ${example}.`);
  if (!fromOwnOrigin(request)) throw new ApiError(403, 'cross_origin', 'This request came from another site.');
  const text = await readLimitedBody(request, limitBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', `Send a JSON body such as ${example}.`);
  }
}
