/** Days ahead the efficiency forecast looks (efficiency-forecast.ts); the last is the one the list shows. */
export const forecastHorizons: readonly number[] = [7, 14];

/** The furthest horizon: the list's forecast and its drop. */
export const furthestHorizon = forecastHorizons.at(-1)!;
