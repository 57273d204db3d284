import type { AgingBand, EfficiencyBand } from '@/lib/dashboards/dashboard-types';

/*
 * Every colour a chart draws with. Each stands at 3:1 or more against the white card (WCAG 1.4.11,
 * checked in chart-palette.test.ts); the same meaning keeps the same colour on every page.
 */
export const seriesColors = {
  pending: '#a16207',
  inProgress: '#2563eb',
  awaitingReview: '#7c3aed',
  completed: '#047857',
  // Apart in hue from completed: the two stand side by side in the throughput chart.
  created: '#be185d',
  open: '#1f63d8',
  efficiency: '#1b4fae',
  target: '#64748b',
  overdue: '#dc2626',
  atRisk: '#c2410c',
  // Dark neutrals: these lines cross band-coloured bars and points, so they must not look like a band.
  p50: '#475569',
  p85: '#334155',
  p95: '#0f172a',
  planned: '#6d28d9',
} as const;

/** A forecast, or a simulated run with the levers moved: dashed, beside the solid line of the figures. */
export const forecastDash = '5 4';
/** The 80 % band around a forecast: a reading aid (the line carries the figure), so see-through. */
export const bandOpacity = 0.15;
/** The what-if simulation as things are: a dark neutral, apart from the run with the levers (efficiency blue). */
export const asItIsColor = seriesColors.p50;

/** The ticks of a percent axis. */
export const percentTicks = [0, 20, 40, 60, 80, 100];

/** The percentile lines differ by dash too, so they stay apart without colour vision. */
export const percentileDashes = { p50: '6 4', p85: '3 3', p95: '10 3 2 3' } as const;

export const bandColors: Record<EfficiencyBand, string> = {
  healthy: '#047857',
  watch: '#b45309',
  critical: '#b91c1c',
};

/** An open task's age against the flow's lead-time percentiles, green to red as it grows. */
export const agingBandColors: Record<AgingBand, string> = {
  'below-p50': '#047857',
  'p50-p85': '#a16207',
  'p85-p95': '#c2410c',
  'above-p95': '#b91c1c',
};

/** Axis text and grid lines (the grid is a reading aid, not information, so it may stay faint). */
export const chartChrome = { axisText: '#475569', grid: '#e2e8f0', card: '#ffffff', ink: '#0f172a' } as const;

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red = 0, green = 0, blue = 0] = channels.map((value) =>
    value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** White or ink, whichever reads better on the background (numbers in heatmap cells). */
export function textColorOn(background: string): string {
  return contrastRatio(background, chartChrome.card) >= contrastRatio(background, chartChrome.ink)
    ? chartChrome.card
    : chartChrome.ink;
}

/** Tick labels of every axis. */
export const axisTick = { fontSize: 12, fill: chartChrome.axisText } as const;

/** Labels of reference lines: a white halo keeps them readable where they cross points and bars. */
export const lineLabel = { fontSize: 12, stroke: chartChrome.card, strokeWidth: 3, paintOrder: 'stroke' } as const;
