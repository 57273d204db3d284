import { z } from 'zod';
import { formatPortalDate } from '@/lib/bitrix24/portal-dates';
import { dayMs, hourMs } from '@/lib/time/durations';
import type { PortalState, StoredTask } from './portal-state';

/** How far the demo moves on, and the flow that works well meanwhile (docs/demo-company-format.md, "Moving the demo on"). */
export const moveOnSchema = z.object({ days: z.number().int().min(1).max(28), flowId: z.number().int().positive() });
export type MoveOn = z.infer<typeof moveOnSchema>;
export type MovedOn = { days: number; reassigned: number; added: number; closed: number };

/** The longest the demo moves on at once: the efficiency window is 30 days. */
export const maxMoveOnDays = 28;

const openStatuses = new Set(['1', '2', '3', '4']);

/**
 * Lets `days` pass in the demo portal: every date of the company moves that far into the past, and
 * the days between are replayed with the chosen flow working as a lead would like it to after
 * advice: the busiest assignee's open tasks are spread over the rest of the team at once, new
 * tasks arrive at the flow's pace of the month before and go round the whole team, and each task
 * is taken within two hours and finished within half its planned time (handed in for review first
 * where the flow checks results). Other flows keep their tasks as they were, only older.
 */
export function moveOn(state: PortalState, change: MoveOn): MovedOn {
  const flow = state.flows.get(change.flowId);
  if (!flow) throw new Error(`The demo company has no flow ${change.flowId}.`);
  if (!Number.isInteger(change.days) || change.days < 1 || change.days > maxMoveOnDays)
    throw new Error(`Move the demo on by 1 to ${maxMoveOnDays} days.`);
  const end = state.clock();
  const start = end - change.days * dayMs;
  state.rebase(-change.days * dayMs);

  const flowTasks = () => state.tasks.filter((stored) => stored.record.flowId === String(flow.id));
  const team = state.peopleOf(flow.team).filter((id) => state.users.get(id)?.ACTIVE !== false);
  const owner = flow.ownerId;
  const result: MovedOn = { days: change.days, reassigned: 0, added: 0, closed: 0 };
  if (team.length === 0) return result;

  // The busiest assignee hands their open tasks to the others, in turn.
  const open = flowTasks().filter((stored) => openStatuses.has(stored.record.status));
  const load = new Map<number, number>();
  for (const stored of open)
    load.set(Number(stored.record.responsibleId), (load.get(Number(stored.record.responsibleId)) ?? 0) + 1);
  const busiest = [...load].sort((a, b) => b[1] - a[1])[0]?.[0];
  const others = team.filter((id) => id !== busiest);
  state.atClock(start + hourMs, () => {
    open
      .filter((stored) => Number(stored.record.responsibleId) === busiest && others.length > 0)
      .forEach((stored, index) => {
        state.updateTask(Number(stored.record.id), owner, { responsibleId: others[index % others.length]! });
        result.reassigned++;
      });
  });

  // The flow's pace of the month before, spread evenly over the days moved on.
  const monthBefore = flowTasks().filter(
    (stored) => stored.createdAt > start - 30 * dayMs && stored.createdAt <= start,
  );
  const arrivals = Math.round((monthBefore.length / 30) * change.days);
  const planned = flow.plannedCompletionTime * 1000;
  const creator = Number(monthBefore[0]?.record.createdBy ?? owner);
  type Step = { at: number; run: () => void };
  const steps: Step[] = [];
  const finish = (stored: StoredTask, from: number) => {
    const deadline = stored.deadlineAt ?? from + planned;
    const done = Math.min(Math.max(from + 2 * hourMs, deadline - hourMs), from + Math.max(planned / 2, 3 * hourMs));
    const id = Number(stored.record.id);
    const assignee = () => Number(state.task(id)!.record.responsibleId);
    if (state.task(id)!.record.status !== '3')
      steps.push({ at: from + hourMs, run: () => void state.updateTask(id, assignee(), { status: '3' }) });
    const close = (by: () => number) => () => {
      state.updateTask(id, by(), { status: '5' });
      result.closed++;
    };
    if (flow.taskControl) {
      steps.push({ at: done - hourMs, run: () => void state.updateTask(id, assignee(), { status: '4' }) });
      steps.push({ at: done, run: close(() => owner) });
    } else steps.push({ at: done, run: close(assignee) });
  };
  // Work already in the flow is taken and finished from the first day on.
  open.forEach((stored, index) =>
    finish(stored, start + 2 * hourMs + index * ((dayMs / Math.max(1, open.length)) | 0)),
  );
  for (let index = 0; index < arrivals; index++) {
    const createdAt = start + Math.floor(((index + 0.5) * (end - start)) / arrivals);
    steps.push({
      at: createdAt,
      run: () => {
        const stored = state.addTask({
          title: `${flow.name}: ${formatPortalDate(createdAt, state.offset).slice(0, 10)} #${index + 1}`,
          description: 'A task of the days the demo moved on.',
          createdBy: creator,
          responsibleId: team[index % team.length]!,
          flow,
          deadline: state.flowDeadlineFor(flow, createdAt),
          priority: '1',
          groupId: flow.groupId,
        });
        result.added++;
        finish(stored, createdAt);
        steps.sort((a, b) => a.at - b.at);
      },
    });
  }
  steps.sort((a, b) => a.at - b.at);
  // Steps may add later steps (a new task's work), so the queue is read as it grows.
  while (steps.length > 0 && steps[0]!.at <= end) {
    const step = steps.shift()!;
    state.atClock(step.at, step.run);
  }
  return result;
}
