import { teamLoad } from '@/lib/metrics/assignee-load';
import { countsForEfficiency, efficiencyOf, efficiencyTaskOf, efficiencyWindow } from '@/lib/metrics/flow-efficiency';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import { distribution } from '@/lib/metrics/percentiles';
import { dayMs, hourMs } from '@/lib/time/durations';
import type { AnalysedFlow, AnalysedTask } from './analysed-flow';
import { medianPickup, round1, type DetectorContext } from './detector';
import { detectors } from './detectors';
import { overloadedPeople } from './detectors/overloaded-assignee';
import { problemKinds, type Finding, type ProblemKind } from './finding';
import { measureTask, type MeasuredTask } from './measured-task';
import { strengthsOf } from './strengths';

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

/** Lost points from which a problem is of high severity. */
const highSeverityPoints = 10;
/** Lost points from which a problem is of medium severity; below, low. */
const mediumSeverityPoints = 4;
/** A problem with fewer lost points than this and fewer late tasks than minCauseTasks is not shown as a cause. */
export const minCausePoints = 2;
export const minCauseTasks = 3;
/** A finding names at most this many of its tasks, the newest first. */
const maxTaskIds = 10;

/**
 * The findings engine: why a flow's efficiency is what it is. Every overdue task of the window
 * is put down, by evidence, to the reason that holds for the flow as a whole and accounts for
 * most of that task's lost time (its wait to be handed on or taken, its work or review beyond
 * their share of the plan, the days off it ran into, …; see each detector's `evidence`). On a
 * tie the more specific reason wins (the order of problemKinds, from an assignee who left to
 * postponed deadlines). A finding's lost points are its tasks' share
 * of the window (each overdue task costs 100 / counted points), so the breakdown adds up to the
 * points the flow lost. Each reason is a detector of its own (detectors/, in the order of
 * problemKinds). With efficiency at the 80 % line or more, what the team does well comes first.
 */
export function flowFindings(flow: AnalysedFlow): FlowFindings {
  const window = efficiencyWindow(flow.now, flow.timeZoneOffset);
  const planned = flow.plannedCompletionTime * 1000;
  const unit = planned >= 2 * dayMs ? 'day' : 'hour';
  const inUnit = (ms: number) => round1(ms / (unit === 'day' ? dayMs : hourMs));

  // Every task measured once (its `late` is the efficiency rule's violation in the window). The
  // module counts a violation of any of the flow's tasks, a deferred one too, against the counted total.
  const measured = flow.tasks.map((task) => ({
    task: measureTask(task, flow, window),
    counts: countsForEfficiency(efficiencyTaskOf(task), window),
  }));
  const counted = measured.filter((entry) => entry.counts).map((entry) => entry.task);
  const lateUncounted = measured.filter((entry) => !entry.counts && entry.task.late).map((entry) => entry.task);
  const late = [...counted.filter((task) => task.late), ...lateUncounted];
  const efficiency = efficiencyOf(counted.length, late.length);

  const inactive = new Set(flow.inactiveUserIds);
  // A moderator holding tasks not yet handed on is distributing, not overloaded.
  const distributing = new Set(flow.distributionType === 'manually' ? flow.moderatorIds : []);
  const load = teamLoad(
    counted.filter((task) => !distributing.has(task.responsibleId)),
    flow.now,
    flow.team.filter((id) => !inactive.has(id)),
  );
  const shared = {
    flow,
    counted,
    late,
    planned,
    inUnit,
    inactive,
    load,
    medianPickup: medianPickup(counted),
    leads: distribution(counted.map((task) => task.lead).filter((value): value is number => value !== null)),
    thin: counted.filter((task) => task.thin),
    postponed: counted.filter((task) => task.postponed),
  };
  const context: DetectorContext = { ...shared, overloaded: overloadedPeople(shared) };
  const detections = new Map(
    problemKinds.flatMap((kind) => {
      const detection = detectors[kind].detect(context);
      return detection ? [[kind, detection] as const] : [];
    }),
  );

  // Each overdue task goes to the reason with the most evidence; ties keep the order of specificity.
  const explained = new Map<ProblemKind, MeasuredTask[]>();
  for (const task of late) {
    let best: { kind: ProblemKind; evidence: number } | null = null;
    for (const [kind, detection] of detections) {
      const evidence = detection.evidence(task);
      if (evidence > 0 && (best === null || evidence > best.evidence)) best = { kind, evidence };
    }
    if (best) explained.set(best.kind, [...(explained.get(best.kind) ?? []), task]);
  }
  const lostPoints = pointsOf(explained, counted.length, 100 - efficiency);

  const problems: Omit<Finding, 'id'>[] = [];
  for (const kind of problemKinds) {
    const detection = detections.get(kind);
    const tasks = explained.get(kind) ?? [];
    if (!detection || (tasks.length === 0 && !detection.alwaysReport)) continue;
    const points = lostPoints.get(kind) ?? 0;
    // Too little to be a cause: CoPilot says less, not more; its tasks count as unexplained.
    if (!detection.alwaysReport && points < minCausePoints && tasks.length < minCauseTasks) continue;
    problems.push({
      kind,
      tone: 'problem',
      severity: points >= highSeverityPoints ? 'high' : points >= mediumSeverityPoints ? 'medium' : 'low',
      lostPoints: points,
      // Its share of all the window's late tasks: "of 23 late tasks, 17 lost the most time here".
      figures: { ...detection.figures, lateTasks: tasks.length, lateTotal: late.length },
      unit,
      people: detection.people ?? [],
      taskIds: latestIds(tasks),
    });
  }
  // Stable sort: equal points keep the order of specificity.
  problems.sort((a, b) => b.lostPoints - a.lostPoints);

  const healthy = efficiency >= efficiencyLine;
  const strengths = healthy && counted.length > 0 ? strengthsOf(context, unit) : [];
  const ordered = healthy ? [...strengths, ...problems] : problems;
  const findings = ordered.map((finding, index) => ({ id: `f${index + 1}`, ...finding }));
  const unexplainedPoints = 100 - efficiency - problems.reduce((sum, finding) => sum + finding.lostPoints, 0);
  return {
    efficiency,
    counted: counted.length,
    late: late.length,
    findings,
    unexplainedPoints: Math.max(0, unexplainedPoints),
    window,
  };
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
    .slice(0, maxTaskIds)
    .map((task) => task.id);
}
