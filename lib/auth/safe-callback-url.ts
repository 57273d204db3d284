/** Any origin will do: only whether the value stays on it matters. */
const appOrigin = 'http://flowpilot.invalid';

/**
 * Only same-site paths are followed after sign-in, so a crafted link cannot send people elsewhere.
 * The value is resolved the way a browser resolves it (tabs and newlines dropped, backslashes
 * read as slashes), and only its path, query and hash are kept.
 */
export function safeCallbackUrl(value: string | null | undefined, fallback: string): string {
  if (!value?.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(value, appOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== appOrigin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
