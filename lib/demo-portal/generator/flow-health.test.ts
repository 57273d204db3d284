import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCompany, HistoryRow, PortalFlow, PortalTask } from '../company';
import { readCompanyFile, writeCompanyFile } from '../company-file';
import {
  creationsPerDay,
  efficiencyFromFile,
  historyByTask,
  isOverdue,
  leadTimes,
  loadByAssignee,
  median,
  pendingTimes,
  quantile,
  secondsOf,
  tasksOfFlow,
  timesInStatus,
  weekdayOf,
} from './company-measures';
import { isFailingCause, type FlowCause } from './flow-causes';
import { generateCompany } from './generate-company';

const DAY = 86_400;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'demo-company-health-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

// Two seeds, so that a cause showing up is not luck of one draw.
describe.each([11, 12])('flow health, seed %i', (seed) => {
  let company: DemoCompany;
  let causes: ReadonlyMap<number, FlowCause>;
  let history: Map<string, HistoryRow[]>;
  let asOf: number;

  beforeAll(async () => {
    const generated = generateCompany({ seed, tasks: 4000 });
    const file = path.join(folder, `seed${seed}.jsonl`);
    await writeCompanyFile(file, generated.header, generated.lines());
    company = await readCompanyFile(file);
    causes = generated.flowCauses;
    history = historyByTask(company);
    asOf = secondsOf(company.header.asOf);
  });

  const flowsWith = (cause: FlowCause): PortalFlow[] => company.flows.filter((flow) => causes.get(flow.id) === cause);
  const flowWith = (cause: FlowCause): { flow: PortalFlow; tasks: PortalTask[] } => {
    const [flow] = flowsWith(cause);
    if (!flow) throw new Error(`no ${cause} flow`);
    return { flow, tasks: tasksOfFlow(company, flow.id) };
  };
  /** A figure per healthy flow, as a share of its planned time. */
  const healthyShares = (figure: (tasks: PortalTask[]) => number[], only: (flow: PortalFlow) => boolean = () => true) =>
    flowsWith('healthy')
      .filter(only)
      .map((flow) => median(figure(tasksOfFlow(company, flow.id))) / flow.plannedCompletionTime);
  const lastMonth = (tasks: PortalTask[]) => tasks.filter((task) => secondsOf(task.createdDate) >= asOf - 30 * DAY);

  it("stores each flow's efficiency as the portal computes it from the flow's tasks and history", () => {
    for (const flow of company.flows) {
      expect(flow.efficiency, flow.name).toBe(
        efficiencyFromFile(tasksOfFlow(company, flow.id), history, asOf, company.header.timeZoneOffset),
      );
    }
  });

  it('keeps healthy flows at 90 % or more and failing ones under 80 %', () => {
    for (const flow of company.flows) {
      const cause = causes.get(flow.id) ?? 'healthy';
      if (cause === 'healthy') expect(flow.efficiency, flow.name).toBeGreaterThanOrEqual(90);
      else if (isFailingCause(cause)) expect(flow.efficiency, `${flow.name} (${cause})`).toBeLessThan(80);
      else expect(flow.efficiency, flow.name).toBe(100);
    }
  });

  it('overloaded assignee: one person gets far more tasks and carries at least twice the team median load', () => {
    const { flow, tasks } = flowWith('overloaded-assignee');
    const team = flow.team.map(([, id]) => id);
    const load = loadByAssignee(tasks, asOf);
    const loads = team.map((id) => load.get(id) ?? 0);
    const top = team[loads.indexOf(Math.max(...loads))] ?? '';
    expect(Math.max(...loads)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...loads)).toBeGreaterThanOrEqual(2 * median(loads));
    const recent = team.map((id) => lastMonth(tasks).filter((task) => task.responsibleId === id).length);
    expect(Math.max(...recent)).toBeGreaterThanOrEqual(2 * median(recent));
    const overdue = tasks.filter((task) => isOverdue(task, asOf));
    expect(overdue.filter((task) => task.responsibleId === top).length).toBeGreaterThan(overdue.length / 2);
    const person = company.users.find((user) => user.ID === top);
    expect(flow.description).toContain(`${person?.NAME} ${person?.LAST_NAME}`);
  });

  it('planned time too short: the p85 lead time is well above the planned time, unlike in healthy flows', () => {
    const { flow, tasks } = flowWith('planned-time-too-short');
    const p85Share = quantile(leadTimes(tasks), 0.85) / flow.plannedCompletionTime;
    expect(p85Share).toBeGreaterThan(1.5);
    const healthy = flowsWith('healthy').map(
      (other) => quantile(leadTimes(tasksOfFlow(company, other.id)), 0.85) / other.plannedCompletionTime,
    );
    expect(p85Share).toBeGreaterThan(1.5 * Math.max(...healthy));
  });

  it('slow manual distribution: tasks of a manual flow wait many times longer to be taken than in healthy flows', () => {
    const { flow, tasks } = flowWith('slow-manual-distribution');
    expect(flow.distributionType).toBe('manually');
    const pendingShare = median(pendingTimes(tasks, asOf)) / flow.plannedCompletionTime;
    expect(pendingShare).toBeGreaterThan(0.7);
    expect(pendingShare).toBeGreaterThan(5 * Math.max(...healthyShares((healthy) => pendingTimes(healthy, asOf))));
  });

  it('review bottleneck: with task control on, done tasks wait long for review, unlike in healthy flows with review', () => {
    const { flow, tasks } = flowWith('review-bottleneck');
    expect(flow.taskControl).toBe(true);
    const reviewShare = median(timesInStatus(tasks, history, '4', asOf)) / flow.plannedCompletionTime;
    expect(reviewShare).toBeGreaterThan(0.5);
    const healthy = healthyShares(
      (healthyTasks) => timesInStatus(healthyTasks, history, '4', asOf),
      (other) => other.taskControl,
    );
    expect(healthy.length).toBeGreaterThan(0);
    expect(reviewShare).toBeGreaterThan(5 * Math.max(...healthy));
  });

  it('thin descriptions: late tasks have far shorter descriptions than tasks done on time, and there is no template', () => {
    const { flow, tasks } = flowWith('thin-descriptions');
    expect(flow.templateId).toBe(0);
    const late = tasks.filter((task) => isOverdue(task, asOf)).map((task) => task.description.length);
    const onTime = tasks
      .filter((task) => task.status === '5' && !isOverdue(task, asOf))
      .map((task) => task.description.length);
    expect(late.length).toBeGreaterThan(10);
    expect(median(late)).toBeLessThan(0.3 * median(onTime));
  });

  it('intake spike: the last 14 days bring at least twice the daily intake of the months before', () => {
    const { tasks } = flowWith('intake-spike');
    const first = Math.min(...tasks.map((task) => secondsOf(task.createdDate)));
    const spikeStart = asOf - 14 * DAY;
    expect(creationsPerDay(tasks, spikeStart, asOf + 1)).toBeGreaterThanOrEqual(
      2 * creationsPerDay(tasks, first, spikeStart),
    );
  });

  it('weekend deadlines: without work time, late tasks are the ones whose deadline falls on Saturday or Sunday', () => {
    const { flow, tasks } = flowWith('weekend-deadlines');
    expect(flow.matchWorkTime).toBe(false);
    const weekend = (task: PortalTask) => [0, 6].includes(weekdayOf(task.deadline ?? ''));
    const late = tasks.filter((task) => isOverdue(task, asOf));
    expect(late.filter(weekend).length).toBeGreaterThanOrEqual(0.8 * late.length);
    const weekdayDeadlines = tasks.filter((task) => !weekend(task));
    expect(weekdayDeadlines.filter((task) => isOverdue(task, asOf)).length).toBeLessThan(0.1 * weekdayDeadlines.length);
  });
});
