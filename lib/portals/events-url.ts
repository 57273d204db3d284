/**
 * Where a portal's outgoing webhook posts task events: <APP_URL>/api/bitrix24/events. Without
 * APP_URL, the address this page was opened at (behind a proxy, its forwarded host and scheme).
 */
export const eventsPath = '/api/bitrix24/events';

export function eventsHandlerUrl(appUrl: string | undefined, headers: Pick<Headers, 'get'>): string {
  if (appUrl) return `${appUrl.replace(/\/+$/, '')}${eventsPath}`;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host') || 'localhost:3000';
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${proto}://${host}${eventsPath}`;
}
