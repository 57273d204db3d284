import { beforeEach, describe, expect, it, vi } from 'vitest';
import { actionPolicy, type ActionResult, type GuardedAction } from '@/lib/auth/guards';
import type { Role } from '@/lib/auth/roles';
import type { Viewer } from '@/lib/auth/viewer';
import { serverActionModules } from '@/lib/testing/source-files';

vi.mock('@/lib/auth/session', () => ({ getViewer: vi.fn() }));
const { getViewer } = await import('@/lib/auth/session');

/**
 * Every server action in the app, and who may call it. The list of modules comes from the
 * source tree, so a new action that is not listed here, or not wrapped in a guard, fails.
 */
type Expected = 'public' | readonly Role[];
const expected: Record<string, Expected> = {
  setLocale: 'public',
  completeSetup: 'public',
  acceptInvitation: 'public',
  signOutEverywhereAction: ['admin', 'lead', 'executive'],
  inviteUserAction: ['admin'],
  reissueInviteAction: ['admin'],
  changeUserRoleAction: ['admin'],
  setUserActiveAction: ['admin'],
  linkUserEmployeeAction: ['admin'],
  setUserFlowGrantsAction: ['admin'],
  testWebhookConnectionAction: ['admin'],
  connectWebhookPortalAction: ['admin'],
  recheckPortalConnectionAction: ['admin'],
  createAppInstallLinkAction: ['admin'],
  saveAppKeysAction: ['admin'],
  disconnectPortalAction: ['admin'],
  addManualFlowIdsAction: ['admin'],
  removeManualFlowIdAction: ['admin'],
  requestAnalysisAction: ['admin', 'lead'],
  createTaskFromMessageAction: ['admin', 'lead'],
  createMeetingFromMessageAction: ['admin', 'lead'],
  rateCopilotMessageAction: ['admin', 'lead'],
  markMessageFollowedAction: ['admin', 'lead'],
  moveDemoOnAction: ['admin'],
  setCopilotEnabledAction: ['admin'],
  saveCopilotModelAction: ['admin'],
  testModelConnectionAction: ['admin'],
  previewModelRequestAction: ['admin'],
  saveAlertRuleAction: ['admin', 'lead'],
  saveAlertSettingsAction: ['admin'],
  sendTestAlertAction: ['admin', 'lead'],
  simulateFlowAction: ['admin', 'lead', 'executive'],
};

const viewers: Record<'anonymous' | Role, Viewer | null> = {
  anonymous: null,
  lead: { id: 'u-lead', email: 'lead@x.test', name: 'Lead', role: 'lead', portalId: null, bitrixUserId: null },
  executive: {
    id: 'u-exec',
    email: 'exec@x.test',
    name: 'Exec',
    role: 'executive',
    portalId: null,
    bitrixUserId: null,
  },
  admin: { id: 'u-admin', email: 'admin@x.test', name: 'Admin', role: 'admin', portalId: null, bitrixUserId: null },
};

async function discoverActions(): Promise<Map<string, GuardedAction<unknown, unknown>>> {
  const { modules } = await serverActionModules(['app', 'lib', 'components']);
  const actions = new Map<string, GuardedAction<unknown, unknown>>();
  for (const file of modules) {
    const exports = (await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, '')}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) actions.set(name, value as GuardedAction<unknown, unknown>);
  }
  return actions;
}

describe('server action authorization matrix', () => {
  beforeEach(() => vi.mocked(getViewer).mockReset());

  it('keeps every server action module in lib/actions/, and has no action declared inline where the matrix cannot reach it', async () => {
    const { modules, inline } = await serverActionModules(['app', 'lib', 'components']);
    expect(modules.length).toBeGreaterThan(0);
    expect(modules.filter((file) => !file.startsWith('lib/actions/'))).toEqual([]);
    expect(inline).toEqual([]);
  });

  it('lists exactly the actions the app has, each behind a guard', async () => {
    const actions = await discoverActions();
    expect([...actions.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [name, action] of actions) expect(action[actionPolicy], `${name} has no guard`).toBeDefined();
  });

  for (const [name, allowed] of Object.entries(expected)) {
    for (const [who, viewer] of Object.entries(viewers)) {
      const may = allowed === 'public' || (viewer !== null && allowed.includes(viewer.role));
      it(`${name} as ${who}: ${may ? 'passes the guard' : 'is refused'}`, async () => {
        vi.mocked(getViewer).mockResolvedValue(viewer);
        const action = (await discoverActions()).get(name)!;
        // Invalid input: a call that passes the guard stops at validation and touches nothing.
        const result = (await action(null)) as ActionResult<unknown>;
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toBe(may ? 'invalid' : viewer === null ? 'unauthorized' : 'forbidden');
      });
    }
  }
});
