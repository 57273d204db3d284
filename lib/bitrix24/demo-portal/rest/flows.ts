import { RestError } from './rest-error';
import type { RestContext, RestMethod } from './rest-method';

/** tasks.tasks.flow.Flow.get and the undocumented list (reference §2.3-2.4); efficiency is the portal's rule, computed now. */
function flowWithEfficiency(context: RestContext, id: number) {
  if (!context.options.flowsEnabled) throw new RestError(400, '0', 'Access denied or flow not found');
  const flow = context.state.flows.get(id);
  if (!flow) throw new RestError(400, '0', 'Flow not found');
  return { ...flow, efficiency: context.state.efficiency(id) };
}

export const flowGet: RestMethod = {
  scope: 'task',
  cost: 0.02,
  handle(context, params) {
    const raw = params.flowId ?? params.FLOWID ?? params.id;
    if (raw === undefined || !/^\d+$/.test(String(raw))) throw new RestError(400, '0', context.options.flowsEnabled ? 'Flow not found' : 'Access denied or flow not found');
    return { result: flowWithEfficiency(context, Number(raw)) };
  },
};

export const flowList: RestMethod = {
  scope: 'task',
  cost: 0.05,
  handle(context, params) {
    if (!context.options.flowList) throw new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
    const ids = [...context.state.flows.keys()].sort((a, b) => a - b);
    const start = Math.max(0, Math.floor(Number(params.start ?? 0) / 50) * 50);
    return { result: ids.slice(start, start + 50).map((id) => flowWithEfficiency(context, id)), total: ids.length, ...(start + 50 < ids.length ? { next: start + 50 } : {}) };
  },
};
