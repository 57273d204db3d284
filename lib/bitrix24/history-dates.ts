import { parsePortalDate } from './portal-dates';

/**
 * Date values in task history rows (`DEADLINE`, `START_DATE_PLAN`, `END_DATE_PLAN`). The tasks
 * module stores them as Unix timestamps in seconds: `CTaskLog::UnifyFields` takes
 * `MakeTimeStamp(value)`, which reads the user's wall-clock text as server time, and subtracts
 * `CTimeZone::getOffset()` (user zone minus server zone), so what is stored is the true UTC instant
 * (bitrix24-core-corp: modules/tasks/classes/general/tasklog.php). No portal offset applies to it.
 * Rows written otherwise (date text) are read as portal dates. Empty, "0" and nonsense give null.
 */
export function parseHistoryDate(value: string | number | null | undefined, portalOffset: string): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return seconds > 0 ? seconds * 1000 : null;
  }
  return parsePortalDate(text, portalOffset);
}

/** Writes an instant as the tasks module stores history dates: whole Unix seconds, as text. */
export function formatHistoryDate(time: number): string {
  return String(Math.floor(time / 1000));
}
