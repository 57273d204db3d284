export const roles = ['admin', 'lead', 'executive'] as const;
export type Role = (typeof roles)[number];

/** The parts of the app a role may open. Leads and executives never reach settings or users. */
export const areas = ['overview', 'flows', 'outcomes', 'users', 'settings'] as const;
export type Area = (typeof areas)[number];

const areasByRole: Record<Role, readonly Area[]> = {
  admin: areas,
  lead: ['overview', 'flows', 'outcomes'],
  executive: ['overview', 'flows', 'outcomes'],
};

export function canOpen(role: Role, area: Area): boolean {
  return areasByRole[role].includes(area);
}

/** The first page after sign-in: leads start at their flows, the others at the overview. */
export function homePath(role: Role): string {
  return role === 'lead' ? '/flows' : '/overview';
}
