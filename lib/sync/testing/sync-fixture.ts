import { Bitrix24Client, type Bitrix24ClientOptions } from '@/lib/bitrix24/client';
import { companyFromLines } from '@/lib/demo-portal/company-file';
import type { CompanyKind } from '@/lib/demo-portal/generator/cause-mix';
import { generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '@/lib/demo-portal/server';
import { LeakyBucketLimiter } from '@/lib/bitrix24/rate-limiter';
import type { PrismaClient } from '@/lib/db/client';

/**
 * A generated company on a demo portal and a portal row for it, for sync tests. The portal's
 * limits are lifted unless a test sets them: rate limiting has its own tests, and these are
 * about what ends up in the mirror.
 */
export async function syncFixture(
  db: PrismaClient,
  options: { seed: number; tasks: number; kind?: CompanyKind; portal?: Partial<DemoPortalOptions> },
) {
  const generated = generateCompany({ seed: options.seed, tasks: options.tasks, kind: options.kind });
  const company = companyFromLines(generated.header, generated.lines());
  const portal: DemoPortal = await startDemoPortal({
    company,
    limits: { burst: 100_000, drainPerSecond: 100_000 },
    ...options.portal,
  });
  const { id: portalId } = await db.portal.create({
    data: {
      memberId: company.header.memberId,
      domain: company.header.domain,
      kind: 'demo',
      timeZoneOffset: company.header.timeZoneOffset,
    },
  });
  const client = (options: { limiter?: LeakyBucketLimiter; onRetry?: Bitrix24ClientOptions['onRetry'] } = {}) =>
    new Bitrix24Client({
      connection: { kind: 'webhook', url: portal.webhookUrl },
      limiter: options.limiter ?? new LeakyBucketLimiter({ burst: 100_000, drainPerSecond: 100_000 }),
      maxRetries: 8,
      onRetry: options.onRetry,
    });
  return { company, portal, portalId, client, flowCauses: generated.flowCauses, flowMixes: generated.flowMixes };
}
