import { companyFromLines } from '@/lib/demo-portal/company-file';
import { DEFAULT_TASK_COUNT, generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { allScopes } from '@/lib/demo-portal/rest/registry';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import type { PrismaClient } from '@/lib/db/client';
import type { SecretBox } from '@/lib/security/secret-box';
import { saveWebhookConnection } from './portal-connection';

/**
 * The built-in demo portal of a deployment without a Bitrix24 connection (README.md, "What runs
 * by default"): a generated company (the same one every start) served on loopback, connected like
 * any portal, by webhook, with an outgoing webhook posting its task events to the app (as an
 * admin sets one up in the portal; event.bind needs an app), so the whole real path (REST, sync,
 * events, mirror) runs from the first start.
 */
export const demoCompanySeed = 2026;

/** Whether this deployment runs on the demo portal: no portal other than a demo one is known. */
export async function usesDemoPortal(db: PrismaClient): Promise<boolean> {
  return (await db.portal.count({ where: { kind: { not: 'demo' } } })) === 0;
}

export async function startDemoConnection(options: {
  db: PrismaClient;
  box: SecretBox;
  /** A stable secret for the webhook code, so the stored connection stays valid across starts. */
  webhookCode: string;
  /** Where the portal posts task events: the app's POST /api/bitrix24/events. */
  eventsUrl: string;
  tasks?: number;
}): Promise<{ portal: DemoPortal; portalId: string }> {
  const generated = generateCompany({ seed: demoCompanySeed, tasks: options.tasks ?? DEFAULT_TASK_COUNT });
  const company = companyFromLines(generated.header, generated.lines());
  const admin = company.users.find((user) => user.ACTIVE)!;
  const portal = await startDemoPortal({
    company,
    webhooks: [{ userId: Number(admin.ID), code: options.webhookCode, scopes: allScopes }],
  });
  try {
    // Known by its domain, like any webhook portal, until the first event tells its member id.
    const known = await options.db.portal.findFirst({
      where: { kind: 'demo', domain: company.header.domain },
      select: { memberId: true },
    });
    const { portalId } = await saveWebhookConnection(options.db, options.box, {
      identity: {
        memberId: known?.memberId ?? company.header.domain,
        domain: company.header.domain,
        kind: 'demo',
        timeZoneOffset: company.header.timeZoneOffset,
      },
      webhookUrl: portal.webhookUrl,
      applicationToken: portal.state.addOutgoingWebhook(options.eventsUrl, [
        'ONTASKADD',
        'ONTASKUPDATE',
        'ONTASKDELETE',
      ]),
      scopes: allScopes,
    });
    return { portal, portalId };
  } catch (error) {
    await portal.stop();
    throw error;
  }
}
