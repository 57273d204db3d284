'use client';

import type { ReactNode } from 'react';
import { useInView } from 'react-intersection-observer';

/**
 * Draws a chart once it is scrolled into view. Each drawing is a module of its own (next/dynamic),
 * so the charting library loads when a chart is seen, not with a page whose charts are below the
 * fold; until the drawing is there its height is kept, so nothing below it moves. The card around
 * the drawing (title, the Table view, the CSV) is there from the first paint, so the figures are
 * reachable by keyboard and screen reader without scrolling.
 */
export function WhenVisible({ height, children }: { height: number; children: ReactNode }) {
  // Where IntersectionObserver is missing, the chart is drawn at once.
  const { ref, inView } = useInView({ triggerOnce: true, fallbackInView: true });
  return (
    <div ref={ref} data-chart-plot style={{ minHeight: height }}>
      {inView && children}
    </div>
  );
}
