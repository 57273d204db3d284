import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import { at, deadlineMove, fixtureCompany, fixtureFlow, fixtureTask } from './testing/fixture-company';
import { startDemoPortal, type DemoPortal } from './server';

/**
 * The demo portal's `tasks.task.history.list` writes what Bitrix24 writes: the docs' row shape with
 * integer ids (b24restdocs: api-reference/tasks/tasks-task-history-list.md) and the values the
 * tasks module stores (bitrix24-core-corp: modules/tasks/classes/general/tasklog.php,
 * `UnifyFields`): DEADLINE as Unix seconds, `""` for no deadline, STATUS and RESPONSIBLE_ID as
 * integer text.
 */
const portals: DemoPortal[] = [];
afterEach(async () => {
  await Promise.all(portals.splice(0).map((portal) => portal.stop()));
});

const day = 24;
const rowSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  field: z.string(),
  value: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  user: z.object({ id: z.number() }).passthrough(),
});
const listSchema = z.object({ list: z.array(rowSchema) });

async function historyOf(client: Bitrix24Client, taskId: number) {
  return (await client.call('tasks.task.history.list', { taskId, order: { createdDate: 'asc' } }, listSchema)).result
    .list;
}

const seconds = (iso: string) => String(parsePortalDate(iso)! / 1000);

describe('task history on the demo portal', () => {
  it('serves deadline moves as Unix timestamps, from the company file and from updates, shifted with the rest of the company', async () => {
    const company = fixtureCompany({
      flows: [fixtureFlow(1)],
      tasks: [fixtureTask(7, { flowId: '1', createdDate: at(-10 * day), deadline: at(5 * day) })],
      history: [deadlineMove(7, 1, at(-8 * day), at(-5 * day), at(5 * day))],
    });
    const portal = await startDemoPortal({ company });
    portals.push(portal);
    const client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
    const shift = portal.state.shiftMs / 1000;

    const [moved] = await historyOf(client, 7);
    expect(moved).toMatchObject({ id: 1, field: 'DEADLINE', user: { id: 1 } });
    expect(moved!.value).toEqual({
      from: String(Number(seconds(at(-5 * day))) + shift),
      to: String(Number(seconds(at(5 * day))) + shift),
    });

    const newDeadline = '2031-02-03T18:00:00+03:00';
    await client.call('tasks.task.update', { taskId: 7, fields: { DEADLINE: newDeadline } });
    await client.call('tasks.task.update', { taskId: 7, fields: { DEADLINE: '' } });
    await client.call('tasks.task.update', { taskId: 7, fields: { RESPONSIBLE_ID: 3 } });
    await client.call('tasks.task.start', { taskId: 7 });
    const rows = (await historyOf(client, 7)).slice(1).map((row) => [row.field, row.value.from, row.value.to]);
    expect(rows).toEqual([
      ['DEADLINE', moved!.value.to, seconds(newDeadline)],
      ['DEADLINE', seconds(newDeadline), ''],
      ['RESPONSIBLE_ID', '2', '3'],
      ['STATUS', '2', '3'],
    ]);
  });

  it('starts a first deadline from "" as the module does', async () => {
    const portal = await startDemoPortal({ company: fixtureCompany({ tasks: [fixtureTask(3)] }) });
    portals.push(portal);
    const client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
    await client.call('tasks.task.update', { taskId: 3, fields: { DEADLINE: '2031-02-03T18:00:00+03:00' } });
    expect((await historyOf(client, 3)).map((row) => row.value)).toEqual([
      { from: '', to: seconds('2031-02-03T18:00:00+03:00') },
    ]);
  });
});
