import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { teamLoad } from '@/lib/metrics/assignee-load';
import { countsForEfficiency, efficiencyOf, efficiencyTaskOf, efficiencyWindow, violatesInWindow } from '@/lib/metrics/flow-efficiency';
import { dayMs } from '@/lib/time/durations';
import { isOpen } from '@/lib/metrics/metric-task';
import { distribution, median } from '@/lib/metrics/percentiles';
import { portalDay } from '@/lib/metrics/portal-days';
import { leadTime, timeByStatus } from '@/lib/metrics/task-times';
import type { AnalysedFlow, AnalysedTask } from './analysed-flow';
import { problemKinds, type Finding, type ProblemKind, type StrengthKind } from './finding';

export type FlowFindings = {
  efficiency: number;
  /** Tasks the portal's rule counts, and those of them overdue in the window. */
  counted: number;
  late: number;
  findings: Finding[];
  /** Lost points no finding explains; with the findings' points they add up to 100 − efficiency. */
  unexplainedPoints: number;
  window: { start: number; end: number };
};

/** Below this many characters a description says too little to work from. */
export const thinDescriptionLength = 40;

type Measured = AnalysedTask & {
  late: boolean;
  assignDelay: number | null;
  pickup: number | null;
  work: number | null;
  review: number | null;
  weekendDeadline: boolean;
  thin: boolean;
  postponed: boolean;
  createdDay: string;
};

type Detector = {
  figures: Record<string, number>;
  people?: number[];
  /** Does this late task fail for this reason? */
  explains: (task: Measured) => boolean;
  /** Reported even when no late task is put down to it (people who left are still in the queue). */
  alwaysReport?: boolean;
};

const round1 = (value: number) => Math.round(value * 10) / 10;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/**
 * The findings engine: why a flow's efficiency is what it is. Every overdue task of the window
 * is put down to the first reason, in a fixed order from the most specific (an assignee who
 * left, a review wait) to the most general (planned time, postponed deadlines), that both holds
 * for the flow as a whole and explains that task. A finding's lost points are its tasks' share
 * of the window (each overdue task costs 100 / counted points), so the breakdown adds up to the
 * points the flow lost. With efficiency at 80 % or more, what the team does well comes first.
 */
export function flowFindings(flow: AnalysedFlow): FlowFindings {
  const window = efficiencyWindow(flow.now, flow.timeZoneOffset);
  const planned = flow.plannedCompletionTime * 1000;
  const unit = planned >= 2 * dayMs ? 'day' : 'hour';
  const inUnit = (ms: number) => round1(ms / (unit === 'day' ? dayMs : 3_600_000));

  const counted = flow.tasks.filter((task) => countsForEfficiency(efficiencyTaskOf(task), window)).map((task) => measure(task, flow, window));
  // The module counts a violation of any of the flow's tasks, a deferred one too, against the counted total.
  const lateUncounted = flow.tasks
    .filter((task) => !countsForEfficiency(efficiencyTaskOf(task), window) && violatesInWindow(efficiencyTaskOf(task), window, flow.now))
    .map((task) => measure(task, flow, window));
  const late = [...counted.filter((task) => task.late), ...lateUncounted];
  const efficiency = efficiencyOf(counted.length, late.length);
  const lateRate = (tasks: Measured[]) => (tasks.length === 0 ? 0 : tasks.filter((task) => task.late).length / tasks.length);

  const detectors = new Map<ProblemKind, Detector>();
  const inactive = new Set(flow.inactiveUserIds);

  const leftInTeam = flow.team.filter((id) => inactive.has(id));
  const onLeavers = counted.filter((task) => inactive.has(task.responsibleId));
  if (leftInTeam.length > 0 || onLeavers.some((task) => task.late)) {
    detectors.set('dismissed-in-team', {
      figures: { members: new Set([...leftInTeam, ...onLeavers.map((task) => task.responsibleId)]).size, openTasks: onLeavers.filter(isOpen).length },
      people: [...new Set([...leftInTeam, ...onLeavers.map((task) => task.responsibleId)])],
      explains: (task) => inactive.has(task.responsibleId),
      alwaysReport: true,
    });
  }

  const reviewed = counted.filter((task) => task.review !== null);
  const medianReview = median(reviewed.map((task) => task.review!));
  if (flow.taskControl && planned > 0 && medianReview !== null && medianReview >= 0.25 * planned) {
    detectors.set('review-wait', {
      figures: { medianReview: inUnit(medianReview), planned: inUnit(planned), reviewed: reviewed.length },
      people: topPeople(reviewed.filter((task) => task.late), (task) => task.createdBy),
      explains: (task) => task.review !== null && task.review >= 0.25 * planned,
    });
  }

  const weekendTasks = counted.filter((task) => task.weekendDeadline);
  if (!flow.matchWorkTime && weekendTasks.length >= Math.max(3, 0.05 * counted.length)) {
    const others = counted.filter((task) => !task.weekendDeadline);
    detectors.set('weekend-deadlines', {
      figures: { weekendDeadlines: weekendTasks.length, weekendLatePct: Math.round(100 * lateRate(weekendTasks)), otherLatePct: Math.round(100 * lateRate(others)) },
      explains: (task) => task.weekendDeadline,
    });
  }

  const handedOn = counted.filter((task) => task.assignDelay !== null);
  const medianAssignDelay = median(handedOn.map((task) => task.assignDelay!));
  if (flow.distributionType === 'manually' && planned > 0 && medianAssignDelay !== null && medianAssignDelay >= 0.25 * planned) {
    detectors.set('slow-manual-distribution', {
      figures: {
        medianAssignDelay: inUnit(medianAssignDelay),
        planned: inUnit(planned),
        undistributed: counted.filter((task) => isOpen(task) && task.assignedAt === null && task.startedAt === null).length,
      },
      people: flow.moderatorIds.length > 0 ? flow.moderatorIds : flow.ownerId === null ? [] : [flow.ownerId],
      explains: (task) => task.assignDelay !== null && task.assignDelay >= 0.33 * planned,
    });
  }

  // A moderator holding tasks not yet handed on is distributing, not overloaded.
  const distributing = new Set(flow.distributionType === 'manually' ? flow.moderatorIds : []);
  const load = teamLoad(
    counted.filter((task) => !distributing.has(task.responsibleId)),
    flow.now,
    flow.team.filter((id) => !inactive.has(id)),
  );
  const overloaded = load.assignees.filter(
    (person) =>
      !inactive.has(person.responsibleId) &&
      ((person.open >= 2 * load.medianOpen && person.open >= load.medianOpen + 3) || (person.overdue >= 2 * load.medianOverdue && person.overdue >= load.medianOverdue + 3)),
  );
  if (overloaded.length > 0 && load.assignees.length >= 2) {
    const heaviest = overloaded.reduce((top, person) => (person.open > top.open ? person : top));
    detectors.set('overloaded-assignee', {
      figures: { openTasks: heaviest.open, overdueTasks: heaviest.overdue, teamMedianOpen: round1(load.medianOpen), overloadedPeople: overloaded.length },
      people: overloaded.map((person) => person.responsibleId),
      explains: (task) => overloaded.some((person) => person.responsibleId === task.responsibleId),
    });
  }

  const spike = intakeSpike(flow);
  if (spike) {
    detectors.set('intake-spike', {
      figures: { spikeDays: spike.days.size, intakePerDay: spike.intakePerDay, completedPerDay: spike.completedPerDay, usualPerDay: spike.usualPerDay },
      explains: (task) => spike.days.has(task.createdDay),
    });
  }

  const thin = counted.filter((task) => task.thin);
  const full = counted.filter((task) => !task.thin);
  const thinLate = lateRate(thin);
  const fullLate = lateRate(full);
  if (thin.length >= 5 && thin.some((task) => task.late) && thinLate >= 1.5 * fullLate + 0.05) {
    const meanComments = (tasks: Measured[]) => (tasks.length === 0 ? 0 : round1(tasks.reduce((sum, task) => sum + task.commentsCount, 0) / tasks.length));
    detectors.set('thin-descriptions', {
      figures: {
        thinTasks: thin.length,
        thinLatePct: Math.round(100 * thinLate),
        otherLatePct: Math.round(100 * fullLate),
        lateComments: meanComments(late),
        onTimeComments: meanComments(counted.filter((task) => !task.late && !isOpen(task))),
      },
      explains: (task) => task.thin,
    });
  }

  const pickups = counted.filter((task) => task.pickup !== null);
  const medianPickup = median(pickups.map((task) => task.pickup!));
  if (planned > 0 && medianPickup !== null && medianPickup >= 0.25 * planned) {
    detectors.set('slow-pickup', {
      figures: { medianPickup: inUnit(medianPickup), planned: inUnit(planned), waitingNow: counted.filter((task) => isOpen(task) && task.startedAt === null).length },
      explains: (task) => task.pickup !== null && task.pickup >= 0.4 * planned,
    });
  }

  const leads = distribution(counted.map(leadTime).filter((value): value is number => value !== null));
  if (planned > 0 && leads.p85 !== null && leads.p85 > planned) {
    detectors.set('planned-time-too-short', {
      figures: { planned: inUnit(planned), p85Lead: inUnit(leads.p85), p50Lead: inUnit(leads.p50!), completed: leads.count },
      explains: (task) => task.work !== null && task.work >= 0.7 * planned,
    });
  }

  const postponed = counted.filter((task) => task.postponed);
  if (postponed.length >= 3 && postponed.length >= 0.2 * counted.length) {
    detectors.set('postponed-deadlines', {
      figures: { postponedTasks: postponed.length, postponedPct: percent(postponed.length, counted.length) },
      explains: (task) => task.postponed,
    });
  }

  // Each overdue task goes to the first reason that holds for it.
  const explained = new Map<ProblemKind, Measured[]>();
  for (const task of late) {
    const kind = problemKinds.find((candidate) => detectors.get(candidate)?.explains(task));
    if (kind) explained.set(kind, [...(explained.get(kind) ?? []), task]);
  }
  const lostPoints = pointsOf(explained, counted.length, 100 - efficiency);

  const problems: Omit<Finding, 'id'>[] = [];
  for (const kind of problemKinds) {
    const detector = detectors.get(kind);
    const tasks = explained.get(kind) ?? [];
    if (!detector || (tasks.length === 0 && !detector.alwaysReport)) continue;
    const points = lostPoints.get(kind) ?? 0;
    problems.push({
      kind,
      tone: 'problem',
      severity: points >= 10 ? 'high' : points >= 4 ? 'medium' : 'low',
      lostPoints: points,
      figures: { ...detector.figures, lateTasks: tasks.length },
      unit,
      people: detector.people ?? [],
      taskIds: latestIds(tasks),
    });
  }
  // Stable sort: equal points keep the order of specificity.
  problems.sort((a, b) => b.lostPoints - a.lostPoints);

  const strengths = efficiency >= 80 && counted.length > 0 ? strengthsOf({ flow, counted, planned, unit, inUnit, overloaded: overloaded.length > 0, load, medianPickup, leads, thin }) : [];
  const ordered = efficiency >= 80 ? [...strengths, ...problems] : problems;
  const findings = ordered.map((finding, index) => ({ id: `f${index + 1}`, ...finding }));
  const unexplainedPoints = 100 - efficiency - problems.reduce((sum, finding) => sum + finding.lostPoints, 0);
  return { efficiency, counted: counted.length, late: late.length, findings, unexplainedPoints: Math.max(0, unexplainedPoints), window };
}

function measure(task: AnalysedTask, flow: AnalysedFlow, window: { start: number; end: number }): Measured {
  // Work ends when the task is first handed in; review is every stint in status 4 (a task sent back
  // and handed in again waits twice, and its rework in between is work, not review).
  const firstHandIn = task.statusChanges?.find((change) => change.to === 4)?.at ?? null;
  const handedOnAt = flow.distributionType === 'manually' ? task.assignedAt : null;
  const waitFrom = handedOnAt ?? task.createdAt;
  const originalDeadline = task.deadlineChanges?.[0]?.from ?? task.deadline;
  const shift = offsetMinutes(flow.timeZoneOffset) * 60_000;
  const weekday = originalDeadline === null ? null : new Date(originalDeadline + shift).getUTCDay();
  const closedOrNow = task.closedAt ?? flow.now;
  const pickupEnd = task.startedAt ?? (isOpen(task) ? flow.now : null);
  return {
    ...task,
    late: violatesInWindow(efficiencyTaskOf(task), window, flow.now),
    assignDelay: flow.distributionType === 'manually' ? (task.assignedAt ?? task.startedAt ?? closedOrNow) - task.createdAt : null,
    pickup: task.status === 7 || pickupEnd === null ? null : Math.max(0, pickupEnd - waitFrom),
    work: task.startedAt === null ? null : Math.max(0, (firstHandIn ?? closedOrNow) - task.startedAt),
    review: firstHandIn === null ? null : (timeByStatus(task, flow.now).get(4) ?? 0),
    weekendDeadline: weekday === 0 || weekday === 6,
    thin: task.descriptionLength < thinDescriptionLength,
    postponed: (task.deadlineChanges ?? []).length > 0,
    createdDay: portalDay(task.createdAt, flow.timeZoneOffset),
  };
}

/**
 * Days on which the flow took in far more than its team can take on: the trailing week's intake
 * at least 1.5 times the usual day (the larger of the daily completions and the daily intake over
 * the days before the last three weeks), and more than the team completed on those days.
 */
function intakeSpike(flow: AnalysedFlow): { days: Set<string>; intakePerDay: number; completedPerDay: number; usualPerDay: number } | null {
  const recentFrom = flow.intake.length - 21;
  const before = flow.intake.slice(0, Math.max(0, recentFrom));
  if (before.length < 14) return null;
  const usual = before.reduce((sum, day) => sum + day.completed, 0) / before.length;
  const usualIntake = before.reduce((sum, day) => sum + day.created, 0) / before.length;
  const capacity = Math.max(usual, usualIntake);
  if (capacity * before.length < 5) return null;
  const days = new Set<string>();
  for (let index = Math.max(recentFrom, 6); index < flow.intake.length; index++) {
    const week = flow.intake.slice(index - 6, index + 1);
    if (week.reduce((sum, day) => sum + day.created, 0) / 7 >= 1.5 * capacity) {
      for (const day of week) if (flow.intake.indexOf(day) >= recentFrom) days.add(day.day);
    }
  }
  const spikeDays = flow.intake.filter((day) => days.has(day.day));
  if (spikeDays.length < 3) return null;
  const intakePerDay = spikeDays.reduce((sum, day) => sum + day.created, 0) / spikeDays.length;
  const completedPerDay = spikeDays.reduce((sum, day) => sum + day.completed, 0) / spikeDays.length;
  if (intakePerDay <= completedPerDay) return null;
  return { days, intakePerDay: round1(intakePerDay), completedPerDay: round1(completedPerDay), usualPerDay: round1(usual) };
}

/**
 * Whole points per reason (largest remainder), adding up to the explained tasks' share of the
 * window, never more than the points lost; what nothing explains is the rest.
 */
function pointsOf(explained: Map<ProblemKind, unknown[]>, counted: number, lost: number): Map<ProblemKind, number> {
  const points = new Map<ProblemKind, number>();
  if (counted === 0) return points;
  const exact = [...explained].map(([kind, tasks]) => ({ kind, value: (100 * tasks.length) / counted }));
  const target = Math.min(lost, Math.round(exact.reduce((sum, entry) => sum + entry.value, 0)));
  for (const entry of exact) points.set(entry.kind, Math.floor(entry.value));
  let missing = target - [...points.values()].reduce((sum, value) => sum + value, 0);
  for (const entry of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
    if (missing <= 0) break;
    points.set(entry.kind, points.get(entry.kind)! + 1);
    missing--;
  }
  // Floors can exceed a rounded-down total by a point: take it off the largest.
  while (missing < 0) {
    const [largest] = [...points.entries()].sort((a, b) => b[1] - a[1]);
    if (!largest || largest[1] === 0) break;
    points.set(largest[0], largest[1] - 1);
    missing++;
  }
  return points;
}

function latestIds(tasks: readonly AnalysedTask[]): number[] {
  return [...tasks]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, 10)
    .map((task) => task.id);
}

function topPeople<T>(items: readonly T[], personOf: (item: T) => number): number[] {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(personOf(item), (counts.get(personOf(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id]) => id);
}

function strengthsOf(context: {
  flow: AnalysedFlow;
  counted: Measured[];
  planned: number;
  unit: 'hour' | 'day';
  inUnit: (ms: number) => number;
  overloaded: boolean;
  load: ReturnType<typeof teamLoad>;
  medianPickup: number | null;
  leads: ReturnType<typeof distribution>;
  thin: Measured[];
}): Omit<Finding, 'id'>[] {
  const { flow, counted, planned, unit, inUnit, leads } = context;
  const strength = (kind: StrengthKind, figures: Record<string, number>): Omit<Finding, 'id'> => ({ kind, tone: 'strength', severity: 'low', lostPoints: 0, figures, unit, people: [], taskIds: [] });
  const found: Omit<Finding, 'id'>[] = [];
  const { load } = context;
  if (!context.overloaded && load.assignees.length >= 2) {
    found.push(strength('balanced-load', { maxOpen: Math.max(0, ...load.assignees.map((person) => person.open)), teamMedianOpen: round1(load.medianOpen), assignees: load.assignees.length }));
  }
  if (planned > 0 && context.medianPickup !== null && context.medianPickup < 0.25 * planned) {
    found.push(strength('quick-pickup', { medianPickup: inUnit(context.medianPickup), planned: inUnit(planned) }));
  }
  if (planned > 0 && leads.p85 !== null && leads.p85 <= planned) {
    found.push(strength('realistic-planned-time', { p85Lead: inUnit(leads.p85), planned: inUnit(planned), completed: leads.count }));
  }
  if (counted.length > 0 && context.thin.length < 0.1 * counted.length) {
    found.push(strength('complete-descriptions', { thinTasks: context.thin.length, counted: counted.length, templated: flow.templateId > 0 ? 1 : 0 }));
  }
  if (found.length === 0) {
    const onTime = counted.filter((task) => !task.late).length;
    found.push(strength('steady-delivery', { onTime, counted: counted.length }));
  }
  return found;
}
