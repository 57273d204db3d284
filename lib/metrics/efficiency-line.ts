/** The 80 % line: a flow at or above it is healthy; below it, CoPilot looks for what went wrong (docs/metrics.md, "Definitions"). */
export const efficiencyLine = 80;
