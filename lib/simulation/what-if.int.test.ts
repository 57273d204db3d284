import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/auth/guards';
import type { Viewer } from '@/lib/auth/viewer';
import type { FlowCause } from '@/lib/demo-portal/generator/flow-causes';
import { executeSyncRun } from '@/lib/sync/run-sync';
import { requestSyncRun } from '@/lib/sync/sync-runs';
import { syncFixture } from '@/lib/sync/testing/sync-fixture';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import type { FlowLevers } from './flow-levers';
import type { Simulation } from './simulate-flow';

vi.mock('@/lib/auth/session', () => ({ getViewer: vi.fn() }));
const app = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/lib/db/client', async (original) => ({ ...(await original<object>()), db: () => app.db }));
const { getViewer } = await import('@/lib/auth/session');
const { simulateWhatIf, whatIfModel } = await import('./flow-what-if');
const { whatIfPage } = await import('./what-if-page');
const { simulateFlowAction } = await import('@/lib/actions/simulate-flow');

/**
 * The What if tab on a generated company synced from the demo portal: the simulator reads the
 * mirror, and the flows built with a known cause answer the matching lever the right way.
 */
let database: MigratedDatabase;
const flowIds = new Map<FlowCause, string>();

beforeAll(async () => {
  database = await migratedDatabase();
  app.db = database.db;
  const fixture = await syncFixture(database.db, { seed: 11, tasks: 1500 });
  const { run } = await requestSyncRun(database.db, fixture.portalId, 'full');
  expect(await executeSyncRun({ db: database.db, client: fixture.client(), owner: 'test' }, run.id)).toBe('succeeded');
  await fixture.portal.stop();
  for (const flow of await database.db.flow.findMany({ select: { id: true, bitrixFlowId: true } })) {
    const cause = fixture.flowCauses.get(flow.bitrixFlowId);
    if (cause && !flowIds.has(cause)) flowIds.set(cause, flow.id);
  }
}, 120_000);
afterAll(() => database?.drop());

const flowOf = (cause: FlowCause) => flowIds.get(cause)!;
/** Efficiency in 30 days as it is and with the levers. */
const efficiencies = async (cause: FlowCause, levers: FlowLevers) =>
  Promise.all(
    [{}, levers].map(async (set) => (await simulateWhatIf(database.db, flowOf(cause), set)).efficiency.median),
  );

describe('What if on a synced company', () => {
  it('suggests a longer planned time for the flow whose plan is too short, and the simulation rises with it', async () => {
    const page = await whatIfPage(database.db, flowOf('planned-time-too-short'));
    if ('error' in page.model) throw new Error(page.model.error);
    expect(page.calibration.basis).toBeGreaterThan(10);
    expect(page.calibration.current.onTime).toBeLessThan(0.8);
    expect(page.suggestedPlannedHours).toBeGreaterThan(page.model.plannedHours);
    const [before, after] = await efficiencies('planned-time-too-short', { plannedHours: page.suggestedPlannedHours! });
    expect(after).toBeGreaterThan(before! + 10);
  });

  it('finds one person with most of the overloaded flow, and spreading the load raises efficiency', async () => {
    const model = await whatIfModel(database.db, flowOf('overloaded-assignee'));
    if (model === null || 'error' in model) throw new Error('no model');
    expect(model.people[0]!.sharePercent).toBeGreaterThan(40);
    const [before, after] = await efficiencies('overloaded-assignee', { load: { kind: 'spread' } });
    expect(after).toBeGreaterThan(before!);
  });

  it('answers the delivery questions, and refuses a day to ask about that is not ahead', async () => {
    const page = await whatIfPage(database.db, flowOf('healthy'));
    const { backlog, by, basis } = page.delivery;
    expect(basis.completed).toBeGreaterThan(0);
    if (backlog.count > 0) expect(backlog.doneBy!.p50 <= backlog.doneBy!.p95).toBe(true);
    expect(by.atLeast.p50).toBeGreaterThanOrEqual(by.atLeast.p95);
    expect(by.invalid).toBe(false);
    for (const hostile of ['2001-01-01', 'tomorrow', "'; DROP TABLE task; --", '9999-99-99', '2027-02-30']) {
      const refused = await whatIfPage(database.db, flowOf('healthy'), { by: hostile });
      expect(refused.delivery.by).toMatchObject({ invalid: true, day: by.day });
    }
  });

  it('gives the same numbers for the same flow and levers', async () => {
    const levers = { arrivalsPercent: 30, addPeople: 1 };
    const first = await simulateWhatIf(database.db, flowOf('healthy'), levers);
    expect(await simulateWhatIf(database.db, flowOf('healthy'), levers)).toEqual(first);
    expect(first).not.toEqual(await simulateWhatIf(database.db, flowOf('healthy'), {}));
  });
});

describe('simulateFlowAction', () => {
  const viewer = (role: Viewer['role']): Viewer => ({
    id: `u-${role}`,
    email: `${role}@x.test`,
    name: role,
    role,
    portalId: null,
    bitrixUserId: null,
  });
  const simulate = (input: unknown) => simulateFlowAction(input as never) as Promise<ActionResult<Simulation>>;

  it('lets an executive read the flow as it is but not move levers', async () => {
    vi.mocked(getViewer).mockResolvedValue(viewer('executive'));
    const flowId = flowOf('healthy');
    expect(await simulate({ flowId, levers: {} })).toMatchObject({ ok: true, data: { runs: 1000 } });
    expect(await simulate({ flowId, levers: { addPeople: 1 } })).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('refuses bad levers with a code for each', async () => {
    vi.mocked(getViewer).mockResolvedValue(viewer('admin'));
    const flowId = flowOf('healthy');
    const refused = await simulate({ flowId, levers: { plannedHours: 0, addPeople: -2, arrivalsPercent: 5000 } });
    expect(refused).toMatchObject({ ok: false, error: 'invalid' });
    expect(!refused.ok && refused.fields?.levers?.sort()).toEqual(['add-people', 'arrivals-percent', 'planned-hours']);
    expect(await simulate({ flowId, levers: { removePeople: [999_999] } })).toMatchObject({
      ok: false,
      error: 'remove-unknown-person',
    });
    expect(await simulate({ flowId: 'not-a-flow', levers: {} })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await simulate({ flowId: '00000000-0000-4000-8000-000000000000', levers: {} })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
  });
});
