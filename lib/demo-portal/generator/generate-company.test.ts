import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCompany, HistoryRow, PortalFlow, PortalTask } from '../company';
import { readCompanyFile, writeCompanyFile } from '../company-file';
import { historyByTask, secondsOf, tasksOfFlow, weekdayOf } from './company-measures';
import { failingCauses } from './flow-causes';
import { generateCompany, staffSize, type CompanyOptions, type GeneratedCompany } from './generate-company';
import { workCalendarOf } from '@/lib/bitrix24/api/calendar-settings';
import { flowDeadline } from '@/lib/bitrix24/flow-deadline';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { documentedCalendarSettings } from '../company';
import { DAY } from './portal-time';

const TASKS = 2500;
let folder: string;
let generated: GeneratedCompany;
let company: DemoCompany;
let history: Map<string, HistoryRow[]>;
let asOf: number;

async function writeGenerated(
  options: CompanyOptions,
  name: string,
): Promise<{ file: string; generated: GeneratedCompany }> {
  const file = path.join(folder, name);
  const result = generateCompany(options);
  await writeCompanyFile(file, result.header, result.lines());
  return { file, generated: result };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'demo-company-'));
  const written = await writeGenerated({ seed: 3, tasks: TASKS }, 'company.jsonl');
  generated = written.generated;
  company = await readCompanyFile(written.file);
  history = historyByTask(company);
  asOf = secondsOf(company.header.asOf);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const flowOf = (task: PortalTask): PortalFlow => {
  const flow = company.flows.find((candidate) => String(candidate.id) === task.flowId);
  if (!flow) throw new Error(`task ${task.id} is in no flow`);
  return flow;
};
const rowsOf = (task: PortalTask, field?: string) =>
  (history.get(task.id) ?? []).filter((row) => field === undefined || row.field === field);
const cyrillicName = /^[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?$/;

describe('generateCompany', () => {
  it('writes the same bytes for the same seed, task count and asOf, and other bytes when any differs', async () => {
    const read = async (options: CompanyOptions, name: string) => readFile((await writeGenerated(options, name)).file);
    const first = await read({ seed: 5, tasks: 300 }, 'a.jsonl');
    expect((await read({ seed: 5, tasks: 300 }, 'b.jsonl')).equals(first)).toBe(true);
    expect((await read({ seed: 6, tasks: 300 }, 'c.jsonl')).equals(first)).toBe(false);
    expect((await read({ seed: 5, tasks: 301 }, 'd.jsonl')).equals(first)).toBe(false);
    expect((await read({ seed: 5, tasks: 300, asOf: '2026-06-08T12:00:00+03:00' }, 'e.jsonl')).equals(first)).toBe(
      false,
    );
  });

  it('keeps the documented example file readable through the schemas', async () => {
    const example = await readCompanyFile(
      fileURLToPath(new URL('../../../docs/examples/demo-company.jsonl', import.meta.url)),
    );
    expect(example.header.seed).toBe(7);
    expect(example.flows.length).toBeGreaterThanOrEqual(8);
    expect(new Set(example.history.map((row) => row.taskId))).toEqual(new Set(example.tasks.map((task) => task.id)));
  });

  it('refuses task counts it cannot make a company of', () => {
    expect(() => generateCompany({ seed: 1, tasks: 10 })).toThrow(/tasks must be/);
    expect(() => generateCompany({ seed: 1, tasks: 1.5 })).toThrow(/tasks must be/);
  });

  it('writes records that read back through the schemas, under the header it announced', () => {
    expect(company.header).toEqual(generated.header);
    expect(company.header).toMatchObject({
      format: 'flowpilot-demo-company',
      version: 1,
      seed: 3,
      timeZoneOffset: '+03:00',
      asOf: '2026-06-01T12:00:00+03:00',
    });
    expect(company.header.memberId).toMatch(/^[0-9a-f]{32}$/);
    expect(company.tasks).toHaveLength(TASKS);
    expect(company.flows).toEqual(generated.flows);
    expect(company.history.length).toBeGreaterThan(3 * TASKS);
  });

  it('dates everything in the header offset and describes the time up to asOf', () => {
    const offset = company.header.timeZoneOffset;
    const dates = [
      ...company.tasks.flatMap((task) => [
        task.createdDate,
        task.changedDate,
        task.statusChangedDate,
        task.activityDate,
        task.dateStart,
        task.closedDate,
      ]),
      ...company.history.map((row) => row.createdDate),
    ].filter((date): date is string => date !== null);
    expect(dates.filter((date) => !date.endsWith(offset) || secondsOf(date) > asOf)).toEqual([]);
    expect(
      [...company.tasks.map((task) => task.deadline), ...company.flows.map((flow) => flow.activity)].every((date) =>
        date?.endsWith(offset),
      ),
    ).toBe(true);
  });
});

describe('the staff', () => {
  it('has 40–200 employees with Russian names, positions and unique e-mails', () => {
    expect(company.users).toHaveLength(generated.employeeCount);
    expect(company.users.length).toBeGreaterThanOrEqual(40);
    expect(company.users.length).toBeLessThanOrEqual(200);
    for (const user of company.users) {
      expect(user.NAME).toMatch(cyrillicName);
      expect(user.LAST_NAME).toMatch(cyrillicName);
      expect(user.WORK_POSITION).toMatch(/[а-яё]/);
      expect(user.EMAIL).toMatch(/^[a-z]\.[a-z-]+\d*@[a-z-]+\.ru$/);
    }
    expect(new Set(company.users.map((user) => user.EMAIL)).size).toBe(company.users.length);
  });

  it('includes dismissed people and people in two departments', () => {
    expect(company.users.filter((user) => !user.ACTIVE).length).toBeGreaterThanOrEqual(2);
    expect(company.users.filter((user) => user.UF_DEPARTMENT.length === 2).length).toBeGreaterThanOrEqual(2);
  });

  it('grows with the task count within 40–200', () => {
    expect(staffSize(50, -3)).toBe(40);
    expect(staffSize(6000, 0)).toBeLessThan(staffSize(1_000_000, 0));
    expect(staffSize(5_000_000, 3)).toBeLessThanOrEqual(200);
  });

  it('sits in one tree of departments whose heads are employees', () => {
    const departments = new Map(company.departments.map((department) => [department.ID, department]));
    const users = new Set(company.users.map((user) => user.ID));
    expect(company.departments.filter((department) => department.PARENT === undefined)).toHaveLength(1);
    for (const department of company.departments) {
      let ancestor = department;
      for (let depth = 0; ancestor.PARENT !== undefined; depth++) {
        expect(depth).toBeLessThan(company.departments.length);
        ancestor = departments.get(ancestor.PARENT) ?? expect.fail(`department ${department.ID} has an unknown parent`);
      }
      expect(users.has(department.UF_HEAD ?? '')).toBe(true);
    }
    for (const user of company.users)
      for (const id of user.UF_DEPARTMENT) expect(departments.has(String(id))).toBe(true);
  });
});

describe('the flows', () => {
  it('number 8–30, use all three distribution types, and include exactly one inactive flow and one flow without tasks', () => {
    expect(company.flows.length).toBeGreaterThanOrEqual(8);
    expect(company.flows.length).toBeLessThanOrEqual(30);
    expect(new Set(company.flows.map((flow) => flow.distributionType))).toEqual(
      new Set(['manually', 'queue', 'himself']),
    );
    expect(company.flows.filter((flow) => !flow.active)).toHaveLength(1);
    const withoutTasks = company.flows.filter((flow) => tasksOfFlow(company, flow.id).length === 0);
    expect(withoutTasks).toHaveLength(1);
    expect(withoutTasks[0]?.active).toBe(true);
  });

  it('plan from hours to weeks, with and without templates', () => {
    const planned = company.flows.map((flow) => flow.plannedCompletionTime);
    expect(Math.min(...planned)).toBeLessThan(DAY);
    expect(Math.max(...planned)).toBeGreaterThanOrEqual(7 * DAY);
    expect(company.flows.some((flow) => flow.templateId === 0)).toBe(true);
    expect(company.flows.some((flow) => flow.templateId > 0)).toBe(true);
  });

  it('are staffed by active employees: a moderator for manual flows, the team for the others', () => {
    const active = new Set(company.users.filter((user) => user.ACTIVE).map((user) => user.ID));
    for (const flow of company.flows) {
      expect(company.users.some((user) => user.ID === String(flow.ownerId))).toBe(true);
      expect(flow.team.length).toBeGreaterThan(0);
      for (const [type, id] of [...flow.team, ...flow.responsibleList]) {
        expect(type).toBe('user');
        expect(active.has(id)).toBe(true);
      }
      if (flow.distributionType === 'manually') {
        expect(flow.responsibleList).toHaveLength(1);
        expect(flow.team.map(([, id]) => id)).not.toContain(flow.responsibleList[0]?.[1]);
      } else {
        expect(flow.responsibleList).toEqual(flow.team);
      }
    }
  });

  it('carry unique Russian names and say their intended cause', () => {
    expect(new Set(company.flows.map((flow) => flow.name)).size).toBe(company.flows.length);
    for (const flow of company.flows) {
      expect(flow.name).toMatch(/^[А-ЯЁ]/);
      expect(flow.description).toContain('Демо-сценарий:');
    }
  });

  it('map to their intended causes: each failing cause once, the inactive and the empty flow as such', () => {
    const causes = generated.flowCauses;
    expect([...causes.keys()].sort((a, b) => a - b)).toEqual(
      company.flows.map((flow) => flow.id).sort((a, b) => a - b),
    );
    for (const cause of failingCauses) expect([...causes.values()].filter((value) => value === cause)).toHaveLength(1);
    expect([...causes.values()].filter((cause) => cause === 'healthy').length).toBeGreaterThanOrEqual(3);
    for (const flow of company.flows) {
      expect(causes.get(flow.id) === 'inactive').toBe(!flow.active);
      expect(causes.get(flow.id) === 'empty').toBe(tasksOfFlow(company, flow.id).length === 0);
    }
  });
});

describe('the tasks', () => {
  it('span at least 120 days before asOf', () => {
    const created = company.tasks.map((task) => secondsOf(task.createdDate));
    expect(asOf - Math.min(...created)).toBeGreaterThanOrEqual(120 * DAY);
    expect(asOf - Math.max(...created)).toBeLessThan(DAY);
  });

  it('are numbered upwards in creation order, with a few deleted ids', () => {
    const ids = company.tasks.map((task) => Number(task.id));
    let gaps = 0;
    for (let i = 1; i < ids.length; i++) {
      const step = (ids[i] ?? 0) - (ids[i - 1] ?? 0);
      expect(step).toBeGreaterThan(0);
      gaps += step - 1;
      expect(secondsOf(company.tasks[i]?.createdDate ?? '')).toBeGreaterThanOrEqual(
        secondsOf(company.tasks[i - 1]?.createdDate ?? ''),
      );
    }
    expect(gaps).toBeGreaterThanOrEqual(3);
    expect(gaps).toBeLessThanOrEqual(generated.deletedTaskIds);
  });

  it('are mostly completed, with every status present and 1 and 7 rare; 4 only where the flow has task control', () => {
    const count = (status: string) => company.tasks.filter((task) => task.status === status).length;
    for (const status of ['1', '2', '3', '4', '5', '6', '7']) expect(count(status)).toBeGreaterThan(0);
    expect(count('5')).toBeGreaterThan(TASKS * 0.8);
    expect(count('1') + count('7')).toBeLessThan(TASKS * 0.01);
    for (const task of company.tasks) {
      if (rowsOf(task, 'STATUS').some((row) => row.value.to === '4')) expect(flowOf(task).taskControl).toBe(true);
    }
  });

  it('get the deadline Bitrix24 gives: working days and hours when the flow matches work time, some weekend deadlines when not', () => {
    const calendar = workCalendarOf(documentedCalendarSettings);
    const offset = offsetMinutes(company.header.timeZoneOffset);
    let weekendDeadlinesWithoutWorkTime = 0;
    for (const task of company.tasks) {
      const flow = flowOf(task);
      const initial = rowsOf(task, 'DEADLINE')[0]?.value.from ?? task.deadline ?? '';
      const created = secondsOf(task.createdDate);
      expect(secondsOf(initial)).toBe(
        flowDeadline(created * 1000, flow.plannedCompletionTime, flow.matchWorkTime, calendar, offset) / 1000,
      );
      const weekend = [0, 6].includes(weekdayOf(initial));
      const clock = initial.slice(11, 16);
      // Within working hours; a day off only as the next morning after a working day ran out.
      if (flow.matchWorkTime) {
        expect(clock >= '09:00' && clock <= '19:00').toBe(true);
        if (weekend) expect(clock).toBe('09:00');
      } else if (weekend) weekendDeadlinesWithoutWorkTime++;
    }
    expect(weekendDeadlinesWithoutWorkTime).toBeGreaterThan(0);
  });

  it('mostly have a creator other than the assignee, and a few where they are the same', () => {
    const same = company.tasks.filter((task) => task.createdBy === task.responsibleId).length;
    expect(same).toBeGreaterThan(0);
    expect(same).toBeLessThan(TASKS * 0.1);
  });
});

describe('the history', () => {
  it('agrees with every task: status, assignee, deadline, start, close and change dates', () => {
    const problems: string[] = [];
    const expectSame = (task: PortalTask, what: string, actual: unknown, wanted: unknown) => {
      if (actual !== wanted) problems.push(`task ${task.id} ${what}: ${String(actual)} != ${String(wanted)}`);
    };
    for (const task of company.tasks) {
      const rows = rowsOf(task);
      const [created, ...changes] = rows;
      expectSame(
        task,
        'first row',
        `${created?.field} ${created?.createdDate} ${created?.user.id}`,
        `NEW ${task.createdDate} ${task.createdBy}`,
      );
      let status = task.status === '1' && rowsOf(task, 'STATUS').length === 0 ? '1' : '2';
      let responsible = rowsOf(task, 'RESPONSIBLE_ID')[0]?.value.from ?? task.responsibleId;
      let deadline = rowsOf(task, 'DEADLINE')[0]?.value.from ?? task.deadline;
      let dateStart: string | null = null;
      let closedDate: string | null = null;
      let statusChangedDate = task.createdDate;
      let last = task.createdDate;
      for (const row of changes) {
        if (secondsOf(row.createdDate) < secondsOf(last))
          problems.push(`task ${task.id}: row ${row.id} goes back in time`);
        last = row.createdDate;
        if (row.field === 'STATUS') {
          expectSame(task, `row ${row.id} from`, row.value.from, status);
          status = row.value.to ?? '';
          statusChangedDate = row.createdDate;
          if (status === '3' && dateStart === null) dateStart = row.createdDate;
          closedDate = status === '5' || status === '7' ? row.createdDate : null;
        } else if (row.field === 'RESPONSIBLE_ID') {
          expectSame(task, `row ${row.id} from`, row.value.from, responsible);
          responsible = row.value.to ?? '';
        } else if (row.field === 'DEADLINE') {
          expectSame(task, `row ${row.id} from`, row.value.from, deadline);
          deadline = row.value.to;
        } else {
          problems.push(`task ${task.id}: unexpected ${row.field} row`);
        }
      }
      expectSame(task, 'status', task.status, status);
      expectSame(task, 'responsibleId', task.responsibleId, responsible);
      expectSame(task, 'deadline', task.deadline, deadline);
      expectSame(task, 'dateStart', task.dateStart, dateStart);
      expectSame(task, 'closedDate', task.closedDate, closedDate);
      expectSame(task, 'closedBy', task.closedBy === null, closedDate === null);
      expectSame(task, 'statusChangedDate', task.statusChangedDate, statusChangedDate);
      expectSame(task, 'changedDate', task.changedDate, last);
      expectSame(task, 'activityDate', task.activityDate, last);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('assigns as each distribution type does', () => {
    for (const flow of company.flows) {
      const tasks = tasksOfFlow(company, flow.id);
      const team = flow.team.map(([, id]) => id);
      const moderator = flow.responsibleList[0]?.[1];
      tasks.forEach((task, index) => {
        const handOver = rowsOf(task, 'RESPONSIBLE_ID')[0];
        const firstResponsible = handOver?.value.from ?? task.responsibleId;
        if (flow.distributionType === 'queue') {
          // Round robin: the n-th task of the flow goes to the n-th member, in turn.
          expect(firstResponsible).toBe(team[index % team.length]);
        } else if (flow.distributionType === 'manually') {
          // Every task goes to the moderator, who hands it on.
          expect(firstResponsible).toBe(moderator);
          if (handOver) expect(handOver.user.id).toBe(moderator);
        } else {
          // The task sits with its creator until a team member takes it, which starts it.
          expect(firstResponsible).toBe(task.createdBy);
          const start = rowsOf(task, 'STATUS')[0];
          if (handOver) {
            expect(team).toContain(handOver.value.to);
            expect(handOver.user.id).toBe(handOver.value.to);
            expect(start?.createdDate).toBe(handOver.createdDate);
          }
        }
      });
    }
  });
});
