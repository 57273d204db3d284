import { describe, expect, it } from 'vitest';
import { Bitrix24Client } from '../client';
import { startDemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany } from '@/lib/demo-portal/testing/fixture-company';
import type { Json } from '../testing/documented/documented-answer';
import { documentedTransport } from '../testing/documented-transport';
import { listUsers } from './directory';

/**
 * user.get rows of people outside the company structure. Extranet users are added without
 * departments (b24restdocs `api-reference/user/user-add.md`: an intranet user must have
 * `UF_DEPARTMENT`, an extranet user is given groups instead), and e-mail and bot users
 * (`USER_TYPE`, b24restdocs `api-reference/user/user-get.md`) have none either: their
 * `UF_DEPARTMENT` comes as `false`, `""`, missing, or a single value rather than a list. One such
 * row must not fail the whole page of the directory.
 */
const oddRows: Json[] = [
  { ID: '1', ACTIVE: true, NAME: 'Ирина', LAST_NAME: 'Админова', UF_DEPARTMENT: [1], USER_TYPE: 'employee' },
  { ID: '2', ACTIVE: true, NAME: 'Гость', LAST_NAME: 'Экстранет', UF_DEPARTMENT: false, USER_TYPE: 'extranet' },
  { ID: '3', ACTIVE: true, NAME: 'Почта', LAST_NAME: '', UF_DEPARTMENT: '', USER_TYPE: 'email' },
  { ID: '4', ACTIVE: true, NAME: 'Бот', LAST_NAME: '', USER_TYPE: 'bot' },
  { ID: '5', ACTIVE: true, NAME: 'Анна', LAST_NAME: 'Смирнова', UF_DEPARTMENT: '7', USER_TYPE: 'employee' },
  { ID: '6', ACTIVE: false, NAME: 'Олег', LAST_NAME: 'Уволенный', UF_DEPARTMENT: 3, USER_TYPE: 'employee' },
  { ID: '7', ACTIVE: true, NAME: 'Пустой', LAST_NAME: 'Список', UF_DEPARTMENT: null, USER_TYPE: 'employee' },
];

describe('user.get rows without a department list', () => {
  it('reads every row of the page, with no departments or the one department given', async () => {
    const { fetch } = documentedTransport({
      'user.get': (params) => ({
        source: 'api-reference/user/user-get.md',
        status: 200,
        body: {
          result: Number((params.FILTER as Record<string, unknown>)['>ID']) > 0 ? [] : oddRows,
          total: oddRows.length,
        },
      }),
    });
    const client = new Bitrix24Client({
      connection: { kind: 'webhook', url: 'https://some-domain.bitrix24.com/rest/1/abcdef0123456789/' },
      fetch,
    });
    const users = await listUsers(client);
    expect(users.map((user) => [user.ID, user.UF_DEPARTMENT])).toEqual([
      ['1', [1]],
      ['2', []],
      ['3', []],
      ['4', []],
      ['5', [7]],
      ['6', [3]],
      ['7', []],
    ]);
  });

  it('the demo portal serves a user in no department as Bitrix24 does, and the client reads it', async () => {
    const company = fixtureCompany();
    company.users.push({
      ID: '9',
      ACTIVE: true,
      NAME: 'Гость',
      LAST_NAME: 'Экстранет',
      UF_DEPARTMENT: [],
      USER_TYPE: 'extranet',
    });
    const portal = await startDemoPortal({ company });
    try {
      const client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
      const raw = await client.call('user.get', { FILTER: { ID: 9 } });
      expect(raw.result).toMatchObject([{ ID: '9', UF_DEPARTMENT: false }]);
      expect((await listUsers(client)).find((user) => user.ID === '9')?.UF_DEPARTMENT).toEqual([]);
    } finally {
      await portal.stop();
    }
  });
});
