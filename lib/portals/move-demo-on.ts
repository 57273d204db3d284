import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { ActionError } from '@/lib/errors/action-error';
import type { SecretBox } from '@/lib/security/secret-box';

export const moveDemoOnInputSchema = z.object({ flowId: z.uuid(), days: z.number().int().min(1).max(28) });

const movedOnSchema = z.object({
  days: z.number(),
  reassigned: z.number(),
  added: z.number(),
  closed: z.number(),
});
export type MovedDemoOn = z.infer<typeof movedOnSchema>;

/**
 * Moves the built-in demo company on by some days (docs/demo-company-format.md, "Moving the demo
 * on"), so that a lead can act on advice and see what followed without waiting for weeks. The demo
 * portal dates everything that many days earlier and replays the days between with the chosen flow
 * working well; Flowpilot moves its own records of that portal (analyses, followed advice, alerts)
 * back as far and drops the mirror of its tasks, for the full sync the caller starts next.
 */
export async function moveDemoOn(
  db: PrismaClient,
  box: SecretBox,
  input: z.infer<typeof moveDemoOnInputSchema>,
): Promise<MovedDemoOn & { portalId: string }> {
  const flow = await db.flow.findUnique({
    where: { id: input.flowId },
    select: {
      bitrixFlowId: true,
      portalId: true,
      portal: { select: { kind: true, connection: { select: { sealedWebhookUrl: true } } } },
    },
  });
  if (!flow) throw new ActionError('not-found', 'No such flow.');
  const sealed = flow.portal.connection?.sealedWebhookUrl;
  if (flow.portal.kind !== 'demo' || !sealed)
    throw new ActionError('not-demo', 'Only the built-in demo company moves on.');
  if (await db.syncRun.findFirst({ where: { portalId: flow.portalId, state: 'running' }, select: { id: true } }))
    throw new ActionError('sync-running', 'A sync is running; move the demo on once it has finished.');

  const control = new URL('/_demo/control', box.open(sealed, 'portal_connection.sealedWebhookUrl'));
  const answer = await fetch(control, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moveOn: { days: input.days, flowId: flow.bitrixFlowId } }),
    signal: AbortSignal.timeout(120_000),
  }).catch(() => null);
  if (!answer?.ok) throw new ActionError('demo-unreachable', 'The demo portal did not move on.');
  const moved = movedOnSchema.parse(await answer.json());

  const shift = Prisma.sql`make_interval(days => ${input.days})`;
  const portalId = flow.portalId;
  await db.$transaction([
    db.$executeRaw`UPDATE copilot_analysis SET "startedAt" = "startedAt" - ${shift}, "finishedAt" = "finishedAt" - ${shift},
      "windowStart" = "windowStart" - ${shift}, "windowEnd" = "windowEnd" - ${shift} WHERE "portalId" = ${portalId}::uuid`,
    db.$executeRaw`UPDATE copilot_message_action a SET "createdAt" = a."createdAt" - ${shift}
      FROM copilot_analysis c WHERE a."analysisId" = c.id AND c."portalId" = ${portalId}::uuid`,
    db.$executeRaw`UPDATE copilot_followed_message m SET "actedAt" = m."actedAt" - ${shift}, "createdAt" = m."createdAt" - ${shift}
      FROM flow f WHERE m."flowId" = f.id AND f."portalId" = ${portalId}::uuid`,
    db.$executeRaw`UPDATE alert_episode e SET "openedAt" = e."openedAt" - ${shift}, "clearedAt" = e."clearedAt" - ${shift}
      FROM alert_rule r JOIN flow f ON f.id = r."flowId" WHERE e."ruleId" = r.id AND f."portalId" = ${portalId}::uuid`,
    db.$executeRaw`UPDATE alert_delivery d SET "createdAt" = d."createdAt" - ${shift}, "sentAt" = d."sentAt" - ${shift}
      FROM flow f WHERE d."flowId" = f.id AND f."portalId" = ${portalId}::uuid`,
    // The mirror is read again: its dates, histories and figures all moved.
    db.taskChange.deleteMany({ where: { portalId } }),
    db.task.deleteMany({ where: { portalId } }),
    db.flowDailyFigure.deleteMany({ where: { flow: { portalId } } }),
    db.flowListFigure.deleteMany({ where: { flow: { portalId } } }),
  ]);
  return { ...moved, portalId };
}
