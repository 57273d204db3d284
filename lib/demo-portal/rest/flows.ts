import type { PortalFlow } from '../company';
import { RestError } from './rest-error';
import type { RestContext, RestMethod } from './rest-method';

/**
 * Refusals of tasks.flow.Flow.get in the portal's language: getAccessDeniedError()
 * (bitrix24-core-corp: modules/tasks/lib/Flow/Controllers/Trait/MessageTrait.php, texts in
 * modules/tasks/lang/{ru,en}/lib/Flow/Controllers/Trait/MessageTrait.php) and the provider's
 * FlowNotFoundException (modules/tasks/lang/{ru,en}/lib/Flow/Provider/FlowProvider.php).
 */
const texts = {
  ru: { accessDenied: 'Доступ запрещён или поток не найден', notFound: 'Поток с таким ID не существует' },
  en: { accessDenied: 'Cannot find flow', notFound: 'Flow with this ID does not exist.' },
} as const;

/** FlowReadRule: admin; a flow open to all (not for extranet users); a member in any role; a department of theirs. */
export function canReadFlow(context: RestContext, flow: PortalFlow): boolean {
  const { userId } = context.caller;
  if (context.options.admins.includes(userId)) return true;
  const user = context.state.users.get(userId);
  // The flow's member table holds its creator, owner, task creators and responsible people (Role.php); a manual flow's team is the project's, not the flow's.
  const members = [
    ['user', String(flow.creatorId)],
    ['user', String(flow.ownerId)],
    ...flow.taskCreators,
    ...flow.responsibleList,
  ];
  const extranet = String(user?.USER_TYPE ?? 'employee') === 'extranet';
  if (!extranet && members.some(([type, id]) => type === 'meta-user' && id === 'all-users')) return true;
  if (members.some(([type, id]) => type === 'user' && Number(id) === userId)) return true;
  const flowDepartments = members
    .filter(([type]) => type === 'department')
    .flatMap(([, code]) => context.state.departmentsOf(code ?? ''));
  return (user?.UF_DEPARTMENT ?? []).some((id) => flowDepartments.includes(id));
}

/**
 * tasks.flow.Flow.get as modules/tasks/lib/Flow/Controllers/Flow.php (getAction) answers it: the
 * read rule first, then the flow; every refusal is error "0" with HTTP 400 (b24restdocs:
 * api-reference/tasks/flow/tasks-flow-flow-get.md). Efficiency is the portal's rule, computed now.
 */
export const flowGet: RestMethod = {
  scope: 'task',
  cost: 0.02,
  handle(context, params) {
    const text = texts[context.options.language];
    if (!context.options.flowsEnabled) throw new RestError(400, '0', text.accessDenied);
    const raw = params.flowId ?? params.FLOWID ?? params.id;
    const id = raw !== undefined && /^\d+$/.test(String(raw)) ? Number(raw) : 0;
    const flow = context.state.flows.get(id);
    // The read rule sees no member rows for a flow that does not exist, so only an admin learns it is missing.
    if (!context.options.admins.includes(context.caller.userId) && (!flow || !canReadFlow(context, flow)))
      throw new RestError(400, '0', text.accessDenied);
    if (!flow) throw new RestError(400, '0', text.notFound);
    // The stored efficiency column, as of the last change to one of the flow's tasks.
    return { result: flow };
  },
};
