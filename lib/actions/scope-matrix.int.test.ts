import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/auth/guards';
import type { Viewer } from '@/lib/auth/viewer';
import { serverActionModules } from '@/lib/testing/source-files';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';

vi.mock('@/lib/auth/session', () => ({ getViewer: vi.fn() }));
vi.mock('next-intl/server', () => ({ getLocale: async () => 'en' }));
vi.mock('next/server', () => ({ after: (work: () => Promise<void>) => void work() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The actions read the app's database and secret box; here they are this test's.
const app = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/lib/db/client', async (original) => ({ ...(await original<object>()), db: () => app.db }));
vi.mock('@/lib/security/app-secret-box', async () => {
  const { secretBox } = await import('@/lib/security/secret-box');
  const box = secretBox('scope-matrix-encryption-key-of-enough-length');
  return { appSecretBox: () => box };
});
const { getViewer } = await import('@/lib/auth/session');

/**
 * A lead's scope, through the actions themselves: valid input that names a flow, or a CoPilot
 * message or analysis of a flow, outside the lead's flows gets the same "not found" as an id that
 * does not exist, and changes nothing; the same input for the lead's own flow passes.
 */
let database: MigratedDatabase;
let lead: Viewer;
const ids: { own: string; other: string; ownAnalysis: string; otherAnalysis: string } = {
  own: '',
  other: '',
  ownAnalysis: '',
  otherAnalysis: '',
};

/** Actions that take a flow, a message or an analysis: each is listed below. */
const scopedActions = [
  'requestAnalysisAction',
  'createTaskFromMessageAction',
  'createMeetingFromMessageAction',
  'rateCopilotMessageAction',
  'markMessageFollowedAction',
  'saveAlertRuleAction',
  'sendTestAlertAction',
  'simulateFlowAction',
];

beforeAll(async () => {
  database = await migratedDatabase();
  app.db = database.db;
  const { db } = database;
  const portal = await db.portal.create({
    data: { memberId: 'scope', domain: 'scope.bitrix24.test', kind: 'webhook' },
  });
  await db.employee.createMany({
    data: [
      { portalId: portal.id, bitrixUserId: 11, name: 'Lead' },
      { portalId: portal.id, bitrixUserId: 13, name: 'Other' },
    ],
  });
  const flow = (name: string, bitrixFlowId: number, ownerId: number) =>
    db.flow.create({
      data: {
        portalId: portal.id,
        bitrixFlowId,
        name,
        ownerId,
        members: { create: [{ bitrixUserId: ownerId, role: 'owner' }] },
      },
      select: { id: true },
    });
  ids.own = (await flow('Own', 1, 11)).id;
  ids.other = (await flow('Other', 2, 13)).id;
  const analysis = (flowId: string) =>
    db.copilotAnalysis.create({
      data: {
        portalId: portal.id,
        flowId,
        trigger: 'first',
        state: 'succeeded',
        model: 'builtin',
        locale: 'en',
        efficiency: 50,
        taskCount: 40,
        windowStart: new Date(Date.now() - 30 * 86_400_000),
        windowEnd: new Date(),
        messages: [{ findingIds: ['f1'], factor: 'A factor.', advice: 'An advice.' }],
      },
      select: { id: true },
    });
  ids.ownAnalysis = (await analysis(ids.own)).id;
  ids.otherAnalysis = (await analysis(ids.other)).id;
  const user = await db.user.create({
    data: { email: 'lead@scope.test', name: 'Lead', role: 'lead', portalId: portal.id, bitrixUserId: 11 },
  });
  lead = { id: user.id, email: user.email, name: user.name, role: 'lead', portalId: portal.id, bitrixUserId: 11 };
});
afterAll(() => database.drop());
beforeEach(() => vi.mocked(getViewer).mockResolvedValue(lead));

type Action = (input: unknown) => Promise<ActionResult<unknown>>;
async function action(file: string, name: string): Promise<Action> {
  return ((await import(/* @vite-ignore */ `@/lib/actions/${file}`)) as Record<string, Action>)[name]!;
}

const soon = () => new Date(Date.now() + 86_400_000).toISOString();

describe("a lead's flow scope, through the actions", () => {
  it('lists every action that takes a flow, a CoPilot message or an analysis', async () => {
    const touching: string[] = [];
    for (const file of (await serverActionModules(['lib'])).modules) {
      const source = await readFile(file, 'utf8');
      if (
        !/lib\/(copilot\/analysis\/(message-actions|request-analysis)|alerts\/(alert-rules|send-test-alert)|flows\/flow-access)'/.test(
          source,
        )
      )
        continue;
      touching.push(...[...source.matchAll(/export const (\w+Action)\b/g)].map((match) => match[1]!));
    }
    expect(touching.sort()).toEqual([...scopedActions].sort());
  });

  it('requestAnalysisAction: another flow is not found, like an unknown one', async () => {
    const request = await action('request-analysis', 'requestAnalysisAction');
    for (const flowId of [ids.other, '00000000-0000-4000-8000-000000000000']) {
      expect(await request({ flowId, fresh: true })).toMatchObject({ ok: false, error: 'not-found' });
    }
    expect(await database.db.copilotAnalysis.count({ where: { flowId: ids.other } })).toBe(1);
    expect(await request({ flowId: ids.own })).toMatchObject({ ok: true });
  });

  it('rateCopilotMessageAction: a message of another flow is not found, and no vote is kept', async () => {
    const rate = await action('rate-copilot-message', 'rateCopilotMessageAction');
    expect(await rate({ analysisId: ids.otherAnalysis, messageIndex: 0, helpful: false })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
    expect(await database.db.copilotFeedback.count()).toBe(0);
    expect(await rate({ analysisId: ids.ownAnalysis, messageIndex: 0, helpful: true })).toMatchObject({ ok: true });
  });

  it('markMessageFollowedAction: a message of another flow is not found, and nothing is followed', async () => {
    const mark = await action('mark-message-followed', 'markMessageFollowedAction');
    const today = new Date().toISOString().slice(0, 10);
    expect(await mark({ analysisId: ids.otherAnalysis, messageIndex: 0, date: today })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
    expect(await database.db.copilotFollowedMessage.count()).toBe(0);
  });

  it('createTaskFromMessageAction and createMeetingFromMessageAction: a message of another flow is not found, nothing is created', async () => {
    const createTask = await action('create-task-from-message', 'createTaskFromMessageAction');
    const createMeeting = await action('create-meeting-from-message', 'createMeetingFromMessageAction');
    const task = {
      analysisId: ids.otherAnalysis,
      messageIndex: 0,
      title: 'Not mine',
      description: '',
      responsibleId: 13,
      deadline: soon(),
    };
    const meeting = {
      analysisId: ids.otherAnalysis,
      messageIndex: 0,
      name: 'Not mine',
      description: '',
      from: soon(),
      durationMinutes: 30,
      attendees: [13],
    };
    expect(await createTask(task)).toMatchObject({ ok: false, error: 'not-found' });
    expect(await createMeeting(meeting)).toMatchObject({ ok: false, error: 'not-found' });
    expect(await database.db.copilotMessageAction.count()).toBe(0);
  });

  it('saveAlertRuleAction and sendTestAlertAction: another flow is not found, and no rule is kept', async () => {
    const save = await action('save-alert-rule', 'saveAlertRuleAction');
    const test = await action('send-test-alert', 'sendTestAlertAction');
    const rule = { kind: 'queue_over', enabled: true, threshold: 5, extraRecipients: [] };
    for (const flowId of [ids.other, '00000000-0000-4000-8000-000000000000']) {
      expect(await save({ ...rule, flowId })).toMatchObject({ ok: false, error: 'not-found' });
      expect(await test({ flowId })).toMatchObject({ ok: false, error: 'not-found' });
    }
    expect(await database.db.alertRule.count()).toBe(0);
    expect(await database.db.alertDelivery.count()).toBe(0);
    expect(await save({ ...rule, flowId: ids.own })).toMatchObject({ ok: true });
  });

  it('simulateFlowAction: another flow is not found, like an unknown one', async () => {
    const simulate = await action('simulate-flow', 'simulateFlowAction');
    for (const flowId of [ids.other, '00000000-0000-4000-8000-000000000000'])
      expect(await simulate({ flowId, levers: {} })).toMatchObject({ ok: false, error: 'not-found' });
    // The lead's own flow has no history: it is found, and too young to simulate.
    expect(await simulate({ flowId: ids.own, levers: {} })).toMatchObject({ ok: false, error: 'too-little-history' });
  });

  it("the analysis API (analysisView): another flow's analysis is not there", async () => {
    const { analysisView } = await import('@/lib/copilot/analysis/analysis-view');
    expect(await analysisView(database.db, lead, ids.otherAnalysis, 'en')).toBeNull();
    expect(await analysisView(database.db, lead, ids.ownAnalysis, 'en')).not.toBeNull();
  });
});
