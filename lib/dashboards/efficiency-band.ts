import type { EfficiencyBand } from './dashboard-types';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';

/** Healthy from the 80 % line (Bitrix24's own; CoPilot praises there); 60 splits "watch" from "critical". */
const criticalBelow = 60;

export function efficiencyBand(efficiency: number): EfficiencyBand {
  if (efficiency >= efficiencyLine) return 'healthy';
  return efficiency >= criticalBelow ? 'watch' : 'critical';
}
