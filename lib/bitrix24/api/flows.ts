import { z } from 'zod';
import type { Bitrix24Client } from '../client';
import { Bitrix24Error } from '../errors';
import { portalFlowSchema, type PortalFlowData } from '../schemas';

/** tasks.flow.Flow.get for one flow; null when the portal says it does not exist. */
export async function getFlow(client: Bitrix24Client, flowId: number): Promise<PortalFlowData | null> {
  try {
    return (await client.call('tasks.flow.Flow.get', { flowId }, portalFlowSchema)).result;
  } catch (error) {
    if (isFlowNotFound(error)) return null;
    throw error;
  }
}

function isFlowNotFound(error: unknown): boolean {
  return error instanceof Bitrix24Error && error.kind === 'invalid-request' && /flow not found/i.test(error.details.description ?? '');
}

/**
 * Many flows in batches of 50 calls. Ids the portal does not know come back in `missing`, ids it
 * refuses to show (access denied and the like) in `inaccessible`: not the same thing (reference
 * §2.4). A portal without Flows throws the `no-flows` error.
 */
export async function getFlows(
  client: Bitrix24Client,
  flowIds: number[],
): Promise<{ flows: PortalFlowData[]; missing: number[]; inaccessible: number[] }> {
  const flows: PortalFlowData[] = [];
  const missing: number[] = [];
  const inaccessible: number[] = [];
  for (let start = 0; start < flowIds.length; start += 50) {
    const chunk = flowIds.slice(start, start + 50);
    const { results, errors } = await client.batch(Object.fromEntries(chunk.map((id) => [`f${id}`, { method: 'tasks.flow.Flow.get', params: { flowId: id } }])));
    for (const id of chunk) {
      const error = errors[`f${id}`];
      if (error?.kind === 'no-flows') throw error;
      if (isFlowNotFound(error)) missing.push(id);
      else if (error) inaccessible.push(id);
      else flows.push(portalFlowSchema.parse(results[`f${id}`]));
    }
  }
  return { flows, missing, inaccessible };
}

/** Whether the portal offers the undocumented tasks.flow.Flow.list (reference §2.4). */
export async function flowListAvailable(client: Bitrix24Client): Promise<boolean> {
  const { result } = await client.call('method.get', { name: 'tasks.flow.flow.list' }, z.object({ isExisting: z.boolean(), isAvailable: z.boolean() }));
  return result.isExisting && result.isAvailable;
}

/** Every flow through the undocumented list method; only call after `flowListAvailable`. */
export async function listFlows(client: Bitrix24Client): Promise<PortalFlowData[]> {
  const flows: PortalFlowData[] = [];
  for await (const page of client.listByOffset('tasks.flow.Flow.list', {}, portalFlowSchema)) flows.push(...page);
  return flows;
}
