import type { Role } from './roles';

/** The signed-in person as every guard and query sees them, loaded fresh from the database. */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  role: Role;
  portalId: string | null;
  bitrixUserId: number | null;
};
