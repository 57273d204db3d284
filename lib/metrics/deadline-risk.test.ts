import { describe, expect, it } from 'vitest';
import { deadlineRisk, openTaskRisk, stageDurations } from './deadline-risk';

const hour = 3_600_000;
/** Twenty completed tasks that took 1, 2, … 20 hours. */
const hours = Array.from({ length: 20 }, (_, index) => (index + 1) * hour);

describe('deadlineRisk', () => {
  it('is the share of comparable tasks that needed more than the time left, shrunk towards a half', () => {
    // Open for 5 h, 6 h left: of the 15 tasks that took over 5 h, 9 took over 11 h → (9 + 0.5) / 16.
    const risk = deadlineRisk(hours, 5 * hour, 6 * hour);
    expect(risk.basis).toBe(15);
    expect(risk.probability).toBeCloseTo(9.5 / 16, 10);
    expect(risk.low).toBeLessThan(risk.probability);
    expect(risk.high).toBeGreaterThan(risk.probability);
  });

  it('grows as the deadline nears', () => {
    expect(deadlineRisk(hours, 5 * hour, 2 * hour).probability).toBeGreaterThan(
      deadlineRisk(hours, 5 * hour, 10 * hour).probability,
    );
  });

  it('follows the flow: a task stuck far longer than its flow’s usual run is likely late', () => {
    // Most tasks close within 3 h, a few drag on for days: one open for 4 h belongs with those.
    const skewed = [...Array.from({ length: 18 }, () => 2 * hour), 50 * hour, 60 * hour];
    expect(deadlineRisk(skewed, 0, 4 * hour).probability).toBeLessThan(0.2);
    expect(deadlineRisk(skewed, 4 * hour, 4 * hour).probability).toBeGreaterThan(0.6);
  });

  it('is certain once the deadline has passed', () => {
    expect(deadlineRisk(hours, 30 * hour, -hour)).toEqual({ probability: 1, low: 1, high: 1, basis: 0 });
  });

  it('says little with few tasks behind it: a wide band, and a half with none', () => {
    const few = deadlineRisk(hours, 18 * hour, hour);
    expect(few.basis).toBe(2);
    expect(few.high - few.low).toBeGreaterThan(0.5);
    expect(deadlineRisk(hours, 25 * hour, hour)).toEqual({ probability: 0.5, low: 0, high: 1, basis: 0 });
    expect(deadlineRisk([], 0, hour)).toEqual({ probability: 0.5, low: 0, high: 1, basis: 0 });
  });

  it('narrows the band with more tasks behind the same share', () => {
    const many = Array.from({ length: 400 }, (_, index) => ((index % 20) + 1) * hour);
    const wide = deadlineRisk(hours, 5 * hour, 6 * hour);
    const narrow = deadlineRisk(many, 5 * hour, 6 * hour);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });
});

describe('openTaskRisk', () => {
  const span = (from: number, to: number) => to - from;
  // Three completed tasks: created at 0, started at 1 h, handed in at 3 h, closed at 4, 6 and 10 h.
  const stages = stageDurations(
    [4, 6, 10].map((closedAfter) => ({
      createdAt: 0,
      startedAt: hour,
      handedInAt: 3 * hour,
      closedAt: closedAfter * hour,
    })),
    span,
  );

  it('measures each stage from its own start to the close', () => {
    expect(stages).toEqual({
      pending: [4 * hour, 6 * hour, 10 * hour],
      working: [3 * hour, 5 * hour, 9 * hour],
      review: [1 * hour, 3 * hour, 7 * hour],
    });
  });

  it('reads the stage the task is in: pending from creation, in progress from its start, in review from its hand-in', () => {
    const now = 10 * hour;
    const deadline = now + 2 * hour;
    // Pending for 2 h, 2 h left: of 4, 6 and 10 h, those over 2 h (all three) and over 4 h (two).
    expect(
      openTaskRisk(stages, { createdAt: 8 * hour, startedAt: null, inReviewSince: null, deadline }, now, span),
    ).toEqual(deadlineRisk(stages.pending, 2 * hour, 2 * hour));
    expect(
      openTaskRisk(stages, { createdAt: 0, startedAt: 8 * hour, inReviewSince: null, deadline }, now, span),
    ).toEqual(deadlineRisk(stages.working, 2 * hour, 2 * hour));
    expect(
      openTaskRisk(stages, { createdAt: 0, startedAt: hour, inReviewSince: 9 * hour, deadline }, now, span),
    ).toEqual(deadlineRisk(stages.review, hour, 2 * hour));
  });

  it('is certain past the deadline', () => {
    const overdue = { createdAt: 0, startedAt: null, inReviewSince: null, deadline: 5 * hour };
    expect(openTaskRisk(stages, overdue, 6 * hour, span).probability).toBe(1);
  });
});
