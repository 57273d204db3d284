import { z } from 'zod';
import { getFlow } from '@/lib/bitrix24/api/flows';
import { serverTime } from '@/lib/bitrix24/api/calendar-and-notify';
import { currentUser, portalAdminStatus } from '@/lib/bitrix24/api/directory';
import { Bitrix24Client, type Bitrix24ClientOptions } from '@/lib/bitrix24/client';
import { Bitrix24Error } from '@/lib/bitrix24/errors';
import { taskListResultSchema } from '@/lib/bitrix24/schemas';
import {
  adminCheck,
  canConnect,
  notCheckedItems,
  problemOf,
  problemParams,
  scopeChecks,
  timeZoneOffsetOf,
  type ConnectionCheck,
  type ConnectionReport,
} from './connection-report';
import type { ParsedWebhookUrl } from './webhook-url';

/**
 * Tests an incoming webhook before Flowpilot relies on it, in four steps:
 * 1. reachable: `server.time` answers (and gives the portal's time zone offset);
 * 2. permissions: the `scope` method lists what the webhook was granted, against `neededScopes`;
 * 3. flows: one page of the newest tasks from `tasks.task.list` gives a flow id to read with
 *    `tasks.flow.Flow.get` (flow 1 without one); a refused flow that a task points to means the
 *    plan lacks Flows or the webhook's user may not read it, a refused flow 1 only that none was
 *    found yet (Bitrix24 words both alike; docs/bitrix24.md);
 * 4. who: `user.current` names the employee the webhook acts as, when `user` is granted, and
 *    `user.admin` says whether they administer the portal: anyone else sees only some flows and tasks.
 * A handful of calls, few retries and a short timeout, so an admin waits seconds, not minutes.
 */
export type TestConnectionOptions = Pick<Bitrix24ClientOptions, 'fetch' | 'requestTimeoutMs' | 'maxRetries'> & {
  now?: () => Date;
};

const taskFlowRowSchema = z.object({ flowId: z.union([z.string(), z.number()]).nullish() }).passthrough();

/** The flow of the newest task that has one, from one page of the newest tasks; null when none of them has a flow. */
async function newestTaskFlowId(client: Bitrix24Client): Promise<number | null> {
  // No FLOW_ID filter: tasks.task.list does not document it, and a portal may ignore it silently (docs/bitrix24.md).
  const { tasks } = (
    await client.call(
      'tasks.task.list',
      { select: ['ID', 'FLOW_ID'], order: { ID: 'desc' }, start: -1 },
      taskListResultSchema,
    )
  ).result;
  for (const row of z.array(taskFlowRowSchema).parse(tasks)) {
    const id = Number(row.flowId ?? 0);
    if (Number.isInteger(id) && id > 0) return id;
  }
  return null;
}

/**
 * A flow a task points to must be readable; Bitrix24 answers an unreadable flow, a missing one and
 * a plan without Flows alike, so a refusal of the task's own flow is the only sure sign of trouble.
 * It blocks unless the webhook's user is known not to be an admin: then it may be only their view.
 */
async function flowsCheck(client: Bitrix24Client, admin: boolean | null): Promise<ConnectionCheck> {
  try {
    const taskFlowId = await newestTaskFlowId(client);
    const flow = await getFlow(client, taskFlowId ?? 1);
    if (flow)
      return {
        key: 'flows',
        status: 'ok',
        code: 'flows.found',
        params: { name: flow.name, id: flow.id },
        blocking: false,
      };
    if (taskFlowId !== null) {
      const blocking = admin !== false;
      return {
        key: 'flows',
        status: blocking ? 'missing' : 'warning',
        code: 'flows.not-available',
        params: { id: taskFlowId },
        blocking,
      };
    }
    return { key: 'flows', status: 'warning', code: 'flows.none-yet', blocking: false };
  } catch (error) {
    if (!(error instanceof Bitrix24Error)) throw error;
    return {
      key: 'flows',
      status: 'missing',
      code: 'flows.failed',
      params: problemParams(error),
      problem: problemOf(error),
      blocking: true,
    };
  }
}

async function webhookUserName(client: Bitrix24Client): Promise<string | null> {
  try {
    const user = await currentUser(client);
    return [user.NAME, user.LAST_NAME].filter(Boolean).join(' ').trim() || null;
  } catch (error) {
    if (error instanceof Bitrix24Error) return null;
    throw error;
  }
}

export async function testPortalConnection(
  webhook: ParsedWebhookUrl,
  options: TestConnectionOptions = {},
): Promise<ConnectionReport> {
  const client = new Bitrix24Client({
    connection: { kind: 'webhook', url: webhook.baseUrl },
    fetch: options.fetch,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    maxRetries: options.maxRetries ?? 1,
    maxRateLimitRetries: 2,
  });
  const base = { domain: webhook.domain, checkedAt: (options.now?.() ?? new Date()).toISOString() };

  let timeZoneOffset: string | null;
  let reachable: ConnectionCheck;
  try {
    timeZoneOffset = timeZoneOffsetOf(await serverTime(client));
    reachable = timeZoneOffset
      ? { key: 'reachable', status: 'ok', code: 'reachable.ok', params: { offset: timeZoneOffset }, blocking: false }
      : {
          key: 'reachable',
          status: 'missing',
          code: 'reachable.failed',
          params: { host: webhook.domain },
          problem: 'not-bitrix24',
          blocking: true,
        };
  } catch (error) {
    if (!(error instanceof Bitrix24Error)) throw error;
    timeZoneOffset = null;
    reachable = {
      key: 'reachable',
      status: 'missing',
      code: 'reachable.failed',
      params: { host: webhook.domain, ...problemParams(error) },
      problem: problemOf(error),
      blocking: true,
    };
  }
  if (reachable.blocking) {
    const checks = [reachable, ...notCheckedItems()];
    return {
      ...base,
      webhookUser: { id: webhook.userId, name: null },
      timeZoneOffset: null,
      grantedScopes: [],
      checks,
      canConnect: false,
    };
  }

  let granted: string[] | null;
  try {
    granted = (await client.call('scope', {}, z.array(z.string()))).result;
  } catch (error) {
    if (!(error instanceof Bitrix24Error)) throw error;
    granted = null;
  }
  const admin = await portalAdminStatus(client);
  const flows: ConnectionCheck =
    granted !== null && !granted.includes('task')
      ? { key: 'flows', status: 'skipped', code: 'flows.no-task-scope', blocking: false }
      : await flowsCheck(client, admin);
  const name = granted === null || granted.includes('user') ? await webhookUserName(client) : null;

  const checks = [reachable, ...scopeChecks(granted), flows, adminCheck(admin)];
  return {
    ...base,
    webhookUser: { id: webhook.userId, name },
    timeZoneOffset,
    grantedScopes: granted ?? [],
    checks,
    canConnect: canConnect(checks),
  };
}
