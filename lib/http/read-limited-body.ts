import { ApiError } from '@/lib/errors/api-error';

/**
 * A request body as text, refused with 413 past `limitBytes` whether or not the sender declared
 * its length, so a huge post costs at most the limit in memory.
 */
export async function readLimitedBody(request: Request, limitBytes: number): Promise<string> {
  const tooLarge = () => new ApiError(413, 'payload_too_large', `The body is larger than ${limitBytes} bytes.`);
  if (Number(request.headers.get('content-length') ?? 0) > limitBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
