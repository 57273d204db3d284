import type { EfficiencyBand } from './dashboard-types';

/** The 80 % line is Bitrix24's own (CoPilot praises at 80 or more); 60 splits "watch" from "critical". */
export const efficiencyTarget = 80;
const criticalBelow = 60;

export function efficiencyBand(efficiency: number): EfficiencyBand {
  if (efficiency >= efficiencyTarget) return 'healthy';
  return efficiency >= criticalBelow ? 'watch' : 'critical';
}
