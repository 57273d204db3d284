import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { createPrismaClient } from '@/lib/db/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { at, fixtureCompany, fixtureFlow, fixtureOffset, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { ActionError } from '@/lib/errors/action-error';
import { fullSyncOf } from '@/lib/sync/testing/full-sync-of';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { alertRuleInputSchema } from './alert-kinds';
import { flowAlertRules, saveAlertRule } from './alert-rules';
import { saveAlertSettings } from './alert-settings';
import { checkPortalAlerts, flowPageUrl } from './check-portal-alerts';
import { flowAlertsView } from './flow-alerts-view';
import { sendTestAlert } from './send-test-alert';

/**
 * Alerts end to end against the demo portal over HTTP and a real database: a condition fires once
 * per episode, to the right people, with a link; quiet hours and the daily cap hold alerts back
 * without losing them; two instances send once; a portal without `im`, or one that cannot be
 * reached, is recorded and nothing is sent twice.
 */
const hooks = [
  { userId: 1, code: 'alertshook000001', scopes: ['task', 'user', 'department', 'im'] },
  { userId: 1, code: 'noimhook00000001', scopes: ['task', 'user', 'department'] },
];
const hostileName = 'Поддержка [URL=https://evil.test]нажмите[/URL]';
const company = () =>
  fixtureCompany({
    flows: [
      // Bitrix24 tells the flow's administrator when more than 2 tasks wait: Flowpilot starts from that.
      fixtureFlow(1, { name: hostileName, notifyOnQueueOverflow: 2 }),
      fixtureFlow(2, { name: 'Закупки' }),
    ],
    tasks: [
      ...[1, 2, 3, 4].map((id) => fixtureTask(id, { flowId: '1', status: '2', responsibleId: '2' })),
      // Overdue: certain to close late.
      fixtureTask(5, { flowId: '2', status: '3', responsibleId: '3', dateStart: at(-20), deadline: at(-2) }),
    ],
  });

const admin: Viewer = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@x.test',
  name: 'A',
  role: 'admin',
  portalId: null,
  bitrixUserId: null,
};

let database: MigratedDatabase;
let portal: DemoPortal;
let portalId: string;
let flowId: string;
let secondFlowId: string;

const hookUrl = (code: string) => `${portal.url}/rest/1/${code}/`;
const clientWith = (code = hooks[0]!.code) =>
  new Bitrix24Client({ connection: { kind: 'webhook', url: hookUrl(code) } });
const check = (code?: string) =>
  checkPortalAlerts(database.db, async () => clientWith(code), portalId, {
    now: new Date(),
    flowUrl: (id) => flowPageUrl('https://flowpilot.example', id),
  });
const rest = (method: string, params: Parameters<Bitrix24Client['call']>[1]) => clientWith().call(method, params);
const sent = () => portal.state.notifications;

beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await portal?.stop();
  await database?.drop();
});
beforeEach(async () => {
  await portal?.stop();
  portal = await startDemoPortal({ company: company(), webhooks: hooks });
  await database.db.portal.deleteMany();
  await database.db.alertSettings.deleteMany();
  ({ id: portalId } = await database.db.portal.create({
    data: {
      memberId: 'alerts-member',
      domain: 'fixture.bitrix24.test',
      kind: 'webhook',
      timeZoneOffset: fixtureOffset,
    },
  }));
  expect(await fullSyncOf(database.db, portalId, hookUrl(hooks[0]!.code))).toBe('succeeded');
  ({ id: flowId } = await database.db.flow.findFirstOrThrow({ where: { portalId, bitrixFlowId: 1 } }));
  ({ id: secondFlowId } = await database.db.flow.findFirstOrThrow({ where: { portalId, bitrixFlowId: 2 } }));
  // No quiet hours unless a test sets them: the run may be at any hour.
  await saveAlertSettings(database.db, { quietFrom: 0, quietTo: 0, dailyCap: 10, locale: 'ru' });
});

/** Runs `write` while another instance has inserted the flow's default queue rule, uncommitted. */
const whileAnotherInstanceSavesTheDefaultRule = <T>(write: () => Promise<T>) =>
  whileAnotherInstanceWrites(
    database,
    (tx) =>
      tx.alertRule.create({ data: { flowId, kind: 'queue_over', enabled: true, threshold: 2, extraRecipients: [] } }),
    write,
  );

describe('alerts', () => {
  it('starts from the flow’s own Bitrix24 settings, so nothing new is switched on', async () => {
    const rules = await flowAlertRules(database.db, admin, flowId);
    expect(rules!.filter((rule) => rule.enabled)).toEqual([
      { id: null, kind: 'queue_over', enabled: true, threshold: 2, extraRecipients: [], source: 'bitrix24' },
    ]);
    expect((await flowAlertRules(database.db, admin, secondFlowId))!.some((rule) => rule.enabled)).toBe(false);
  });

  it('tells the flow owner once, with a link, and not again while the condition holds', async () => {
    expect(await check()).toMatchObject({ opened: 1, sent: 1 });
    expect(sent()).toHaveLength(1);
    const [notification] = sent();
    expect(notification!.userId).toBe(1);
    expect(notification!.message).toContain('в очереди 4 задачи — больше 2');
    expect(notification!.message).toContain(
      `[URL=https://flowpilot.example/flows/${flowId}]Открыть во Flowpilot[/URL]`,
    );
    // The flow's name is quoted inert: it cannot add a link of its own.
    expect(notification!.message).not.toContain('[URL=https://evil.test]');

    expect(await fullSyncOf(database.db, portalId, hookUrl(hooks[0]!.code))).toBe('succeeded');
    expect(await check()).toMatchObject({ opened: 0, sent: 0 });
    expect(sent()).toHaveLength(1);
  });

  it('fires again after the condition cleared and came back', async () => {
    await check();
    for (const taskId of [1, 2, 3]) await rest('tasks.task.start', { taskId });
    await fullSyncOf(database.db, portalId, hookUrl(hooks[0]!.code));
    expect(await check()).toMatchObject({ cleared: 1, sent: 0 });
    for (const title of ['Новая 1', 'Новая 2'])
      await rest('tasks.task.add', { fields: { TITLE: title, FLOW_ID: 1, RESPONSIBLE_ID: 2 } });
    await fullSyncOf(database.db, portalId, hookUrl(hooks[0]!.code));
    expect(await check()).toMatchObject({ opened: 1, sent: 1 });
    expect(sent().map((notification) => notification.message.match(/в очереди (\d+)/)?.[1])).toEqual(['4', '3']);
  });

  it('sends once when two app instances check at the same time', async () => {
    const other = createPrismaClient(database.url);
    try {
      const options = { now: new Date(), flowUrl: (id: string) => id };
      await Promise.all([
        checkPortalAlerts(database.db, async () => clientWith(), portalId, options),
        checkPortalAlerts(other, async () => clientWith(), portalId, options),
        checkPortalAlerts(other, async () => clientWith(), portalId, options),
      ]);
    } finally {
      await other.$disconnect();
    }
    expect(sent()).toHaveLength(1);
    expect(await database.db.alertDelivery.count()).toBe(1);
  });

  it('sends once when another instance saves the default rule while this one is saving it', async () => {
    expect(await whileAnotherInstanceSavesTheDefaultRule(check)).toMatchObject({ opened: 1, sent: 1 });
    expect(await database.db.alertRule.count({ where: { flowId } })).toBe(1);
    expect(sent()).toHaveLength(1);
  });

  it('saves an admin’s rule while another instance is saving the default one', async () => {
    const saved = await whileAnotherInstanceSavesTheDefaultRule(() =>
      saveAlertRule(database.db, admin, {
        flowId,
        kind: 'queue_over',
        enabled: true,
        threshold: 5,
        extraRecipients: [],
      }),
    );
    expect(saved).toMatchObject({ kind: 'queue_over', threshold: 5, source: 'flowpilot' });
    expect(await database.db.alertRule.findMany({ where: { flowId }, select: { threshold: true } })).toEqual([
      { threshold: 5 },
    ]);
  });

  it('tells a task’s assignee and the flow owner when the task is likely late', async () => {
    await saveAlertRule(database.db, admin, {
      flowId: secondFlowId,
      kind: 'task_risk_over',
      enabled: true,
      threshold: 80,
      extraRecipients: [],
    });
    await check();
    const risk = sent().filter((notification) => notification.message.includes('Закупки'));
    expect(risk.map((notification) => notification.userId).sort()).toEqual([1, 3]);
    expect(risk[0]!.message).toContain('задача «Задача 5» с вероятностью 100 % не успеет к сроку');
  });

  it('warns of a forecast drop, saying it is an estimate', async () => {
    await saveAlertRule(database.db, admin, {
      flowId: secondFlowId,
      kind: 'forecast_below',
      enabled: true,
      threshold: 100,
      extraRecipients: [],
    });
    await check();
    const forecast = sent().filter((notification) => notification.message.includes('Закупки'));
    expect(forecast.map((notification) => notification.userId)).toEqual([1]);
    expect(forecast[0]!.message).toMatch(
      /через 7 дней эффективность, по прогнозу, будет \d+ % — ниже порога 100 %\. Это оценка/,
    );
  });

  it('holds alerts in quiet hours and sends them once the hours end', async () => {
    const hour = new Date(Date.now() + offsetMinutes(fixtureOffset) * 60_000).getUTCHours();
    await saveAlertSettings(database.db, { quietFrom: hour, quietTo: (hour + 2) % 24, dailyCap: 10, locale: 'ru' });
    expect(await check()).toMatchObject({ opened: 1, sent: 0, held: 1 });
    expect(sent()).toHaveLength(0);
    expect(await database.db.alertDelivery.findFirst({ select: { state: true, reason: true } })).toEqual({
      state: 'held',
      reason: 'quiet-hours',
    });
    await saveAlertSettings(database.db, {
      quietFrom: (hour + 2) % 24,
      quietTo: (hour + 3) % 24,
      dailyCap: 10,
      locale: 'ru',
    });
    expect(await check()).toMatchObject({ sent: 1 });
    expect(sent()).toHaveLength(1);
  });

  it('keeps what is over the daily cap for the next day, and drops it if the condition clears first', async () => {
    await saveAlertSettings(database.db, { quietFrom: 0, quietTo: 0, dailyCap: 1, locale: 'ru' });
    await saveAlertRule(database.db, admin, {
      flowId,
      kind: 'efficiency_below',
      enabled: true,
      threshold: 100,
      extraRecipients: [],
    });
    await saveAlertRule(database.db, admin, {
      flowId: secondFlowId,
      kind: 'in_progress_over',
      enabled: true,
      threshold: 0,
      extraRecipients: [],
    });
    const round = await check();
    expect(round.opened).toBe(2);
    expect(sent()).toHaveLength(1);
    const held = await database.db.alertDelivery.findMany({
      where: { state: 'held' },
      select: { reason: true, episodeId: true },
    });
    expect(held).toEqual([expect.objectContaining({ reason: 'daily-cap' })]);
    await saveAlertRule(database.db, admin, {
      flowId: secondFlowId,
      kind: 'in_progress_over',
      enabled: true,
      threshold: 5,
      extraRecipients: [],
    });
    await check();
    expect(await database.db.alertDelivery.count({ where: { state: 'dropped', reason: 'cleared' } })).toBe(1);
    expect(sent()).toHaveLength(1);
  });

  it('records a portal without the im permission as a refusal, sends nothing and does not retry', async () => {
    expect(await check(hooks[1]!.code)).toMatchObject({ sent: 0, refused: 1 });
    expect(await database.db.alertDelivery.findFirst({ select: { state: true, reason: true } })).toEqual({
      state: 'refused',
      reason: 'missing-scope',
    });
    expect(await check()).toMatchObject({ sent: 0, refused: 0 });
    expect(sent()).toHaveLength(0);
    await database.db.portalConnection.create({
      data: { portalId, kind: 'webhook', scopes: ['task', 'user', 'department'] },
    });
    expect((await flowAlertsView(database.db, admin, flowId))!.missingImScope).toBe(true);
  });

  it('keeps an alert when the portal cannot be reached, and sends it on the next round', async () => {
    const unreachable = new Bitrix24Client({
      connection: { kind: 'webhook', url: hookUrl(hooks[0]!.code) },
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const round = await checkPortalAlerts(database.db, async () => unreachable, portalId, {
      now: new Date(),
      flowUrl: (id) => id,
    });
    expect(round).toMatchObject({ sent: 0, refused: 0, held: 1 });
    expect(await check()).toMatchObject({ sent: 1 });
    expect(sent()).toHaveLength(1);
  });

  it('refuses absurd thresholds and recipients outside the flow', async () => {
    const base = { flowId, kind: 'queue_over' as const, enabled: true, extraRecipients: [] };
    expect(alertRuleInputSchema.safeParse({ ...base, threshold: -1 }).success).toBe(false);
    expect(alertRuleInputSchema.safeParse({ ...base, threshold: 1e9 }).success).toBe(false);
    expect(alertRuleInputSchema.safeParse({ ...base, kind: 'task_risk_over', threshold: 100 }).success).toBe(false);
    expect(alertRuleInputSchema.safeParse({ ...base, threshold: 2.5 }).success).toBe(false);
    await expect(saveAlertRule(database.db, admin, { ...base, threshold: 3, extraRecipients: [999] })).rejects.toEqual(
      new ActionError('recipient-outside-flow', 'Not in the flow: 999.'),
    );
    const outsider: Viewer = {
      ...admin,
      id: '00000000-0000-4000-8000-000000000002',
      role: 'lead',
      portalId,
      bitrixUserId: 99,
    };
    await expect(saveAlertRule(database.db, outsider, { ...base, threshold: 3 })).rejects.toMatchObject({
      code: 'not-found',
    });
    const executive: Viewer = { ...admin, role: 'executive' };
    await expect(saveAlertRule(database.db, executive, { ...base, threshold: 3 })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await database.db.alertRule.count()).toBe(0);
  });

  it('sends a test to the viewer’s own employee and logs it; refuses a viewer without one', async () => {
    const linked: Viewer = { ...admin, portalId, bitrixUserId: 2 };
    const outcome = await sendTestAlert(database.db, async () => clientWith(), linked, {
      flowId,
      locale: 'en',
      flowUrl: (id) => flowPageUrl('https://flowpilot.example', id),
    });
    expect(outcome.bitrixNotificationId).toBeGreaterThan(0);
    expect(sent()).toEqual([expect.objectContaining({ userId: 2 })]);
    expect(sent()[0]!.message).toMatch(/^A test of Flowpilot’s alerts for the flow “Поддержка \[\u200bURL/);
    expect((await flowAlertsView(database.db, admin, flowId))!.log).toEqual([
      expect.objectContaining({ kind: null, state: 'sent', recipient: { id: 2, name: 'Пётр Петров' } }),
    ]);
    await expect(
      sendTestAlert(database.db, async () => clientWith(), admin, { flowId, locale: 'en', flowUrl: () => 'x' }),
    ).rejects.toMatchObject({ code: 'no-employee' });
    await expect(
      sendTestAlert(database.db, async () => clientWith(hooks[1]!.code), linked, {
        flowId,
        locale: 'en',
        flowUrl: () => 'x',
      }),
    ).rejects.toMatchObject({ code: 'missing-scope' });
  });
});
