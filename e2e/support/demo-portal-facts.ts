import { z } from 'zod';
import { efficiencyFromRest, type RestHistoryRow, type RestTask } from '@/lib/demo-portal/testing/efficiency-from-rest';

/** A flows-list row's figures as the spec expects to see them. */
export type ExpectedFlowRow = { pending: number; inProgress: number; completed: number; efficiency: number };

type PortalFlow = { id: number; name: string; people: Set<number>; plannedSeconds: number };
type PortalTask = { flowId: number; status: number; createdAt: number; closedAt: number | null; rest: RestTask };

export type DemoPortalFacts = {
  flows: PortalFlow[];
  /** The Bitrix24 user id of the employee named in a label such as "Account menu for Имя Фамилия". */
  userIdByName: (label: string | null) => number;
  /** The flows a user owns, moderates or works in (every flow for null), with their expected list figures. */
  flowsOf: (userId: number | null) => Map<string, ExpectedFlowRow>;
  /** Open tasks (pending, in progress, awaiting review) over all flows. */
  openTasks: () => number;
  completedSince: (flowName: string, days: number) => number;
  plannedSeconds: (flowName: string) => number;
  /** Every task of a flow, any status. */
  taskCount: (flowName: string) => number;
  flowId: (flowName: string) => number;
};

/**
 * One REST call to the demo portal with the app's webhook; the answer's result, or an error. The
 * portal's request limit (QUERY_LIMIT_EXCEEDED, shared with the app's own syncs) is waited out.
 */
export function demoPortalRest(portalUrl: string, webhookCode: string) {
  return async (method: string, body: object): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${portalUrl}/rest/1/${webhookCode}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { result?: unknown; error?: string };
      if (answer.error === 'QUERY_LIMIT_EXCEEDED' && attempt < 30) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (!response.ok || answer.error) throw new Error(`${method}: ${response.status} ${answer.error}`);
      return answer.result;
    }
  };
}

const dayMs = 86_400_000;
const taskRowSchema = z.object({
  id: z.string(),
  flowId: z.string().nullable(),
  status: z.string(),
  createdBy: z.string(),
  responsibleId: z.string(),
  createdDate: z.string(),
  closedDate: z.string().nullable(),
  deadline: z.string().nullable(),
});
const historyRowSchema = z.object({
  createdDate: z.string(),
  field: z.string(),
  value: z.object({ from: z.union([z.string(), z.number()]).nullish() }),
});
const flowSchema = z.object({
  id: z.number(),
  name: z.string(),
  ownerId: z.number(),
  plannedCompletionTime: z.number(),
  responsibleList: z.array(z.tuple([z.string(), z.string()])),
  team: z.array(z.tuple([z.string(), z.string()])),
});
const userSchema = z.object({ ID: z.string(), NAME: z.string(), LAST_NAME: z.string() });

/**
 * What the demo portal itself says, read over its REST API with the webhook the app uses: flows
 * (Flow.get), tasks (tasks.task.list in batches), users and the portal's clock. The spec's
 * expected figures are worked out here from these answers by the domain rules, not by the app.
 */
export async function demoPortalFacts(portalUrl: string, webhookCode: string): Promise<DemoPortalFacts> {
  const rest = demoPortalRest(portalUrl, webhookCode);
  const batch = async (commands: Record<string, string>) =>
    z.object({ result: z.record(z.string(), z.unknown()) }).parse(await rest('batch', { halt: 0, cmd: commands }))
      .result;

  const clock = z.string().parse(await rest('server.time', {}));
  const now = Date.parse(clock);
  const offsetMs =
    (clock.endsWith('Z')
      ? 0
      : (clock.at(-6) === '-' ? -1 : 1) * (Number(clock.slice(-5, -3)) * 60 + Number(clock.slice(-2)))) * 60_000;
  // "The last N days" are N portal days, today included: from the portal's midnight N − 1 days ago.
  const localMidnight = Date.parse(`${clock.slice(0, 10)}T00:00:00Z`) - offsetMs;
  const daysStart = (days: number) => localMidnight - (days - 1) * dayMs;
  const windowStart = daysStart(30);

  const probes = await batch(
    Object.fromEntries(
      Array.from({ length: 40 }, (_, index) => [`f${index + 1}`, `tasks.flow.Flow.get?flowId=${index + 1}`]),
    ),
  );
  const flows: PortalFlow[] = Object.values(probes).map((value) => {
    const flow = flowSchema.parse(value);
    const users = (list: [string, string][]) => list.filter(([kind]) => kind === 'user').map(([, id]) => Number(id));
    return {
      id: flow.id,
      name: flow.name,
      people: new Set([flow.ownerId, ...users(flow.responsibleList), ...users(flow.team)]),
      plannedSeconds: flow.plannedCompletionTime,
    };
  });

  const tasks: PortalTask[] = [];
  for (let start = 0; ; start += 50 * 50) {
    const select = [
      'ID',
      'FLOW_ID',
      'STATUS',
      'CREATED_BY',
      'RESPONSIBLE_ID',
      'CREATED_DATE',
      'CLOSED_DATE',
      'DEADLINE',
    ]
      .map((field) => `select[]=${field}`)
      .join('&');
    const pages = await batch(
      Object.fromEntries(
        Array.from({ length: 50 }, (_, index) => [
          `p${index}`,
          `tasks.task.list?start=${start + index * 50}&${select}`,
        ]),
      ),
    );
    const rows = Object.values(pages).flatMap((page) => z.object({ tasks: z.array(taskRowSchema) }).parse(page).tasks);
    for (const row of rows) {
      if (!row.flowId || row.flowId === '0') continue;
      tasks.push({
        flowId: Number(row.flowId),
        status: Number(row.status),
        createdAt: Date.parse(row.createdDate),
        closedAt: row.closedDate ? Date.parse(row.closedDate) : null,
        rest: row,
      });
    }
    if (rows.length < 50 * 50) break;
  }

  const users = [
    ...z.array(userSchema).parse(await rest('user.get', { start: 0 })),
    ...z.array(userSchema).parse(await rest('user.get', { start: 50 })),
  ];
  const tasksOf = (flowId: number) => tasks.filter((task) => task.flowId === flowId);

  // Flow.get's efficiency is a stored column, stale until a task of the flow changes, so the figure
  // the list must show is worked out from the tasks and the histories of those that can count in
  // the window (open, or closed in it), read 50 per batch.
  const histories = new Map<number, RestHistoryRow[]>();
  const windowed = tasks
    .filter((task) => task.closedAt === null || task.closedAt >= windowStart - dayMs)
    .map((task) => Number(task.rest.id));
  for (let start = 0; start < windowed.length; start += 50) {
    const answers = await batch(
      Object.fromEntries(
        windowed
          .slice(start, start + 50)
          .map((id) => [`h${id}`, `tasks.task.history.list?taskId=${id}&order[createdDate]=asc`]),
      ),
    );
    for (const [key, value] of Object.entries(answers))
      histories.set(Number(key.slice(1)), z.object({ list: z.array(historyRowSchema) }).parse(value).list);
  }
  const offset = clock.endsWith('Z') ? '+00:00' : clock.slice(-6);
  const efficiencyOf = (flowId: number) =>
    efficiencyFromRest(
      tasksOf(flowId).map((task) => task.rest),
      histories,
      now,
      offset,
    );

  return {
    flows,
    userIdByName: (label) => {
      const user = users.find((candidate) => label?.endsWith(` ${candidate.NAME} ${candidate.LAST_NAME}`));
      if (!user) throw new Error(`no portal user named in "${label}"`);
      return Number(user.ID);
    },
    flowsOf: (userId) =>
      new Map(
        flows
          .filter((flow) => userId === null || flow.people.has(userId))
          .map((flow) => {
            const own = tasksOf(flow.id);
            return [
              flow.name,
              {
                pending: own.filter((task) => task.status === 1 || task.status === 2).length,
                inProgress: own.filter((task) => task.status === 3).length,
                completed: own.filter(
                  (task) =>
                    task.status === 5 && task.closedAt !== null && task.closedAt >= windowStart && task.closedAt <= now,
                ).length,
                efficiency: efficiencyOf(flow.id),
              },
            ];
          }),
      ),
    openTasks: () => tasks.filter((task) => task.status >= 1 && task.status <= 4).length,
    completedSince: (flowName, days) => {
      const flow = flows.find((candidate) => candidate.name === flowName)!;
      return tasksOf(flow.id).filter(
        (task) => task.status === 5 && task.closedAt !== null && task.closedAt >= daysStart(days),
      ).length;
    },
    plannedSeconds: (flowName) => flows.find((candidate) => candidate.name === flowName)!.plannedSeconds,
    taskCount: (flowName) => tasksOf(flows.find((candidate) => candidate.name === flowName)!.id).length,
    flowId: (flowName) => flows.find((candidate) => candidate.name === flowName)!.id,
  };
}
