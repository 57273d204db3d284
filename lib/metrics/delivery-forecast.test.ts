import { describe, expect, it } from 'vitest';
import { deliveryForecast } from './delivery-forecast';

describe('delivery forecasts', () => {
  it('is exact for a flow that completes the same number every day', () => {
    // Three a day: 10 waiting take 4 days whatever the draw, and 5 days complete exactly 15.
    expect(deliveryForecast([3, 3, 3, 3], 10, 5)).toEqual({
      backlogDays: { p50: 4, p85: 4, p95: 4 },
      doneWithin: { p50: 15, p85: 15, p95: 15 },
      basis: { days: 4, completed: 12 },
    });
  });

  it('widens with an uneven pace: higher confidence, more days and fewer tasks', () => {
    const forecast = deliveryForecast([0, 1, 2, 6, 0, 1, 5, 1, 0, 4], 20, 10);
    const days = forecast.backlogDays!;
    expect(days.p50).toBeLessThanOrEqual(days.p85);
    expect(days.p85).toBeLessThanOrEqual(days.p95);
    expect(forecast.doneWithin.p50).toBeGreaterThanOrEqual(forecast.doneWithin.p85);
    expect(forecast.doneWithin.p85).toBeGreaterThanOrEqual(forecast.doneWithin.p95);
    // Two a day on average: 20 tasks in about 10 days, 10 days bring about 20.
    expect(days.p50).toBeGreaterThanOrEqual(8);
    expect(days.p50).toBeLessThanOrEqual(12);
    expect(forecast.doneWithin.p50).toBeGreaterThanOrEqual(16);
    expect(forecast.doneWithin.p50).toBeLessThanOrEqual(24);
  });

  it('gives the same numbers for the same input', () => {
    const input = [0, 2, 1, 4, 0, 3] as const;
    expect(deliveryForecast(input, 15, 7)).toEqual(deliveryForecast(input, 15, 7));
  });

  it('has no date for the backlog when the recent days completed nothing, and nothing waiting takes no days', () => {
    expect(deliveryForecast([0, 0, 0], 5, 5)).toEqual({
      backlogDays: null,
      doneWithin: { p50: 0, p85: 0, p95: 0 },
      basis: { days: 3, completed: 0 },
    });
    expect(deliveryForecast([2, 1], 0, 3).backlogDays).toEqual({ p50: 0, p85: 0, p95: 0 });
  });
});
