/**
 * Whether the efficiency Bitrix24 reports for a flow contradicts ours. Flow.get answers a stored
 * column that the tasks module refreshes only when one of the flow's tasks changes or the flow's
 * figure is asked for in Bitrix24 (FlowProvider::getEfficiency, docs/bitrix24.md "Flow
 * efficiency"); meanwhile the 30-day window moves on. So the stored value may be any of our
 * figures since the flow last changed, and only one outside all of them is a real difference.
 * `oursSinceActivity`: our daily figures from the day of the flow's last activity to today.
 */
export function portalEfficiencyDiffers(portalValue: number | null, oursSinceActivity: readonly number[]): boolean {
  if (portalValue === null || oursSinceActivity.length === 0) return false;
  return portalValue < Math.min(...oursSinceActivity) || portalValue > Math.max(...oursSinceActivity);
}
