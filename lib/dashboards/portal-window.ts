import { efficiencyWindow } from '@/lib/metrics/flow-efficiency';
import { lastPortalDays, portalDay } from '@/lib/metrics/portal-days';
import type { PortalWindow } from './dashboard-types';

/** The headline window: the portal's 30 days that its efficiency rule reads (efficiencyWindow). */
export function efficiencyPortalWindow(now: number, timeZoneOffset: string): PortalWindow {
  const window = efficiencyWindow(now, timeZoneOffset);
  return { from: portalDay(window.start, timeZoneOffset), to: portalDay(now, timeZoneOffset), days: 30, timeZoneOffset };
}

/** A chart period: the last `days` portal days, today included. */
export function periodWindow(now: number, days: number, timeZoneOffset: string): PortalWindow {
  const range = lastPortalDays(now, days, timeZoneOffset);
  return { from: range[0]!, to: range.at(-1)!, days, timeZoneOffset };
}
