import { DAY, HOUR, MINUTE } from './portal-time';
import type { SimulatedTask } from './simulated-task';
import { later, within, type FlowSimulation } from './task-steps';

/** Queue tasks handed to a colleague soon after creation (vacation, sick leave). */
const COVER_SHARE = 0.02;

export type Assignment = { assignee: number; assignedAt: number };

/**
 * Decides who works on the task and from when, as the flow's distribution type does it: a queue
 * gives tasks round robin (an overloaded flow then redirects many to one person, and now and
 * then a colleague covers); a manual flow gives every task to the moderator, who hands it on;
 * a self-assignment flow leaves it with its creator until a team member takes it (when it
 * starts, see the lifecycle). Sets the task's creator and first responsible, and records the
 * hand-overs.
 */
export function assignTask(flow: FlowSimulation, task: SimulatedTask, selfAssigned: boolean): Assignment {
  const { plan, profile, random } = flow;
  const distribution = plan.archetype.distributionType;
  const overload = profile.overload;
  const stars = plan.overloadedAssigneeIds;
  const firstAssignee =
    distribution === 'queue'
      ? (plan.team[flow.queueTurn++ % plan.team.length] ?? plan.ownerId)
      : random.pick(plan.team);
  let assignee = firstAssignee;
  let assignedAt = task.createdAt;
  if (
    overload &&
    stars.length > 0 &&
    task.createdAt >= flow.asOf - overload.sinceDays * DAY &&
    !stars.includes(assignee) &&
    !selfAssigned
  ) {
    // Round robin already gives them k/n of the tasks; this share of the rest is redirected to
    // them (a second person adds a quarter of the tasks to the share).
    const ownShare = stars.length / plan.team.length;
    const share = Math.min(0.8, overload.share + 0.25 * (stars.length - 1));
    const redirect = (share - ownShare) / (1 - ownShare);
    if (random.chance(redirect)) {
      const star = stars.length === 1 ? (stars[0] ?? assignee) : random.pick(stars);
      if (distribution === 'queue') {
        assignedAt = task.createdAt + random.int(5 * MINUTE, 2 * HOUR);
        task.events.push({ kind: 'responsible', at: assignedAt, by: assignee, from: assignee, to: star });
      }
      assignee = star;
    }
  }
  task.createdBy = selfAssigned ? assignee : pickRequester(flow, task.createdAt, assignee);
  task.responsibleAtCreation =
    distribution === 'manually'
      ? (plan.moderatorId ?? assignee)
      : distribution === 'himself'
        ? task.createdBy
        : firstAssignee;

  if (
    distribution === 'queue' &&
    !selfAssigned &&
    !stars.includes(assignee) &&
    plan.team.length > 1 &&
    random.chance(COVER_SHARE)
  ) {
    const colleague = random.pick(plan.team.filter((member) => member !== assignee));
    assignedAt = later(flow, task.createdAt, within(random, [0.01, 0.05]));
    task.events.push({ kind: 'responsible', at: assignedAt, by: plan.ownerId, from: assignee, to: colleague });
    assignee = colleague;
  } else if (distribution === 'manually') {
    assignedAt = later(flow, task.createdAt, within(random, profile.assignDelay));
    task.events.push({
      kind: 'responsible',
      at: assignedAt,
      by: task.responsibleAtCreation,
      from: task.responsibleAtCreation,
      to: assignee,
    });
  }
  return { assignee, assignedAt };
}

/** Of a flow with a busy reviewer, the share of tasks that person sets. */
const busyReviewerTasks = 0.65;

/** Someone allowed to add tasks, still employed at `at`, and not `exclude` (the assignee); a busy reviewer most often. */
export function pickRequester(flow: FlowSimulation, at: number, exclude: number): number {
  const busy = flow.plan.busyReviewerId;
  if (busy !== null && busy !== exclude && flow.random.chance(busyReviewerTasks)) return busy;
  for (let attempt = 0; attempt < 20; attempt++) {
    const person = flow.random.pick(flow.plan.requesters);
    if (person.id !== exclude && (person.active || (person.dismissedAt ?? 0) > at)) return person.id;
  }
  return flow.fallbackRequester;
}
