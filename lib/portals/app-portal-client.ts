import { ActionError } from '@/lib/errors/action-error';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import { db } from '@/lib/db/client';
import { appSecretBox } from '@/lib/security/app-secret-box';
import { PortalNotConnectedError, portalClient } from './portal-connection';

/** The REST client of a connected portal for a user's action; a missing connection is the user's to fix. */
export async function appPortalClient(portalId: string): Promise<Bitrix24Client> {
  try {
    return await portalClient(db(), appSecretBox(), portalId, { maxRetries: 2 });
  } catch (error) {
    if (error instanceof PortalNotConnectedError) throw new ActionError('portal-not-connected', error.message);
    throw error;
  }
}
