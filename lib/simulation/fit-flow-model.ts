import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { taskStatus } from '@/lib/bitrix24/task-status';
import { efficiencyTaskOf, efficiencyWindow, violationSpans } from '@/lib/metrics/flow-efficiency';
import { isOpen, type MetricTask } from '@/lib/metrics/metric-task';
import { hourOfWeek } from '@/lib/time/hour-of-week';
import { dayMs } from '@/lib/time/durations';
import type { WorkCalendar } from '@/lib/time/work-calendar';
import type { DistributionType, FlowModel, OpenTask, OpenTaskStage, PersonModel } from './flow-model';
import { planClock } from './plan-clock';
import { pacesOf, samplesOf } from './samples';

/** A flow's settings and the tasks it knows at `now` (docs/simulation.md, "What it learns from"). */
export type FlowHistory = {
  distribution: DistributionType;
  plannedSeconds: number;
  matchWorkTime: boolean;
  taskControl: boolean;
  /** Members of the flow's team (not its moderators). */
  team: number[];
  moderatorIds: number[];
  timeZoneOffset: string;
  calendar: WorkCalendar;
  /**
   * Its tasks created in the last `learnDays`, open now, or closed within the efficiency window,
   * each with its history up to `now`.
   */
  tasks: MetricTask[];
};

/** Paces, waits and reviews are learned from the last 60 days: two of the rule's windows. */
export const learnDays = 60;
/** Arrivals and who gets them follow the last four weeks, so a change of pace shows soon. */
export const arrivalDays = 28;
/** Below this many of their own tasks a person's pace is the team's. */
const ownPaceTasks = 5;

export type FitError = 'too-little-history' | 'no-team';

/**
 * Learns a flow's model from its history (docs/simulation.md). Each person's pace comes as two
 * durations: the gap between getting to one waiting task and the next (a person with many waiting
 * gets to them one after another, so an overloaded person's tasks wait longer and longer), and the
 * work from start to hand-in.
 */
export function fitFlowModel(history: FlowHistory, now: number): FlowModel | { error: FitError } {
  const offset = offsetMinutes(history.timeZoneOffset);
  const earliest = Math.min(now - (learnDays + 1) * dayMs, ...history.tasks.map((task) => task.createdAt));
  const clock = planClock(history.matchWorkTime, history.calendar, offset, earliest, now + 120 * dayMs);
  const span = (from: number, to: number) => Math.max(0, clock.toPlan(to) - clock.toPlan(from));
  const learnFrom = now - learnDays * dayMs;
  const inLearning = (moment: number | null) => moment !== null && moment >= learnFrom && moment <= now;
  const tasks = history.tasks.filter((task) => isFlowTask(task, history.distribution));

  // Who got to each task, from when it waited for them, and when it was handed in.
  const starts = new Map<number, { ready: number; start: number; handIn: number | null }[]>();
  for (const task of tasks) {
    if (task.startedAt === null || task.startedAt > now) continue;
    const starter = assigneeAt(task, task.startedAt);
    const handIn = firstHandIn(task) ?? task.closedAt;
    const list = starts.get(starter) ?? [];
    list.push({
      ready: readyAt(task, history.distribution),
      start: task.startedAt,
      handIn: handIn !== null && handIn <= now ? handIn : null,
    });
    starts.set(starter, list);
  }
  // Each task started in the learning days and handed in since: its gap and its work.
  const paces = new Map<number, { gap: number; work: number }[]>();
  for (const [person, list] of starts) {
    list.sort((a, b) => a.start - b.start);
    const own: { gap: number; work: number }[] = [];
    list.forEach((entry, index) => {
      if (!inLearning(entry.start) || entry.handIn === null) return;
      const free = index === 0 ? entry.ready : Math.max(entry.ready, list[index - 1]!.start);
      own.push({ gap: span(Math.min(free, entry.start), entry.start), work: span(entry.start, entry.handIn) });
    });
    paces.set(person, own);
  }
  const teamPairs = [...paces.values()].flat();
  if (teamPairs.length < ownPaceTasks) return { error: 'too-little-history' };
  const teamPaces = pacesOf(teamPairs);
  const teamWork = samplesOf(teamPairs.map((pair) => pair.work));

  // Who gets the new tasks: each person's share of the recent ones.
  const arrivalFrom = now - arrivalDays * dayMs;
  const recent = tasks.filter((task) => task.createdAt >= arrivalFrom && task.createdAt <= now);
  const received = new Map<number, number>();
  for (const task of recent) {
    const person = task.startedAt !== null ? assigneeAt(task, task.startedAt) : waitingFor(task, history);
    if (person !== null) received.set(person, (received.get(person) ?? 0) + 1);
  }
  // A queue and self-assignment hand tasks to the team only; a moderator may hand them to anyone.
  // With no team in the mirror, whoever got tasks lately stands for it.
  const inTeam = (id: number) =>
    history.team.length === 0
      ? received.has(id)
      : history.team.includes(id) || (history.distribution === 'manually' && received.has(id));
  const team = [...new Set([...history.team, ...received.keys()])].filter(inTeam);
  if (team.length === 0) return { error: 'no-team' };
  const handedOut = team.reduce((sum, id) => sum + (received.get(id) ?? 0), 0);
  const personOf = (id: number): PersonModel => {
    const own = paces.get(id) ?? [];
    const pooled = own.length < ownPaceTasks;
    const member = inTeam(id);
    return {
      id,
      share: !member ? 0 : handedOut === 0 ? 1 / team.length : (received.get(id) ?? 0) / handedOut,
      paces: pooled ? teamPaces : pacesOf(own),
      work: pooled ? teamWork : samplesOf(own.map((pair) => pair.work)),
      pooled,
      inTeam: member,
      removed: false,
    };
  };
  const people = team.map(personOf);

  const arrivalsByHour = new Float64Array(7 * 24);
  for (const task of recent) arrivalsByHour[hourOfWeek(task.createdAt, offset)]! += 7 / arrivalDays;

  const open: OpenTask[] = [];
  for (const task of tasks) {
    if (!isOpen(task) || task.createdAt > now) continue;
    const stage = stageOf(task, history);
    if (stage.kind !== 'unassigned' && !people.some((person) => person.id === stage.assignee))
      people.push(personOf(stage.assignee));
    open.push({
      id: task.id,
      createdAt: task.createdAt,
      deadline: task.deadline,
      stage,
      // The rule also lists a violation still to come at the deadline ahead: the runs decide that one.
      spans: violationSpans(efficiencyTaskOf(task)).filter((span) => span.start <= now),
    });
  }
  const windowStart = efficiencyWindow(now, history.timeZoneOffset).start;
  const settled = tasks
    .filter((task) => !isOpen(task) && task.createdBy !== task.responsibleId)
    .filter((task) => task.closedAt === null || task.closedAt >= windowStart)
    .map(efficiencyTaskOf);

  const review = reviewsOf(tasks, inLearning, span);
  return {
    now,
    timeZoneOffset: history.timeZoneOffset,
    offsetMinutes: offset,
    calendar: history.calendar,
    matchWorkTime: history.matchWorkTime,
    distribution: history.distribution,
    plannedSeconds: history.plannedSeconds,
    review: history.taskControl,
    arrivalsByHour,
    people,
    teamPaces,
    teamWork,
    assignDelays: samplesOf(
      tasks.flatMap((task) => {
        const handedOn = task.responsibleChanges?.[0]?.at ?? null;
        return history.distribution === 'manually' && inLearning(handedOn) ? [span(task.createdAt, handedOn!)] : [];
      }),
    ),
    reviews: samplesOf(review.stints),
    returnShare: review.stints.length === 0 ? 0 : review.returned / review.stints.length,
    rework: samplesOf(review.rework),
    rescueShare: rescueShareOf(tasks, inLearning),
    open,
    settled,
    basis: {
      learnDays,
      arrivalDays,
      tasks: teamPairs.length,
      arrivals: recent.length,
    },
  };
}

/**
 * A task of the flow's work: its creator is not its assignee (the efficiency rule's own test), or,
 * in a self-assignment flow, it still waits with its creator for someone to take it.
 */
function isFlowTask(task: MetricTask, distribution: DistributionType): boolean {
  if (task.createdBy !== task.responsibleId) return true;
  return distribution === 'himself' && task.startedAt === null && isOpen(task);
}

/** Who had the task at `moment`. */
function assigneeAt(task: MetricTask, moment: number): number {
  return task.responsibleChanges?.find((change) => change.at > moment)?.from ?? task.responsibleId;
}

function firstHandIn(task: MetricTask): number | null {
  return task.statusChanges?.find((change) => change.to === taskStatus.awaitingReview)?.at ?? null;
}

/**
 * From when the task waited for the person who started it: its hand-over by the moderator in a
 * manual flow, its last re-assignment before the start in a queue, its creation otherwise.
 */
function readyAt(task: MetricTask, distribution: DistributionType): number {
  const changes = task.responsibleChanges ?? [];
  if (distribution === 'manually') return changes[0]?.at ?? task.createdAt;
  if (distribution === 'queue')
    return changes.filter((change) => change.at <= (task.startedAt ?? Infinity)).at(-1)?.at ?? task.createdAt;
  return task.createdAt;
}

/** The person a task not yet started waits for; null while nobody has it (the moderator, or the creator of a self-assignment task). */
function waitingFor(task: MetricTask, history: FlowHistory): number | null {
  const handedOn = (task.responsibleChanges?.length ?? 0) > 0;
  if (history.distribution === 'manually' && !handedOn && history.moderatorIds.includes(task.responsibleId))
    return null;
  if (history.distribution === 'himself' && task.responsibleId === task.createdBy) return null;
  return task.responsibleId;
}

function stageOf(task: MetricTask, history: FlowHistory): OpenTaskStage {
  const lastMoveTo = (status: number) =>
    task.statusChanges?.filter((change) => change.to === status).at(-1)?.at ?? null;
  if (task.status === taskStatus.awaitingReview)
    return {
      kind: 'review',
      assignee: task.responsibleId,
      since: lastMoveTo(taskStatus.awaitingReview) ?? task.createdAt,
    };
  if (task.status === taskStatus.inProgress)
    return {
      kind: 'working',
      assignee: task.responsibleId,
      since: lastMoveTo(taskStatus.inProgress) ?? task.startedAt ?? task.createdAt,
    };
  const person = waitingFor(task, history);
  if (person === null) return { kind: 'unassigned', since: task.createdAt };
  return { kind: 'waiting', assignee: person, since: readyAt(task, history.distribution) };
}

/** Each stint in review, whether it sent the task back, and the rework until it was handed in again. */
function reviewsOf(
  tasks: readonly MetricTask[],
  inLearning: (moment: number | null) => boolean,
  span: (from: number, to: number) => number,
): { stints: number[]; returned: number; rework: number[] } {
  const stints: number[] = [];
  const rework: number[] = [];
  let returned = 0;
  for (const task of tasks) {
    const changes = task.statusChanges ?? [];
    changes.forEach((change, index) => {
      const next = changes[index + 1];
      if (change.to !== taskStatus.awaitingReview || !next || !inLearning(next.at)) return;
      stints.push(span(change.at, next.at));
      if (next.to !== taskStatus.pending && next.to !== taskStatus.inProgress) return;
      returned++;
      const again = changes.slice(index + 2).find((later) => later.to === taskStatus.awaitingReview);
      if (again) rework.push(span(next.at, again.at));
    });
  }
  return { stints, returned, rework };
}

/**
 * Of the tasks handed in (or closed) after their first deadline in the learning days, the share
 * with no violation at all: their deadline was moved before it passed.
 */
function rescueShareOf(tasks: readonly MetricTask[], inLearning: (moment: number | null) => boolean): number {
  let heading = 0;
  let rescued = 0;
  for (const task of tasks) {
    const done = firstHandIn(task) ?? task.closedAt;
    const firstDeadline = task.deadlineChanges?.[0]?.from ?? task.deadline;
    if (!inLearning(done) || firstDeadline === null || done! <= firstDeadline) continue;
    heading++;
    if (violationSpans(efficiencyTaskOf(task)).length === 0) rescued++;
  }
  return heading === 0 ? 0 : rescued / heading;
}
