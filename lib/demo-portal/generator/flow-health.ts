import { efficiencyWindow, flowEfficiency, type EfficiencyTask } from '@/lib/metrics/flow-efficiency';
import type { PortalClock } from './portal-time';
import { replayTask, type SimulatedTask } from './simulated-task';

export type FlowHealth = { efficiency: number; lastChangeAt: number | null };

/**
 * The portal's efficiency of a flow at asOf, from its tasks as the simulation left them, and
 * when its last task changed. Tasks closed before the 30-day window cannot count (their close
 * repaired any violation before it), so they are not kept: a big flow is measured without
 * holding all its tasks.
 */
export function measureFlowHealth(tasks: Iterable<SimulatedTask>, asOf: number, clock: PortalClock): FlowHealth {
  const windowStart = efficiencyWindow(asOf * 1000, clock.offsetText).start;
  const counted: EfficiencyTask[] = [];
  let lastChangeAt: number | null = null;
  for (const task of tasks) {
    const state = replayTask(task);
    lastChangeAt = Math.max(lastChangeAt ?? state.changedAt, state.changedAt);
    if (state.closedDate !== null && state.closedDate * 1000 < windowStart) continue;
    counted.push({
      createdBy: String(task.createdBy),
      responsibleId: String(state.responsibleId),
      status: state.status,
      createdDate: task.createdAt * 1000,
      closedDate: state.closedDate === null ? null : state.closedDate * 1000,
      deadline: state.deadline * 1000,
      deadlineChanges: task.events.flatMap((event) =>
        event.kind === 'deadline' ? [{ from: event.from * 1000, changedAt: event.at * 1000 }] : [],
      ),
      statusChanges: task.events.flatMap((event) =>
        event.kind === 'status' ? [{ from: String(event.from), changedAt: event.at * 1000 }] : [],
      ),
      responsibleChanges: task.events.flatMap((event) =>
        event.kind === 'responsible' ? [{ from: String(event.from), changedAt: event.at * 1000 }] : [],
      ),
    });
  }
  return { efficiency: flowEfficiency(counted, asOf * 1000, clock.offsetText).efficiency, lastChangeAt };
}
