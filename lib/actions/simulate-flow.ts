'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { ActionError } from '@/lib/errors/action-error';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { flowLeversSchema, leversMoved } from '@/lib/simulation/flow-levers';
import { simulateWhatIf } from '@/lib/simulation/flow-what-if';

const inputSchema = z.object({ flowId: z.uuid(), levers: flowLeversSchema }).strict();

/**
 * A flow in the viewer's scope, simulated as it is and with the levers moved. Executives read the
 * simulation of the flow as it is; only admins and the flow's leads move levers.
 */
export const simulateFlowAction = authorizedAction(
  ['admin', 'lead', 'executive'],
  inputSchema,
  async (input, viewer) => {
    const flow = await db().flow.findFirst({
      where: { AND: [{ id: input.flowId }, visibleFlowsWhere(viewer)] },
      select: { id: true },
    });
    if (!flow) throw new ActionError('not-found', 'No such flow.');
    if (viewer.role === 'executive' && leversMoved(input.levers))
      throw new ActionError('forbidden', 'Only admins and the flow’s leads move the levers.');
    return simulateWhatIf(db(), flow.id, input.levers);
  },
);
