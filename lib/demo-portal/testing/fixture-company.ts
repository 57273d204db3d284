import { formatPortalDate } from '@/lib/bitrix24/portal-dates';
import type { DemoCompany, HistoryRow, PortalFlow, PortalTask } from '../company';

/**
 * Small hand-made companies for contract tests: dates relative to `asOf`, which the portal maps
 * to the current week. Build tasks with `fixtureTask` and flows with `fixtureFlow`.
 */
export const fixtureOffset = '+03:00';
export const fixtureAsOf = Date.UTC(2026, 4, 20, 9, 0, 0);
const hour = 3_600_000;

export function at(hoursFromAsOf: number): string {
  return formatPortalDate(fixtureAsOf + hoursFromAsOf * hour, fixtureOffset);
}

export function fixtureFlow(id: number, overrides: Partial<PortalFlow> = {}): PortalFlow {
  return {
    id,
    creatorId: 1,
    ownerId: 1,
    groupId: 10 + id,
    templateId: 0,
    efficiency: 100,
    active: true,
    plannedCompletionTime: 48 * 3600,
    activity: at(0),
    name: `Поток ${id}`,
    description: '',
    distributionType: 'queue',
    responsibleList: [['user', '2']],
    demo: false,
    responsibleCanChangeDeadline: false,
    matchWorkTime: false,
    taskControl: false,
    notifyAtHalfTime: false,
    notifyOnQueueOverflow: null,
    notifyOnTasksInProgressOverflow: null,
    notifyWhenEfficiencyDecreases: null,
    taskCreators: [['meta-user', 'all-users']],
    team: [
      ['user', '2'],
      ['user', '3'],
    ],
    trialFeatureEnabled: false,
    ...overrides,
  };
}

export function fixtureTask(id: number, overrides: Partial<PortalTask> = {}): PortalTask {
  const created = overrides.createdDate ?? at(-24);
  return {
    id: String(id),
    parentId: null,
    title: `Задача ${id}`,
    description: 'Описание',
    status: '2',
    priority: '1',
    createdBy: '1',
    responsibleId: '2',
    changedBy: '1',
    statusChangedBy: '1',
    closedBy: null,
    groupId: '0',
    flowId: null,
    stageId: '0',
    createdDate: created,
    changedDate: created,
    statusChangedDate: created,
    dateStart: null,
    deadline: null,
    closedDate: null,
    activityDate: created,
    timeEstimate: '0',
    allowChangeDeadline: 'N',
    taskControl: 'N',
    matchWorkTime: 'N',
    commentsCount: '0',
    forkedByTemplateId: null,
    accomplices: [],
    auditors: [],
    ...overrides,
  };
}

export function deadlineMove(
  taskId: number,
  historyId: number,
  changedAt: string,
  from: string | null,
  to: string | null,
): HistoryRow {
  return {
    taskId: String(taskId),
    id: String(historyId),
    createdDate: changedAt,
    field: 'DEADLINE',
    value: { from, to },
    user: { id: '1' },
  };
}

/** A member id as Bitrix24 makes them: 32 hex digits, unlike the domain. */
export const fixtureMemberId = '0f1e2d3c4b5a69780f1e2d3c4b5a6978';

export function fixtureCompany(parts: Partial<Omit<DemoCompany, 'header'>> = {}): DemoCompany {
  return {
    header: {
      format: 'flowpilot-demo-company',
      version: 1,
      memberId: fixtureMemberId,
      domain: 'fixture.bitrix24.test',
      timeZoneOffset: fixtureOffset,
      asOf: at(0),
    },
    departments: [
      { ID: '1', NAME: 'Компания', SORT: 100 },
      { ID: '2', NAME: 'Поддержка', SORT: 200, PARENT: '1', UF_HEAD: '2' },
    ],
    users: [
      {
        ID: '1',
        ACTIVE: true,
        NAME: 'Ирина',
        LAST_NAME: 'Админова',
        EMAIL: 'admin@fixture.test',
        WORK_POSITION: 'Администратор',
        UF_DEPARTMENT: [1],
      },
      {
        ID: '2',
        ACTIVE: true,
        NAME: 'Пётр',
        LAST_NAME: 'Петров',
        EMAIL: 'petr@fixture.test',
        WORK_POSITION: 'Инженер',
        UF_DEPARTMENT: [2],
      },
      {
        ID: '3',
        ACTIVE: true,
        NAME: 'Анна',
        LAST_NAME: 'Смирнова',
        EMAIL: 'anna@fixture.test',
        WORK_POSITION: 'Инженер',
        UF_DEPARTMENT: [1, 2],
      },
      { ID: '4', ACTIVE: false, NAME: 'Олег', LAST_NAME: 'Уволенный', UF_DEPARTMENT: [2] },
    ],
    flows: [],
    tasks: [],
    history: [],
    ...parts,
  };
}

/** `count` plain tasks in one flow, ids 1..count, for paging and rate tests. */
export function manyTasks(count: number, flowId: number | null = 1): PortalTask[] {
  return Array.from({ length: count }, (_, index) =>
    fixtureTask(index + 1, {
      flowId: flowId === null ? null : String(flowId),
      title: `Задача ${index + 1}`,
      createdDate: at(-count + index),
      changedDate: at(-count + index),
    }),
  );
}
