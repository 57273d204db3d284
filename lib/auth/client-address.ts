type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.at(-1) : value;
}

/**
 * The client's address for rate limiting. Flowpilot's server (lib/launcher/next-server.ts) sets
 * X-Forwarded-For to that one address, taking only as many proxy hops as TRUSTED_PROXY_HOPS
 * allows; should a list arrive anyway, its last entry is the hop nearest to us.
 */
export function clientAddress(headers: HeaderSource): string {
  return header(headers, 'x-forwarded-for')?.split(',').at(-1)?.trim() || 'unknown';
}
