import type { CompanyHeader, PortalFlow } from '../company';
import type { CompanyLine } from '../company-file';
import { creationTimes } from './arrivals';
import type { CauseMix, CompanyKind } from './cause-mix';
import { companyIdentities } from './company-identities';
import type { FlowCause } from './flow-causes';
import { measureFlowHealth } from './flow-health';
import { planFlows, type FlowPlan } from './flow-plans';
import { flowRecord } from './flow-record';
import { departmentRecords, hireStaff, userRecord } from './people';
import { formatPortalDate, offsetOf, parsePortalDate, portalClock, type PortalClock } from './portal-time';
import { createRandom } from './random';
import type { SimulatedTask } from './simulated-task';
import { assignTaskIds } from './task-ids';
import { simulateFlowTasks } from './task-lifecycle';
import { historyRows, taskRecord } from './task-records';

export const DEFAULT_AS_OF = '2026-06-01T12:00:00+03:00';
export const DEFAULT_TASK_COUNT = 6000;
export const MIN_TASK_COUNT = 50;
export const MAX_TASK_COUNT = 5_000_000;
const MIN_EMPLOYEES = 40;
const MAX_EMPLOYEES = 200;

/** `kind`: clean (each failing flow has one cause, the default) or messy (mixed causes and noise). */
export type CompanyOptions = { seed: number; tasks: number; asOf?: string; kind?: CompanyKind };

export type GeneratedCompany = {
  header: CompanyHeader;
  flows: PortalFlow[];
  /** Flow id → why the flow has the efficiency it has (what diagnostics should find). */
  flowCauses: ReadonlyMap<number, FlowCause>;
  /** Flow id → its mix of causes, in a messy company. */
  flowMixes: ReadonlyMap<number, CauseMix>;
  employeeCount: number;
  deletedTaskIds: number;
  /** Every record after the header, generated as it is read: departments, users, flows, then
   *  tasks in id order, each followed by its history rows. */
  lines(): Generator<CompanyLine>;
};

/**
 * A whole demo company from a seed. The same seed, task count and asOf give the same company,
 * line for line. Tasks are simulated twice, from the same random streams: once to learn each
 * flow's efficiency (the flow records come first in the file), once while writing.
 */
export function generateCompany(options: CompanyOptions): GeneratedCompany {
  const { seed, tasks } = options;
  if (!Number.isInteger(tasks) || tasks < MIN_TASK_COUNT || tasks > MAX_TASK_COUNT)
    throw new Error(`tasks must be a whole number from ${MIN_TASK_COUNT} to ${MAX_TASK_COUNT}`);
  const asOfText = options.asOf ?? DEFAULT_AS_OF;
  const clock = portalClock(offsetOf(asOfText));
  const asOf = parsePortalDate(asOfText);

  const identity = createRandom(seed, 'identity').pick(companyIdentities);
  const staffRandom = createRandom(seed, 'staff');
  const employeeCount = staffSize(tasks, staffRandom.int(-3, 3));
  const staff = hireStaff(staffRandom, employeeCount, identity, asOf, clock);
  const kind = options.kind ?? 'clean';
  const plans = planFlows(createRandom(seed, 'flows'), staff, tasks, asOf, clock, kind, createRandom(seed, 'mess'));
  const times = plans.map((plan) => creationTimes(plan, createRandom(seed, 'intake', plan.id), clock));
  const { ids, deleted } = assignTaskIds(times, createRandom(seed, 'task-ids'));
  // Each flow's tasks come from their own random stream, so both passes see the same tasks.
  const simulate = (index: number): Generator<SimulatedTask> => {
    const plan = plans[index] ?? missing('flow', index);
    const createdAt = times[index] ?? missing('creation times', index);
    return simulateFlowTasks({
      plan,
      createdAt,
      ids: ids[index] ?? missing('task ids', index),
      random: createRandom(seed, 'lifecycle', plan.id),
      clock,
      asOf,
    });
  };

  const recordRandom = createRandom(seed, 'flow-records');
  const flows = plans.map((plan, index) => {
    const health = measureFlowHealth(simulate(index), asOf, clock);
    const lastActivity = Math.max(health.lastChangeAt ?? plan.start, plan.active ? plan.start : plan.end);
    return flowRecord(plan, health.efficiency, lastActivity, staff, recordRandom, clock);
  });

  const header: CompanyHeader = {
    format: 'flowpilot-demo-company',
    version: 1,
    memberId: memberIdOf(seed),
    domain: identity.portalDomain,
    timeZoneOffset: clock.offsetText,
    asOf: formatPortalDate(asOf, clock),
    seed,
  };

  function* lines(): Generator<CompanyLine> {
    for (const department of departmentRecords(identity, staff)) yield { department };
    for (const employee of staff.employees) yield { user: userRecord(employee, clock) };
    for (const flow of flows) yield { flow };
    yield* taskLines(plans, simulate, seed, clock);
  }

  return {
    header,
    flows,
    flowCauses: new Map(plans.map((plan) => [plan.id, plan.cause])),
    flowMixes: new Map(plans.flatMap((plan) => (plan.mix ? [[plan.id, plan.mix] as const] : []))),
    employeeCount,
    deletedTaskIds: deleted,
    lines,
  };
}

/** Bigger task volumes come from bigger companies: 40 people for a few hundred tasks, ~180 for a million. */
export function staffSize(tasks: number, jitter: number): number {
  return Math.min(
    MAX_EMPLOYEES,
    Math.max(MIN_EMPLOYEES, Math.round(MIN_EMPLOYEES + 13 * Math.log2(1 + tasks / 500)) + jitter),
  );
}

/** Merges the flows' task streams into id order; each task is followed by its history. */
function* taskLines(
  plans: FlowPlan[],
  simulate: (index: number) => Generator<SimulatedTask>,
  seed: number,
  clock: PortalClock,
): Generator<CompanyLine> {
  const cursors = plans.map((plan, index) => {
    const stream = simulate(index);
    return { plan, stream, head: stream.next(), texts: createRandom(seed, 'texts', plan.id) };
  });
  let historyId = 1;
  for (;;) {
    let next: (typeof cursors)[number] | undefined;
    for (const cursor of cursors) {
      if (!cursor.head.done && (next === undefined || next.head.done || cursor.head.value.id < next.head.value.id))
        next = cursor;
    }
    if (next === undefined || next.head.done) return;
    const task = next.head.value;
    yield { task: taskRecord(task, next.plan, next.texts, clock) };
    for (const history of historyRows(task, historyId, clock)) yield { history };
    historyId += task.events.length + 1;
    next.head = next.stream.next();
  }
}

function missing(what: string, index: number): never {
  throw new Error(`No ${what} for flow #${index}`);
}

/** A portal's member id: 32 hex digits, fixed by the seed. */
function memberIdOf(seed: number): string {
  const random = createRandom(seed, 'member-id');
  let hex = '';
  for (let i = 0; i < 4; i++)
    hex += Math.floor(random.next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return hex;
}
