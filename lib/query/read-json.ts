/**
 * A same-origin API's JSON for a TanStack Query function. The bodies are the server's own types
 * (built by lib/), so they are read as such; a failed request becomes an error the page shows
 * while keeping the last data it had.
 */
export async function readJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
