import { eventsPath } from '@/lib/http/bitrix24-receiver-paths';

/** The app's public address for a path: APP_URL, else the address this request came to. */
export function appAddress(appUrl: string | undefined, headers: Pick<Headers, 'get'>, path: string): string {
  if (appUrl) return `${appUrl.replace(/\/+$/, '')}${path}`;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host') || 'localhost:3000';
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${proto}://${host}${path}`;
}

/**
 * Where a portal's outgoing webhook posts task events: <APP_URL>/api/bitrix24/events. Without
 * APP_URL, the address this page was opened at (behind a proxy, its forwarded host and scheme).
 */
export function eventsHandlerUrl(appUrl: string | undefined, headers: Pick<Headers, 'get'>): string {
  return appAddress(appUrl, headers, eventsPath);
}
