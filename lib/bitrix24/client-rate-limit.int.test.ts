import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bitrix24Client, type RetryNotice } from './client';
import { LeakyBucketLimiter } from './rate-limiter';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, manyTasks } from '@/lib/demo-portal/testing/fixture-company';

// Real time on purpose: the portal's bucket drains by the wall clock, as Bitrix24's does.
let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ company: fixtureCompany({ flows: [fixtureFlow(1)], tasks: manyTasks(60) }) });
});
afterAll(() => portal.stop());

describe('rate limiter against the portal bucket', () => {
  it('a burst of 64 calls at the default preset never draws QUERY_LIMIT_EXCEEDED', { timeout: 90_000 }, async () => {
    const notices: RetryNotice[] = [];
    const client = new Bitrix24Client({
      connection: { kind: 'webhook', url: portal.webhookUrl },
      onRetry: (notice) => notices.push(notice),
    });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 64 }, () => client.call('server.time')));
    expect(answers).toHaveLength(64);
    expect(notices).toEqual([]);
    // 45 at once, the other 19 at 2/s: the limiter, not luck, kept it under the limit.
    expect(Date.now() - started).toBeGreaterThan(7_000);
  });

  it(
    'recovers when the portal tightens its limit: refusals are waited out and every call completes',
    { timeout: 90_000 },
    async () => {
      portal.limits.settings = { ...portal.limits.settings, burst: 10, drainPerSecond: 2 };
      // A fresh bucket on the portal side for this client's calls.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const notices: RetryNotice[] = [];
      const limiter = new LeakyBucketLimiter();
      const client = new Bitrix24Client({
        connection: { kind: 'webhook', url: portal.webhookUrl },
        limiter,
        onRetry: (notice) => notices.push(notice),
      });
      const answers = await Promise.all(Array.from({ length: 20 }, () => client.call('server.time')));
      expect(answers).toHaveLength(20);
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.every((notice) => notice.error.kind === 'rate-limited')).toBe(true);
      // The client learned a smaller bucket than its preset.
      expect(limiter.estimate.burst).toBeLessThan(50);
    },
  );
});
