import { describe, expect, it } from 'vitest';
import { PortalLimits } from './portal-limits';

/**
 * The method time budget as b24restdocs `settings/performance/limits.md` describes it: time in
 * ten one-minute baskets; a basket's countdown "starts from the first recorded method call in the
 * corresponding minute and lasts 10 minutes" (first call 10:05:20 → reset 10:15:20), and a call
 * is refused while the accumulated time exceeds the limit.
 */
describe('the method time budget', () => {
  const minute = 60_000;
  const start = Date.UTC(2026, 4, 14, 10, 5, 20);

  it('drops a basket ten minutes after its first call, not at a minute boundary', () => {
    const limits = new PortalLimits({ burst: 50, drainPerSecond: 2, operatingBudgetSeconds: 480 });
    limits.spend('hook', 'tasks.task.history.list', 300, start);
    limits.spend('hook', 'tasks.task.history.list', 200, start + 30_000);
    expect(limits.usage('hook', 'tasks.task.history.list', start + 30_000)).toEqual({
      operating: 500,
      resetAt: start / 1000 + 600,
    });
    expect(limits.exhausted('hook', 'tasks.task.history.list', start + 10 * minute - 1_000)).toBe(true);
    // 10:15:00 is past the minute's end plus ten minutes, but the countdown began at 10:05:20.
    expect(limits.exhausted('hook', 'tasks.task.history.list', Date.UTC(2026, 4, 14, 10, 15, 10))).toBe(true);
    expect(limits.exhausted('hook', 'tasks.task.history.list', start + 10 * minute)).toBe(false);
    expect(limits.usage('hook', 'tasks.task.history.list', start + 10 * minute).operating).toBe(0);
  });

  it('keeps one basket per minute and names the oldest one’s reset', () => {
    const limits = new PortalLimits({ burst: 50, drainPerSecond: 2, operatingBudgetSeconds: 480 });
    limits.spend('hook', 'm', 100, start);
    limits.spend('hook', 'm', 100, start + minute);
    limits.spend('hook', 'm', 100, start + 2 * minute);
    expect(limits.usage('hook', 'm', start + 10 * minute)).toEqual({ operating: 200, resetAt: start / 1000 + 660 });
    // Other methods and callers have budgets of their own; a method with none resets ten minutes on.
    expect(limits.usage('hook', 'other', start)).toEqual({ operating: 0, resetAt: start / 1000 + 600 });
    expect(limits.usage('app', 'm', start).operating).toBe(0);
  });
});
