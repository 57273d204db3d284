// The replay the backtests share: a generated company's history, read at past moments as if only
// what was known then existed. Each bench asks its question at a moment every week and compares
// the answer with what happened afterwards.
import { parseArgs } from 'node:util';
import { workCalendarOf } from '@/lib/bitrix24/api/calendar-settings';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { historyRowSchema, portalTaskSchema } from '@/lib/bitrix24/schemas';
import { companyFromLines } from '@/lib/demo-portal/company-file';
import {
  documentedCalendarSettings,
  type HistoryRow,
  type PortalFlow,
  type PortalTask,
} from '@/lib/demo-portal/company';
import type { FlowCause } from '@/lib/demo-portal/generator/flow-causes';
import { generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { openTaskRisk, stageDurations, type StageDurations } from '@/lib/metrics/deadline-risk';
import type { ForecastTask } from '@/lib/metrics/efficiency-forecast';
import { efficiencyTaskOf } from '@/lib/metrics/flow-efficiency';
import type { MetricTask } from '@/lib/metrics/metric-task';
import { metricTaskFromMirror } from '@/lib/metrics/mirrored-metric-task';
import { riskLearningDays } from '@/lib/metrics/open-task-risks';
import { taskAsOf } from '@/lib/metrics/task-as-of';
import { historyChanges } from '@/lib/sync/task-histories';
import { mirroredTask } from '@/lib/sync/mirrored-task';
import { dayMs } from '@/lib/time/durations';
import { isDayOff, workingDaysTime, type WorkCalendar } from '@/lib/time/work-calendar';
import { log } from './log';

/** A flow task's moments, as the deadline risk reads them. */
export type Timeline = {
  id: number;
  flowId: number;
  createdAt: number;
  startedAt: number | null;
  handedInAt: number | null;
  closedAt: number | null;
  /** [from moment, deadline] in time order: the deadline in force from each moment on. */
  deadlines: [number, number | null][];
};

export type CompanyReplay = {
  seed: number;
  taskCount: number;
  asOf: number;
  timeZoneOffset: string;
  calendar: WorkCalendar;
  /** The flows as the portal serves them, and why each has its efficiency. */
  flows: PortalFlow[];
  causes: ReadonlyMap<number, FlowCause>;
  /** Each flow's tasks by Bitrix24 flow id. */
  byFlow: Map<number, { timelines: Timeline[]; portalTasks: PortalTask[] }>;
  historyOf: (taskId: string) => HistoryRow[];
  /** Time as the flow's plan counts it: working days only where it matches work time. */
  span: (flowId: number, from: number, to: number) => number;
  /** Whether the portal day starting at `dayStart` counts for the flow: any day, or a working day where it matches work time. */
  countsDay: (flowId: number, dayStart: number) => boolean;
};

/** `-- --seed N --tasks M` (seed 1, 20,000 tasks by default), generated and read as the portal serves it. */
export function replayCompanyFromArgs(): CompanyReplay {
  const { values: args } = parseArgs({ options: { seed: { type: 'string' }, tasks: { type: 'string' } } });
  const seed = Number(args.seed ?? 1);
  const taskCount = Number(args.tasks ?? 20_000);
  if (!Number.isInteger(seed) || !Number.isInteger(taskCount) || taskCount < 50)
    throw new Error('--seed and --tasks must be whole numbers (tasks at least 50)');

  const generated = generateCompany({ seed, tasks: taskCount });
  const company = companyFromLines(generated.header, generated.lines());
  const offset = offsetMinutes(company.header.timeZoneOffset);
  const calendar = workCalendarOf(company.header.calendar ?? documentedCalendarSettings);
  const matchesWorkTime = new Map(company.flows.map((flow) => [flow.id, flow.matchWorkTime]));
  log(`company: seed ${seed}, ${company.tasks.length} tasks, ${company.flows.length} flows`);

  const historyByTask = new Map<string, HistoryRow[]>();
  for (const row of company.history) {
    const rows = historyByTask.get(row.taskId);
    if (rows) rows.push(row);
    else historyByTask.set(row.taskId, [row]);
  }
  const historyOf = (taskId: string) => historyByTask.get(taskId) ?? [];
  const byFlow = new Map<number, { timelines: Timeline[]; portalTasks: PortalTask[] }>();
  for (const task of company.tasks) {
    if (!task.flowId) continue;
    const flowId = Number(task.flowId);
    const flow = byFlow.get(flowId) ?? { timelines: [], portalTasks: [] };
    flow.timelines.push(timelineOf(task, historyOf(task.id)));
    flow.portalTasks.push(task);
    byFlow.set(flowId, flow);
  }
  return {
    seed,
    taskCount,
    asOf: Date.parse(company.header.asOf),
    timeZoneOffset: company.header.timeZoneOffset,
    calendar,
    flows: company.flows,
    causes: generated.flowCauses,
    byFlow,
    historyOf,
    span: (flowId, from, to) =>
      matchesWorkTime.get(flowId) ? workingDaysTime(calendar, offset, from, to) : Math.max(0, to - from),
    countsDay: (flowId, dayStart) =>
      !matchesWorkTime.get(flowId) ||
      !isDayOff(calendar, new Date(dayStart + offset * 60_000).toISOString().slice(0, 10)),
  };
}

function timelineOf(task: PortalTask, history: readonly HistoryRow[]): Timeline {
  const rows = [...history].sort((a, b) => Date.parse(a.createdDate) - Date.parse(b.createdDate));
  const firstTo = (status: string) => rows.find((row) => row.field === 'STATUS' && row.value.to === status);
  const moves = rows.filter((row) => row.field === 'DEADLINE');
  const parse = (value: string | null) => (value ? Date.parse(value) : null);
  const createdAt = Date.parse(task.createdDate);
  const initial = moves.length > 0 ? parse(moves[0]!.value.from) : parse(task.deadline);
  return {
    id: Number(task.id),
    flowId: Number(task.flowId),
    createdAt,
    startedAt: parse(firstTo('3')?.createdDate ?? null),
    handedInAt: parse(firstTo('4')?.createdDate ?? null),
    closedAt: task.status === '5' ? parse(task.closedDate) : null,
    deadlines: [
      [createdAt, initial],
      ...moves.map((row): [number, number | null] => [Date.parse(row.createdDate), parse(row.value.to)]),
    ],
  };
}

/** The moments a backtest asks at: every `everyDays` days from `firstDaysBefore` to `lastDaysBefore` days before asOf. */
export function replayMoments(
  replay: CompanyReplay,
  {
    everyDays,
    firstDaysBefore,
    lastDaysBefore,
  }: { everyDays: number; firstDaysBefore: number; lastDaysBefore: number },
): number[] {
  const moments: number[] = [];
  for (let daysBefore = firstDaysBefore; daysBefore >= lastDaysBefore; daysBefore -= everyDays)
    moments.push(replay.asOf - daysBefore * dayMs);
  return moments;
}

export const deadlineAt = (timeline: Timeline, moment: number): number | null =>
  timeline.deadlines.filter(([from]) => from <= moment).at(-1)?.[1] ?? null;

/** The flow's tasks completed in the learning period before `moment`, as the risk learns from them. */
export function learnedAt(timelines: readonly Timeline[], moment: number): Timeline[] {
  return timelines.filter(
    (one) => one.closedAt !== null && one.closedAt < moment && one.closedAt >= moment - riskLearningDays * dayMs,
  );
}

/** The stage durations the risk reads at `moment`. */
export function stagesAt(replay: CompanyReplay, flowId: number, learned: readonly Timeline[]): StageDurations {
  return stageDurations(
    learned.map((one) => ({ ...one, closedAt: one.closedAt! })),
    (from, to) => replay.span(flowId, from, to),
  );
}

/** Whether the task was open at `moment` (created, not yet completed). */
export const openAt = (timeline: Timeline, moment: number): boolean =>
  timeline.createdAt <= moment && (timeline.closedAt === null || timeline.closedAt > moment);

/** The deadline risk an open task had at `moment`, from what was known then. */
export function riskAt(
  replay: CompanyReplay,
  stages: StageDurations,
  timeline: Timeline,
  deadline: number,
  moment: number,
): number {
  const inReviewSince =
    timeline.handedInAt !== null && timeline.handedInAt <= moment && (timeline.startedAt ?? 0) <= moment
      ? timeline.handedInAt
      : null;
  return openTaskRisk(
    stages,
    {
      createdAt: timeline.createdAt,
      startedAt: timeline.startedAt !== null && timeline.startedAt <= moment ? timeline.startedAt : null,
      inReviewSince,
      deadline,
    },
    moment,
    (from, to) => replay.span(timeline.flowId, from, to),
  ).probability;
}

/** A portal task as the mirror holds it after a sync (the sync's own mapping), for the metrics' functions. */
export function mirroredMetricTask(replay: CompanyReplay, task: PortalTask): MetricTask {
  const row = mirroredTask(portalTaskSchema.parse(task), replay.timeZoneOffset);
  const date = (value: string | null) => (value === null ? null : new Date(value));
  const changes = historyChanges(
    row.bitrixTaskId,
    replay.historyOf(task.id).map((history) => historyRowSchema.parse(history)),
    replay.timeZoneOffset,
  )
    .map((change) => ({ ...change, changedAt: new Date(change.changedAt) }))
    .sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime() || a.bitrixHistoryId - b.bitrixHistoryId);
  return metricTaskFromMirror(
    {
      ...row,
      createdAt: new Date(row.createdAt),
      startedAt: date(row.startedAt),
      closedAt: date(row.closedAt),
      deadline: date(row.deadline),
    },
    changes,
  );
}

/** The tasks as the efficiency rule saw them at `moment` (created by then, each as it stood then). */
export function efficiencyTasksAt(tasks: readonly MetricTask[], moment: number): ForecastTask[] {
  return tasks.flatMap((task) => {
    const then = taskAsOf(task, moment);
    return then === null ? [] : [{ ...efficiencyTaskOf(then), id: then.id }];
  });
}
