/** Lengths of time in milliseconds, for arithmetic on epoch times (calendar days need the portal's zone instead). */
export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;
export const weekMs = 7 * dayMs;
