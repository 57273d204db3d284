import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { hourMs } from '@/lib/time/durations';
import type { FlowModel, PersonModel } from '../flow-model';
import { pacesOf, samplesOf } from '../samples';

/** Monday 2 March 2026, noon, portal time UTC: the tests' "now". */
export const testNow = Date.parse('2026-03-02T12:00:00Z');
export const hours = (count: number) => count * hourMs;

/** A person whose every gap and every piece of work takes the given hours. */
export function personOf(id: number, gapHours: number, workHours: number, share = 1): PersonModel {
  return {
    id,
    share,
    paces: pacesOf([{ gap: hours(gapHours), work: hours(workHours) }]),
    work: samplesOf([hours(workHours)]),
    pooled: false,
    inTeam: true,
    removed: false,
  };
}

/** A flow with nothing in it but what the test sets: no arrivals, no review, calendar time. */
export function modelOf(overrides: Partial<FlowModel>): FlowModel {
  return {
    now: testNow,
    timeZoneOffset: '+00:00',
    offsetMinutes: 0,
    calendar: defaultWorkCalendar,
    matchWorkTime: false,
    distribution: 'queue',
    plannedSeconds: 24 * 3600,
    review: false,
    arrivalsByHour: new Float64Array(168),
    people: [personOf(1, 1, 1)],
    teamPaces: pacesOf([{ gap: hours(1), work: hours(1) }]),
    teamWork: samplesOf([hours(1)]),
    assignDelays: samplesOf([]),
    reviews: samplesOf([]),
    returnShare: 0,
    rework: samplesOf([]),
    rescueShare: 0,
    open: [],
    settled: [],
    basis: { learnDays: 60, arrivalDays: 28, tasks: 0, arrivals: 0 },
    ...overrides,
  };
}
