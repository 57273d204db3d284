/**
 * Addresses of things in the portal's own web interface, so a figure can lead to the tasks behind
 * it. Bitrix24 opens any task by id under any user's task path; the flows page takes a filter.
 */
const base = (domain: string) => `https://${domain}`;

export function taskUrl(domain: string, taskId: number, responsibleId: number): string {
  return `${base(domain)}/company/personal/user/${responsibleId}/tasks/task/view/${taskId}/`;
}

export function flowUrl(domain: string, flowId: number, ownerId: number | null): string {
  return `${base(domain)}/company/personal/user/${ownerId ?? 0}/tasks/flow/?apply_filter=Y&ID_numsel=exact&ID_from=${flowId}`;
}

export function calendarEventUrl(domain: string, eventId: number, ownerId: number): string {
  return `${base(domain)}/company/personal/user/${ownerId}/calendar/?EVENT_ID=${eventId}`;
}
