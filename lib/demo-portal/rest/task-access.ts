import type { StoredTask } from '../portal-state';
import type { RestContext } from './rest-method';

/**
 * The tasks module's read rule (bitrix24-core-corp: modules/tasks/lib/access/rule/taskreadrule.php):
 * an admin reads every task, anyone else the tasks they are a member of (creator, responsible,
 * accomplice, auditor). Its other grants, a project's "view all" and the role permissions for
 * department tasks, are portal settings this portal leaves off.
 */
export function canReadTask(context: RestContext, stored: StoredTask): boolean {
  const { userId } = context.caller;
  if (context.options.admins.includes(userId)) return true;
  const { createdBy, responsibleId, accomplices, auditors } = stored.record;
  return [createdBy, responsibleId, ...accomplices, ...auditors].some((id) => Number(id) === userId);
}
