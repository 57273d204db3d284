import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFlows } from '@/lib/bitrix24/api/flows';
import { scanTasks, taskHistories } from '@/lib/bitrix24/api/tasks';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { at, deadlineMove, fixtureCompany, fixtureFlow, fixtureTask } from './testing/fixture-company';
import type { HistoryRow } from './company';
import { startDemoPortal, type DemoPortal } from './server';
import { efficiencyFromRest } from './testing/efficiency-from-rest';

/**
 * The efficiency the demo portal computes for a flow the tasks module's way, against (1) numbers
 * worked out by hand for each edge case and (2) a computation written apart from it (testing/efficiency-from-rest.ts) over
 * what the portal's own REST answers (task list and history). Flow.get answers the stored column,
 * which the company file gives and only a change to one of the flow's tasks refreshes, as in
 * Bitrix24. Dates sit well inside or well outside the 30-day window, because the portal moves the
 * company to the current week.
 */
const day = 24;
const closedOnTime = (id: number, flowId: number, extra = {}) =>
  fixtureTask(id, {
    flowId: String(flowId),
    status: '5',
    createdDate: at(-12 * day),
    deadline: at(-9 * day),
    closedDate: at(-10 * day),
    ...extra,
  });
const closedLate = (id: number, flowId: number, extra = {}) =>
  fixtureTask(id, {
    flowId: String(flowId),
    status: '5',
    createdDate: at(-12 * day),
    deadline: at(-10 * day),
    closedDate: at(-8 * day),
    ...extra,
  });
const statusMove = (taskId: number, historyId: number, changedAt: string, from: string, to: string): HistoryRow => ({
  taskId: String(taskId),
  id: String(historyId),
  createdDate: changedAt,
  field: 'STATUS',
  value: { from, to },
  user: { id: '1' },
});

const company = fixtureCompany({
  // The stored column says 100 for every flow, as a file written before the tasks would.
  flows: [1, 2, 3, 4, 5, 6, 7].map((id) => fixtureFlow(id, { efficiency: 100 })),
  tasks: [
    // 1. Deferred tasks are not counted, but an overrun before the deferral is a violation:
    //    2 on time, 1 late, 1 deferred after its deadline passed → 2 violations of 3 → 33.
    closedOnTime(1, 1),
    closedOnTime(2, 1),
    closedLate(3, 1),
    fixtureTask(4, { flowId: '1', status: '6', createdDate: at(-12 * day), deadline: at(-10 * day) }),
    // 2. A late task whose creator is its assignee does not count → 2 of 2 → 100.
    closedOnTime(5, 2),
    closedOnTime(6, 2),
    closedLate(7, 2, { createdBy: '2', responsibleId: '2' }),
    // 3. Deadline moved: after it was overrun (still a violation), and before (not) → 1 of 2 → 50.
    fixtureTask(8, { flowId: '3', status: '3', createdDate: at(-14 * day), deadline: at(20 * day) }),
    fixtureTask(9, { flowId: '3', status: '3', createdDate: at(-14 * day), deadline: at(20 * day) }),
    // 4. An open task past its deadline is overdue; one with time left is not → 1 of 2 → 50.
    fixtureTask(10, { flowId: '4', status: '3', createdDate: at(-14 * day), deadline: at(-3 * day) }),
    fixtureTask(11, { flowId: '4', status: '2', createdDate: at(-2 * day), deadline: at(40 * day) }),
    // 6. Closed late long before the window: nothing counts → 100.
    closedLate(12, 6, { createdDate: at(-90 * day), deadline: at(-85 * day), closedDate: at(-80 * day) }),
    // 7. Handing in for review repairs: handed in before the deadline and still waiting (on time),
    //    handed in after it (a violation until then) → 1 of 2 → 50.
    fixtureTask(13, { flowId: '7', status: '4', createdDate: at(-14 * day), deadline: at(-10 * day) }),
    fixtureTask(14, { flowId: '7', status: '4', createdDate: at(-14 * day), deadline: at(-10 * day) }),
  ],
  history: [
    statusMove(4, 3, at(-9 * day), '3', '6'),
    deadlineMove(8, 1, at(-8 * day), at(-10 * day), at(20 * day)),
    deadlineMove(9, 2, at(-8 * day), at(-5 * day), at(20 * day)),
    statusMove(13, 4, at(-12 * day), '3', '4'),
    statusMove(14, 5, at(-8 * day), '3', '4'),
  ],
});
// 5. A flow with no tasks → 100.
const handComputed: Record<number, number> = { 1: 33, 2: 100, 3: 50, 4: 50, 5: 100, 6: 100, 7: 50 };
const flowIds = Object.keys(handComputed).map(Number);

let portal: DemoPortal;
let client: Bitrix24Client;
beforeAll(async () => {
  portal = await startDemoPortal({ company });
  client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
});
afterAll(() => portal.stop());

describe('flow efficiency on the demo portal', () => {
  it('computes the hand-worked edge cases the module’s way', () => {
    expect(Object.fromEntries(flowIds.map((id) => [id, portal.state.moduleEfficiency(id)]))).toEqual(handComputed);
  });

  it('equals an independent computation from its own task list and history', async () => {
    for (const id of flowIds) {
      // Filtered here: tasks.task.list's FLOW_ID filter is undocumented, and the demo portal ignores it as a portal may.
      const tasks = [];
      for await (const page of scanTasks(client)) tasks.push(...page.filter((task) => task.flowId === String(id)));
      const histories = await taskHistories(
        client,
        tasks.map((task) => Number(task.id)),
      );
      expect(portal.state.moduleEfficiency(id), `flow ${id}`).toBe(
        efficiencyFromRest(tasks, histories, Date.now(), '+03:00'),
      );
    }
  });

  it('answers the stored column in Flow.get until one of the flow’s tasks changes', async () => {
    const { flows } = await getFlows(client, flowIds);
    expect(flows.map((flow) => flow.efficiency)).toEqual(flowIds.map(() => 100));
    await client.call('tasks.task.update', { taskId: 11, fields: { TITLE: 'Задача 11 (уточнено)' } });
    const [flow4] = (await getFlows(client, [4])).flows;
    expect(flow4!.efficiency).toBe(50);
  });

  it('leaves a deleted task out of both counts', async () => {
    await client.call('tasks.task.delete', { taskId: 10 });
    expect(portal.state.moduleEfficiency(4)).toBe(100);
    expect((await getFlows(client, [4])).flows[0]!.efficiency).toBe(100);
  });
});
