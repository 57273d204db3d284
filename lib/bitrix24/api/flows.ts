import type { Bitrix24Client } from '../client';
import { Bitrix24Error } from '../errors';
import { portalFlowSchema, type PortalFlowData } from '../schemas';

/**
 * tasks.flow.Flow.get answers a flow that does not exist, one the user may not read and a plan
 * without Flows alike (error "0", worded in the portal's language; docs/bitrix24.md, "Errors,
 * flow access and the webhook's user"), so the client can only say a flow was not readable.
 */
function isUnreadable(error: unknown): error is Bitrix24Error {
  return error instanceof Bitrix24Error && error.kind === 'flow-unreadable';
}

/** One flow; null when the portal will not show it. */
export async function getFlow(client: Bitrix24Client, flowId: number): Promise<PortalFlowData | null> {
  try {
    return (await client.call('tasks.flow.Flow.get', { flowId }, portalFlowSchema)).result;
  } catch (error) {
    if (isUnreadable(error)) return null;
    throw error;
  }
}

/** Many flows in batches of 50 calls; the ids the portal will not show come back in `unreadable`, never failing the batch. */
export async function getFlows(
  client: Bitrix24Client,
  flowIds: number[],
): Promise<{ flows: PortalFlowData[]; unreadable: number[] }> {
  const flows: PortalFlowData[] = [];
  const unreadable: number[] = [];
  for (let start = 0; start < flowIds.length; start += 50) {
    const chunk = flowIds.slice(start, start + 50);
    const { results, errors } = await client.batch(
      Object.fromEntries(chunk.map((id) => [`f${id}`, { method: 'tasks.flow.Flow.get', params: { flowId: id } }])),
    );
    for (const id of chunk) {
      const error = errors[`f${id}`];
      if (isUnreadable(error)) unreadable.push(id);
      else if (error) throw error;
      else flows.push(portalFlowSchema.parse(results[`f${id}`]));
    }
  }
  return { flows, unreadable };
}
