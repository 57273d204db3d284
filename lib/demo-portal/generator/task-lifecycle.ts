import type { FlowPlan } from './flow-plans';
import { workCalendarOf } from '@/lib/bitrix24/api/calendar-settings';
import { flowDeadline } from '@/lib/bitrix24/flow-deadline';
import { documentedCalendarSettings } from '../company';
import { causeProfiles } from './cause-profiles';
import { DAY, HOUR, type PortalClock } from './portal-time';
import type { Random } from './random';
import type { SimulatedTask } from './simulated-task';
import { assignTask, pickRequester, type Assignment } from './task-assignment';
import { finished, later, spread, step, within, type FlowSimulation } from './task-steps';

/** The calendar a generated company's portal serves: it writes none of its own. */
const companyCalendar = workCalendarOf(documentedCalendarSettings);
/** Tasks whose creator is also the assignee (the portal leaves them out of efficiency). */
const SELF_ASSIGNED_SHARE = 0.03;
const DECLINE_SHARE = 0.004;
const DEFER_SHARE = 0.012;
/** Of deferred tasks, those taken up again (with the deadline moved by the pause). */
const RESUME_SHARE = 0.5;

export type FlowTimeline = {
  plan: FlowPlan;
  /** Ascending creation times and the ids that go with them. */
  createdAt: Float64Array;
  ids: Float64Array;
  random: Random;
  clock: PortalClock;
  asOf: number;
};

/**
 * The flow's tasks in creation order, each with what happened to it up to asOf: assigned as the
 * distribution type says, taken into work, worked on, reviewed when the flow has task control,
 * closed, with deadlines moved now and then. The flow's cause profile sets how long each step
 * takes; that is where each flow's health comes from.
 */
export function* simulateFlowTasks(timeline: FlowTimeline): Generator<SimulatedTask> {
  const { plan } = timeline;
  const flow: FlowSimulation = {
    plan,
    profile: plan.profile,
    random: timeline.random,
    clock: timeline.clock,
    asOf: timeline.asOf,
    queueTurn: 0,
    fallbackRequester:
      plan.requesters.find((person) => person.active && !plan.team.includes(person.id))?.id ?? plan.ownerId,
  };
  for (let i = 0; i < timeline.createdAt.length; i++) {
    yield simulateTask(flow, i, timeline.createdAt[i] ?? 0, timeline.ids[i] ?? 0);
  }
}

function simulateTask(flow: FlowSimulation, index: number, createdAt: number, id: number): SimulatedTask {
  const { plan, profile, random, clock, asOf } = flow;
  const task: SimulatedTask = {
    id,
    createdAt,
    createdBy: plan.ownerId,
    responsibleAtCreation: plan.ownerId,
    statusAtCreation: '2',
    // As Bitrix24 sets it, with the calendar the demo portal serves (docs/bitrix24.md, "A flow task's deadline").
    deadlineAtCreation:
      flowDeadline(
        createdAt * 1000,
        plan.plannedSeconds,
        plan.matchWorkTime,
        companyCalendar,
        clock.offsetSeconds / 60,
      ) / 1000,
    events: [],
    thinDescription: random.chance(plan.templateId > 0 ? 0 : profile.thinShare),
  };
  const selfAssigned = random.chance(SELF_ASSIGNED_SHARE);

  // A forgotten task from the old interface, never handed on (the first one always, so it exists).
  if (
    profile.legacyNewShare > 0 &&
    createdAt < asOf - 30 * DAY &&
    (index === 0 || random.chance(profile.legacyNewShare))
  ) {
    task.responsibleAtCreation = plan.moderatorId ?? plan.ownerId;
    task.createdBy = pickRequester(flow, createdAt, task.responsibleAtCreation);
    task.statusAtCreation = '1';
    return task;
  }

  const assignment = assignTask(flow, task, selfAssigned);
  if (plan.archetype.distributionType !== 'himself' && random.chance(DECLINE_SHARE)) {
    task.events.push({
      kind: 'status',
      at: later(flow, assignment.assignedAt, within(random, [0.02, 0.2])),
      by: assignment.assignee,
      from: '2',
      to: '7',
    });
    return finished(task, asOf);
  }
  const startAt = takeIntoWork(flow, task, assignment);
  const outcome = workOn(flow, task, assignment.assignee, startAt);
  if (outcome) moveLateDeadline(flow, task, assignment.assignee, startAt, outcome);
  return finished(task, asOf);
}

/** Waits for the assignee to take the task: the usual pickup, questions about a thin task, and
 *  any backlog ahead of it (an overloaded person's, or a swamped team's). */
function takeIntoWork(flow: FlowSimulation, task: SimulatedTask, { assignee, assignedAt }: Assignment): number {
  const { plan, profile, random, asOf } = flow;
  let waitSeconds =
    (within(random, profile.pickup) + (task.thinDescription ? within(random, profile.thinClarification) : 0)) *
    plan.plannedSeconds;
  if (profile.overload && plan.overloadedAssigneeIds.includes(assignee))
    waitSeconds += profile.overload.growth * Math.max(0, task.createdAt - (asOf - profile.overload.sinceDays * DAY));
  if (profile.spike)
    waitSeconds += profile.spike.growth * Math.max(0, task.createdAt - (asOf - profile.spike.sinceDays * DAY));
  const startAt = step(flow, assignedAt, waitSeconds);
  // Taking a self-assignment task makes the taker its assignee.
  if (plan.archetype.distributionType === 'himself' && task.createdBy !== assignee)
    task.events.push({ kind: 'responsible', at: startAt, by: assignee, from: task.createdBy, to: assignee });
  task.events.push({ kind: 'status', at: startAt, by: assignee, from: '2', to: '3' });
  return startAt;
}

/** How a worked task ended: when it closed, and its deadline then (set at `deadlineSetAt`). */
type Outcome = { closedAt: number; deadline: number; deadlineSetAt: number };

/** Works the task to completion (through review with task control), or null when it stays deferred. */
function workOn(flow: FlowSimulation, task: SimulatedTask, assignee: number, startAt: number): Outcome | null {
  const { plan, profile, random } = flow;
  let workFraction = random.chance(profile.lateTail) ? random.between(0.9, 1.5) : spread(random, profile.work);
  if (task.thinDescription) workFraction *= profile.thinWorkFactor;
  if (
    profile.overload &&
    plan.overloadedAssigneeIds.includes(assignee) &&
    task.createdAt >= flow.asOf - profile.overload.sinceDays * DAY
  )
    workFraction *= profile.overload.workFactor;
  let deadline = task.deadlineAtCreation;
  let deadlineSetAt = task.createdAt;
  let workFrom = startAt;
  if (random.chance(DEFER_SHARE)) {
    const doneShare = random.between(0.1, 0.5);
    const deferAt = later(flow, startAt, workFraction * doneShare);
    task.events.push({ kind: 'status', at: deferAt, by: assignee, from: '3', to: '6' });
    if (!random.chance(RESUME_SHARE)) return null;
    // Put off for a few days by agreement: the creator moves the deadline by the pause.
    const resumeAt = step(flow, deferAt, random.int(1, 5) * DAY);
    task.events.push({
      kind: 'deadline',
      at: deferAt,
      by: task.createdBy,
      from: deadline,
      to: deadline + (resumeAt - deferAt),
    });
    task.events.push({ kind: 'status', at: resumeAt, by: assignee, from: '6', to: '3' });
    deadline += resumeAt - deferAt;
    deadlineSetAt = deferAt;
    workFrom = resumeAt;
    workFraction *= 1 - doneShare;
  }
  const doneAt = later(flow, workFrom, workFraction);
  // With task control the creator reviews; a creator who is the assignee closes it himself.
  if (!plan.taskControl || task.createdBy === assignee) {
    task.events.push({ kind: 'status', at: doneAt, by: assignee, from: '3', to: '5' });
    return { closedAt: doneAt, deadline, deadlineSetAt };
  }
  task.events.push({ kind: 'status', at: doneAt, by: assignee, from: '3', to: '4' });
  // With a busy reviewer, only their reviews wait; the others review as a healthy flow does.
  const reviewer =
    plan.busyReviewerId === null || task.createdBy === plan.busyReviewerId ? profile : causeProfiles.healthy;
  let closedAt = later(flow, doneAt, spread(random, reviewer.review));
  if (random.chance(reviewer.returnShare)) {
    task.events.push({ kind: 'status', at: closedAt, by: task.createdBy, from: '4', to: '3' });
    const redoneAt = later(flow, closedAt, random.between(0.05, 0.2));
    task.events.push({ kind: 'status', at: redoneAt, by: assignee, from: '3', to: '4' });
    closedAt = later(flow, redoneAt, spread(random, reviewer.review) / 2);
  }
  task.events.push({ kind: 'status', at: closedAt, by: task.createdBy, from: '4', to: '5' });
  return { closedAt, deadline, deadlineSetAt };
}

/** A task heading past its deadline sometimes gets it moved: in time (no overrun on record), or
 *  after it passed (the overrun still counts against the flow). Never before the deadline it
 *  replaces was set, so the DEADLINE rows chain. */
function moveLateDeadline(
  flow: FlowSimulation,
  task: SimulatedTask,
  assignee: number,
  startAt: number,
  { closedAt, deadline, deadlineSetAt }: Outcome,
): void {
  if (closedAt <= deadline) return;
  const { plan, profile, random } = flow;
  const planned = plan.plannedSeconds;
  const mover = plan.allowChangeDeadline ? assignee : task.createdBy;
  const warnedAt = Math.round(deadline - random.between(HOUR, Math.max(HOUR, 0.2 * planned)));
  if (warnedAt > Math.max(startAt, deadlineSetAt) && random.chance(profile.postponeBeforeDue)) {
    task.events.push({
      kind: 'deadline',
      at: warnedAt,
      by: mover,
      from: deadline,
      to: Math.round(closedAt + random.between(0.1, 0.4) * planned),
    });
  } else if (random.chance(profile.postponeAfterOverrun)) {
    const movedAt = Math.round(deadline + random.between(0.1, 0.6) * planned);
    if (movedAt > deadlineSetAt && movedAt < closedAt)
      task.events.push({
        kind: 'deadline',
        at: movedAt,
        by: mover,
        from: deadline,
        to: Math.round(closedAt + random.between(0.05, 0.3) * planned),
      });
  }
}
