import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { fixtureCompany, fixtureFlow } from './testing/fixture-company';
import { startDemoPortal, type DemoPortal } from './server';

/**
 * tasks.task.add with FLOW_ID as the tasks module handles it (bitrix24-core-corp
 * modules/tasks/lib/Flow/Control/Task/Field/FlowFieldHandler.php, `modify`): an active flow sets
 * the assignee and the deadline by its rules; an inactive one only loses FLOW_ID, and the task is
 * made with the fields it was given.
 */
type AddedTask = { task: { id: string; flowId: string | null; responsibleId: string; deadline: string | null } };

let portal: DemoPortal;
let client: Bitrix24Client;
beforeAll(async () => {
  portal = await startDemoPortal({
    company: fixtureCompany({
      flows: [fixtureFlow(1), fixtureFlow(2, { active: false })],
    }),
  });
  client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
});
afterAll(() => portal.stop());

describe('a task added in a flow on the demo portal', () => {
  it('takes the assignee and the deadline from an active flow, whatever it was given', async () => {
    const { result } = await client.call<AddedTask>('tasks.task.add', {
      fields: { TITLE: 'В активный поток', FLOW_ID: 1, RESPONSIBLE_ID: 3, DEADLINE: '2030-01-01T12:00:00+03:00' },
    });
    expect(result.task.flowId).toBe('1');
    expect(result.task.responsibleId).toBe('2');
    expect(result.task.deadline).not.toBe('2030-01-01T12:00:00+03:00');
  });

  it('drops FLOW_ID for an inactive flow and keeps the given assignee and deadline', async () => {
    const { result } = await client.call<AddedTask>('tasks.task.add', {
      fields: { TITLE: 'В отключённый поток', FLOW_ID: 2, RESPONSIBLE_ID: 3, DEADLINE: '2030-01-01T12:00:00+03:00' },
    });
    expect(result.task.flowId).toBeNull();
    expect(result.task.responsibleId).toBe('3');
    expect(Date.parse(result.task.deadline!)).toBe(Date.parse('2030-01-01T12:00:00+03:00'));
  });

  it('refuses a flow that does not exist', async () => {
    await expect(
      client.call('tasks.task.add', { fields: { TITLE: 'В несуществующий поток', FLOW_ID: 99, RESPONSIBLE_ID: 3 } }),
    ).rejects.toMatchObject({ details: { httpStatus: 400 } });
  });
});

/**
 * The deadline of a flow task as the tasks module computes it (docs/bitrix24.md, "A flow task's
 * deadline"), with the portal's own calendar: here the documented example's, Russia's holidays.
 */
describe('the deadline a flow that matches work time gives', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // A portal of its own, started at the faked moment: its rate limits keep time by the same clock.
  const addedAt = async (now: string, flowId: number) => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(now));
    const dated = await startDemoPortal({
      company: fixtureCompany({
        flows: [
          fixtureFlow(3, { plannedCompletionTime: 4 * 3600, matchWorkTime: true }),
          fixtureFlow(4, { plannedCompletionTime: 24 * 3600, matchWorkTime: true }),
        ],
      }),
    });
    try {
      const { result } = await new Bitrix24Client({
        connection: { kind: 'webhook', url: dated.webhookUrl },
      }).call<AddedTask>('tasks.task.add', { fields: { TITLE: 'Срок', FLOW_ID: flowId } });
      return Date.parse(result.task.deadline!);
    } finally {
      await dated.stop();
    }
  };

  it('moves a deadline past the working day to the next morning, a Saturday too', async () => {
    // Friday 17:00 + 4 h is 21:00, after 19:00: Saturday 9:00.
    expect(await addedAt('2026-11-13T17:00:00+03:00', 3)).toBe(Date.parse('2026-11-14T09:00:00+03:00'));
  });

  it("skips the portal's holiday and rounds up to five minutes", async () => {
    // Tuesday 10:02:30 + 24 h: 13 h 58 min of Tuesday, 4 November off, 10 h 2 min of Thursday, then 10:05.
    expect(await addedAt('2026-11-03T10:02:30+03:00', 4)).toBe(Date.parse('2026-11-05T10:05:00+03:00'));
  });
});
