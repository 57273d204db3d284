import { lastPortalDays } from '@/lib/metrics/portal-days';
import type { PortalWindow } from './dashboard-types';

/** The last `days` portal days, today included: the flows list's window and the charts' periods. */
export function periodWindow(now: number, days: number, timeZoneOffset: string): PortalWindow {
  const range = lastPortalDays(now, days, timeZoneOffset);
  return { from: range[0]!, to: range.at(-1)!, days, timeZoneOffset };
}
