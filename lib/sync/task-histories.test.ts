import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { historyRowSchema } from '@/lib/bitrix24/schemas';
import { historyChanges } from './task-histories';

/**
 * A `tasks.task.history.list` answer as Bitrix24 writes it. The envelope and the row shape follow
 * the docs' example (b24restdocs: api-reference/tasks/tasks-task-history-list.md: integer ids, ISO
 * `createdDate`, `null` or `""` for an empty value). The values are what the tasks module stores
 * (bitrix24-core-corp: modules/tasks/classes/general/tasklog.php, `UnifyFields`): STATUS and
 * RESPONSIBLE_ID as integer text, DEADLINE as a Unix timestamp in seconds (`MakeTimeStamp` minus
 * `CTimeZone::getOffset()`, so a true UTC instant), an empty deadline as `""`. The controller
 * passes the stored text through (modules/tasks/lib/rest/controllers/task/history.php).
 */
const answer = {
  result: {
    list: [
      {
        id: 16359,
        createdDate: '2024-09-30T10:00:00+03:00',
        field: 'NEW',
        value: { from: null, to: null },
        user: { id: 503, name: 'Maria', lastName: 'Johnson', secondName: '', login: 'maria@mysite.com' },
      },
      {
        id: 16361,
        createdDate: '2024-09-30T10:00:00+03:00',
        field: 'DEADLINE',
        value: { from: '', to: '1727780400' },
        user: { id: 503, name: 'Maria', lastName: 'Johnson', secondName: '', login: 'maria@mysite.com' },
      },
      {
        id: 16363,
        createdDate: '2024-09-30T11:30:00+03:00',
        field: 'RESPONSIBLE_ID',
        value: { from: '503', to: '547' },
        user: { id: 503, name: 'Maria', lastName: 'Johnson', secondName: '', login: 'maria@mysite.com' },
      },
      {
        id: 16365,
        createdDate: '2024-09-30T12:00:00+03:00',
        field: 'STATUS',
        value: { from: '2', to: '3' },
        user: { id: 547, name: 'Ivan', lastName: 'Petrov', secondName: '', login: 'ivan@mysite.com' },
      },
      {
        id: 16367,
        createdDate: '2024-09-30T12:01:00+03:00',
        field: 'COMMENT',
        value: { from: null, to: '3409' },
        user: { id: 547, name: 'Ivan', lastName: 'Petrov', secondName: '', login: 'ivan@mysite.com' },
      },
      {
        id: 16369,
        createdDate: '2024-10-01T09:15:00+03:00',
        field: 'DEADLINE',
        value: { from: '1727780400', to: '1728039600' },
        user: { id: 503, name: 'Maria', lastName: 'Johnson', secondName: '', login: 'maria@mysite.com' },
      },
      {
        id: 16371,
        createdDate: '2024-10-02T16:40:00+03:00',
        field: 'DEADLINE',
        value: { from: '1728039600', to: '' },
        user: { id: 503, name: 'Maria', lastName: 'Johnson', secondName: '', login: 'maria@mysite.com' },
      },
      {
        id: 16373,
        createdDate: '2024-10-03T18:00:00+03:00',
        field: 'STATUS',
        value: { from: '3', to: '5' },
        user: { id: 547, name: 'Ivan', lastName: 'Petrov', secondName: '', login: 'ivan@mysite.com' },
      },
    ],
  },
};

const rowsOf = (body: unknown) =>
  z.object({ result: z.object({ list: z.array(historyRowSchema) }) }).parse(body).result.list;

describe('historyChanges on an answer as Bitrix24 writes it', () => {
  it('keeps every status, assignee and deadline change; deadlines from Unix timestamps, with no offset applied', () => {
    expect(historyChanges(8137, rowsOf(answer), '+03:00')).toEqual([
      {
        bitrixTaskId: 8137,
        bitrixHistoryId: 16361,
        field: 'deadline',
        fromValue: null,
        toValue: '2024-10-01T11:00:00.000Z',
        changedAt: '2024-09-30T07:00:00.000Z',
      },
      {
        bitrixTaskId: 8137,
        bitrixHistoryId: 16363,
        field: 'responsible',
        fromValue: '503',
        toValue: '547',
        changedAt: '2024-09-30T08:30:00.000Z',
      },
      {
        bitrixTaskId: 8137,
        bitrixHistoryId: 16365,
        field: 'status',
        fromValue: '2',
        toValue: '3',
        changedAt: '2024-09-30T09:00:00.000Z',
      },
      {
        bitrixTaskId: 8137,
        bitrixHistoryId: 16369,
        field: 'deadline',
        fromValue: '2024-10-01T11:00:00.000Z',
        toValue: '2024-10-04T11:00:00.000Z',
        changedAt: '2024-10-01T06:15:00.000Z',
      },
      {
        bitrixTaskId: 8137,
        bitrixHistoryId: 16371,
        field: 'deadline',
        fromValue: '2024-10-04T11:00:00.000Z',
        toValue: null,
        changedAt: '2024-10-02T13:40:00.000Z',
      },
      {
        bitrixTaskId: 8137,
        bitrixHistoryId: 16373,
        field: 'status',
        fromValue: '3',
        toValue: '5',
        changedAt: '2024-10-03T15:00:00.000Z',
      },
    ]);
  });

  it('reads the same instant whatever offset the portal is in: a timestamp is UTC already', () => {
    const rows = rowsOf(answer).filter((row) => row.id === '16369');
    expect(historyChanges(1, rows, '-05:00')[0]).toMatchObject({
      fromValue: '2024-10-01T11:00:00.000Z',
      toValue: '2024-10-04T11:00:00.000Z',
    });
  });

  it('still reads deadlines written as dates (ISO, or the portal-local "DD.MM.YYYY HH:MM:SS")', () => {
    const rows = rowsOf({
      result: {
        list: [
          {
            id: '7',
            createdDate: '01.10.2024 09:15:00',
            field: 'DEADLINE',
            value: { from: '01.10.2024 14:00:00', to: '2024-10-04T14:00:00+03:00' },
            user: { id: '1' },
          },
        ],
      },
    });
    expect(historyChanges(1, rows, '+03:00')).toEqual([
      {
        bitrixTaskId: 1,
        bitrixHistoryId: 7,
        field: 'deadline',
        fromValue: '2024-10-01T11:00:00.000Z',
        toValue: '2024-10-04T11:00:00.000Z',
        changedAt: '2024-10-01T06:15:00.000Z',
      },
    ]);
  });

  it('treats "0" as no deadline, as the module does (modules/tasks/lib/manager/task/log.php shifts only non-zero values)', () => {
    const rows = rowsOf({
      result: {
        list: [
          {
            id: 9,
            createdDate: '2024-10-01T09:15:00+03:00',
            field: 'DEADLINE',
            value: { from: '0', to: '1728039600' },
            user: { id: 1 },
          },
        ],
      },
    });
    expect(historyChanges(1, rows, '+03:00')[0]).toMatchObject({
      fromValue: null,
      toValue: '2024-10-04T11:00:00.000Z',
    });
  });
});
