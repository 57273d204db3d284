import { causeProfiles, type CauseProfile, type Range, type Spread } from './cause-profiles';
import type { FlowArchetype } from './flow-catalog';
import { failingCauses, type FailingCause, type FlowCause } from './flow-causes';
import { DAY } from './portal-time';
import type { Random } from './random';

/** A cause at a strength: 1 is the cause as its profile has it, 0 a healthy flow. */
export type CausePart = { cause: FailingCause; strength: number };

/**
 * How a flow of a messy company fails: its dominant cause (at full strength, or weaker for a
 * flow between healthy and failing), and one or two weaker causes and noise on top of it.
 */
export type CauseMix = {
  dominant: CausePart | null;
  weaker: CausePart[];
  /** A review wait that is one busy person's: most tasks come from them, and only they review slowly. */
  busyReviewer: boolean;
};

/** The kind of company: each failing flow with one clean cause, or real companies' mess. */
export type CompanyKind = 'clean' | 'messy';

/** Of a messy company's failing flows, the share that sits between healthy and failing. */
const borderlineShare = 0.3;
/** A dominant spike at a lower strength still lasts this many days. */
const minSpikeDays = 7;
/** Day-off deadlines cost only the tasks due on a day off: causes on top of them are kept this much weaker still. */
const weakerOnDayOffShare = 0.5;
/** Of a messy company's review-bottleneck flows, the share whose slow reviews are one busy person's. */
const busyReviewerShare = 0.5;
/** A weaker cause is at most this share of the dominant one's strength, so the dominant stays dominant. */
const weakerShareOfDominant = 0.45;

/**
 * The causes that can show in a flow of this kind: a review wait needs task control, slow
 * distribution a manual flow, thin descriptions a flow without a template, an overloaded person
 * a team to be overloaded in. A day-off deadline needs deadlines counted in calendar time; it is
 * only ever a flow's dominant cause (its profile shapes the whole week).
 */
export function causeFits(cause: FailingCause, archetype: FlowArchetype): boolean {
  switch (cause) {
    case 'review-bottleneck':
      return archetype.taskControl;
    case 'slow-manual-distribution':
      return archetype.distributionType === 'manually';
    case 'thin-descriptions':
      return !archetype.template;
    case 'overloaded-assignee':
      return archetype.distributionType !== 'manually' && archetype.teamSize >= 3;
    case 'weekend-deadlines':
      return false;
    case 'planned-time-too-short':
    case 'intake-spike':
      return true;
  }
}

/**
 * What a messy company does to one flow. A failing flow keeps its cause as the dominant one (in
 * borderlineShare of them at 0.5–0.75 strength, which puts the flow near the 80 % line) and gets
 * one or two weaker causes that fit it; a healthy flow gets a little of one cause as noise. Half
 * the review bottlenecks are one busy person's, who sets most of the flow's tasks.
 */
export function messyMix(random: Random, cause: FlowCause, archetype: FlowArchetype): CauseMix {
  const fitting = (except: FlowCause) =>
    random.shuffled(failingCauses.filter((other) => other !== except && causeFits(other, archetype)));
  if (cause === 'healthy') {
    const [noise] = fitting(cause);
    return {
      dominant: null,
      weaker: noise ? [{ cause: noise, strength: random.between(0.05, 0.2) }] : [],
      busyReviewer: false,
    };
  }
  if (cause === 'inactive' || cause === 'empty') return { dominant: null, weaker: [], busyReviewer: false };
  const strength = random.chance(borderlineShare) ? random.between(0.2, 0.45) : 1;
  // Day-off deadlines fail a flow whose work just fits the plan: anything that changes the work
  // itself would be a cause of its own, so such a flow gets only queues on top.
  const candidates =
    cause === 'weekend-deadlines'
      ? fitting(cause).filter((other) => other === 'overloaded-assignee' || other === 'intake-spike')
      : fitting(cause);
  const weaker = candidates.slice(0, random.int(1, 2)).map((other) => ({
    cause: other,
    strength:
      strength *
      random.between(0.15, weakerShareOfDominant) *
      (cause === 'weekend-deadlines' ? weakerOnDayOffShare : 1),
  }));
  return {
    dominant: { cause, strength },
    weaker,
    busyReviewer: cause === 'review-bottleneck' && random.chance(busyReviewerShare),
  };
}

/**
 * The profile a mix gives: from a healthy flow, each part moves what its cause changes the given
 * share of the way to that cause's profile, the dominant cause first. Where two causes change
 * the same thing (the work time, say), the weaker one pulls the dominant one's value towards its own.
 * A backlog (an overloaded person's, a swamped team's) does not grow in proportion: a dominant
 * one grows with the square of the strength, and a weaker one builds a queue of `strength` times
 * the planned time by the end of its stretch, so that it costs less than the dominant cause.
 */
export function mixedProfile(mix: CauseMix, plannedSeconds: number): CauseProfile {
  const healthy = causeProfiles.healthy;
  let profile = healthy;
  for (const part of mix.dominant ? [mix.dominant, ...mix.weaker] : mix.weaker) {
    const target = causeProfiles[part.cause];
    const s = part.strength;
    const backlogGrowth = (growth: number, sinceDays: number) =>
      part === mix.dominant ? s * s * growth : (s * plannedSeconds) / (sinceDays * DAY);
    const moved = <T>(current: T, key: keyof CauseProfile, blend: (from: T, to: T) => T): T =>
      target[key] === healthy[key] ? current : blend(current, target[key] as T);
    profile = {
      intakeByWeekday: moved(profile.intakeByWeekday, 'intakeByWeekday', (from, to) =>
        from.map((value, day) => lerp(value, to[day] ?? value, s)),
      ),
      assignDelay: moved(profile.assignDelay, 'assignDelay', (from, to) => lerpRange(from, to, s)),
      pickup: moved(profile.pickup, 'pickup', (from, to) => lerpRange(from, to, s)),
      work: moved(profile.work, 'work', (from, to) => lerpSpread(from, to, s)),
      lateTail: moved(profile.lateTail, 'lateTail', (from, to) => lerp(from, to, s)),
      review: moved(profile.review, 'review', (from, to) => lerpSpread(from, to, s)),
      returnShare: moved(profile.returnShare, 'returnShare', (from, to) => lerp(from, to, s)),
      postponeBeforeDue: moved(profile.postponeBeforeDue, 'postponeBeforeDue', (from, to) => lerp(from, to, s)),
      postponeAfterOverrun: moved(profile.postponeAfterOverrun, 'postponeAfterOverrun', (from, to) =>
        lerp(from, to, s),
      ),
      thinShare: moved(profile.thinShare, 'thinShare', (from, to) => lerp(from, to, s)),
      thinClarification: moved(profile.thinClarification, 'thinClarification', (from, to) => lerpRange(from, to, s)),
      thinWorkFactor: moved(profile.thinWorkFactor, 'thinWorkFactor', (from, to) => lerp(from, to, s)),
      legacyNewShare: moved(profile.legacyNewShare, 'legacyNewShare', (from, to) => lerp(from, to, s)),
      overload: target.overload
        ? {
            share: lerp(0, target.overload.share, s),
            sinceDays: target.overload.sinceDays,
            growth: backlogGrowth(target.overload.growth, target.overload.sinceDays),
            workFactor: lerp(1, target.overload.workFactor, s),
          }
        : profile.overload,
      // A dominant spike is a spike whatever its strength (the intake really does jump), only a
      // shorter one with a smaller queue; a weaker one is a rise in intake.
      spike: target.spike
        ? {
            sinceDays:
              part === mix.dominant
                ? Math.max(minSpikeDays, Math.round(s * target.spike.sinceDays))
                : target.spike.sinceDays,
            factor: part === mix.dominant ? target.spike.factor : lerp(1, target.spike.factor, s),
            growth: backlogGrowth(target.spike.growth, target.spike.sinceDays),
          }
        : profile.spike,
    };
  }
  return profile;
}

const lerp = (from: number, to: number, share: number) => from + (to - from) * share;
const lerpRange = (from: Range, to: Range, share: number): Range => [
  lerp(from[0], to[0], share),
  lerp(from[1], to[1], share),
];
const lerpSpread = (from: Spread, to: Spread, share: number): Spread => ({
  median: lerp(from.median, to.median, share),
  sigma: lerp(from.sigma, to.sigma, share),
  min: lerp(from.min, to.min, share),
  max: lerp(from.max, to.max, share),
});
