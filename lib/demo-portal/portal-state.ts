import { randomBytes } from 'node:crypto';
import { workCalendarOf } from '@/lib/bitrix24/api/calendar-settings';
import { flowDeadline } from '@/lib/bitrix24/flow-deadline';
import { formatPortalDate, offsetMinutes, parsePortalDate } from '@/lib/bitrix24/portal-dates';
import {
  documentedCalendarSettings,
  type CompanyHeader,
  type DemoCompany,
  type Department,
  type HistoryRow,
  type PortalFlow,
  type PortalTask,
  type PortalUser,
} from './company';
import { flowEfficiency, type EfficiencyTask } from '@/lib/metrics/flow-efficiency';
import { weekMs } from '@/lib/time/durations';
import { portalEfficiencyTask } from './portal-efficiency-task';

const taskDateFields = [
  'createdDate',
  'changedDate',
  'statusChangedDate',
  'dateStart',
  'deadline',
  'closedDate',
  'activityDate',
] as const;

/** A task as the portal keeps it: the REST record plus its dates as numbers, for filters and efficiency. */
export type StoredTask = {
  record: PortalTask;
  createdAt: number;
  changedAt: number;
  deadlineAt: number | null;
  closedAt: number | null;
};

export type CalendarEvent = {
  id: number;
  ownerId: number;
  type: string;
  name: string;
  from: string;
  to: string;
  attendees: number[];
  description: string;
  section: number;
};
/** A system notification as im.notify.system.add left it, with who sent it (the caller) and when (portal time). */
export type Notification = { id: number; userId: number; message: string; fromUserId: number; date: string };
/**
 * Where the portal posts an event. An app's bindings (event.bind) carry the app's token; an
 * outgoing webhook, made in the portal's settings, has a token of its own (b24restdocs
 * `local-integrations/local-webhooks.md`).
 */
export type EventBinding = {
  id: number;
  event: string;
  handler: string;
  applicationToken: string;
  clientId: string | null;
};

/**
 * The demo portal's live company. Loading shifts every date by whole weeks, so the company's
 * "now" lands in the current week and weekdays (weekend deadlines) stay what they were.
 */
export class PortalState {
  readonly users = new Map<number, PortalUser>();
  readonly departments: Department[];
  readonly flows = new Map<number, PortalFlow>();
  /** Tasks in ascending id order (cursor paging is a binary search); deleted ones are removed. */
  readonly tasks: StoredTask[] = [];
  private readonly taskIndex = new Map<number, StoredTask>();
  /** Tasks of each flow, for efficiency without a scan of every task. */
  private readonly flowTasks = new Map<string, Set<StoredTask>>();
  readonly history = new Map<number, HistoryRow[]>();
  readonly calendarEvents: CalendarEvent[] = [];
  readonly notifications: Notification[] = [];
  readonly eventBindings: EventBinding[] = [];
  private nextBindingId = 1;
  /** Each installed app's application_token, by client_id. */
  private readonly appTokens = new Map<string, string>();
  private nextTaskId: number;
  private nextHistoryId = 1;
  private nextCalendarId = 1;
  private nextNotificationId = 1;
  private queueCursor = new Map<number, number>();
  readonly shiftMs: number;
  /** Moves the portal's clock while the demo replays days gone by (time-travel.ts); 0 otherwise. */
  private clockShift = 0;

  constructor(
    readonly company: DemoCompany,
    private readonly now: () => number = Date.now,
  ) {
    const asOf = parsePortalDate(company.header.asOf)!;
    this.shiftMs = Math.max(0, Math.floor((now() - asOf) / weekMs)) * weekMs;
    for (const user of company.users) this.users.set(Number(user.ID), user);
    this.departments = company.departments;
    for (const flow of company.flows) this.flows.set(flow.id, { ...flow, activity: this.shift(flow.activity)! });
    for (const row of company.history) {
      const shifted: HistoryRow = { ...row, createdDate: this.shift(row.createdDate)! };
      if (row.field === 'DEADLINE') shifted.value = { from: this.shift(row.value.from), to: this.shift(row.value.to) };
      const list = this.history.get(Number(row.taskId)) ?? [];
      list.push(shifted);
      this.history.set(Number(row.taskId), list);
      this.nextHistoryId = Math.max(this.nextHistoryId, Number(row.id) + 1);
    }
    const sorted = [...company.tasks].sort((a, b) => Number(a.id) - Number(b.id));
    for (const task of sorted) this.store(this.shiftTask(task));
    this.nextTaskId = (this.tasks.at(-1) ? Number(this.tasks.at(-1)!.record.id) : 0) + 1;
  }

  /** The portal's member id (32 hex digits, never the domain), as events and OAuth answers carry it. */
  get memberId(): string {
    return this.company.header.memberId;
  }

  /** The token an app's events carry, made when the app is installed (b24restdocs `api-reference/events/safe-event-handlers.md`). */
  appToken(clientId: string): string {
    let token = this.appTokens.get(clientId);
    if (!token) {
      token = randomBytes(16).toString('hex');
      this.appTokens.set(clientId, token);
    }
    return token;
  }

  bindEvent(event: string, handler: string, applicationToken: string, clientId: string | null): void {
    if (this.eventBindings.some((b) => b.event === event && b.handler === handler && b.clientId === clientId)) return;
    this.eventBindings.push({ id: this.nextBindingId++, event, handler, applicationToken, clientId });
  }

  /** An outgoing webhook, as an admin makes one in the portal's settings: its events, its handler, and the token it shows. */
  addOutgoingWebhook(handler: string, events: string[]): string {
    const token = randomBytes(16).toString('hex');
    for (const event of events) this.bindEvent(event.toUpperCase(), handler, token, null);
    return token;
  }

  /** Uninstalling an app drops its bindings and token; returns the bindings it had. */
  removeApp(clientId: string): EventBinding[] {
    const removed = this.eventBindings.filter((binding) => binding.clientId === clientId);
    for (const binding of removed) this.eventBindings.splice(this.eventBindings.indexOf(binding), 1);
    this.appTokens.delete(clientId);
    return removed;
  }

  /** The company's calendar settings, or those of calendar.settings.get's documented example. */
  get calendarSettings(): NonNullable<CompanyHeader['calendar']> {
    return this.company.header.calendar ?? documentedCalendarSettings;
  }

  get offset(): string {
    return this.company.header.timeZoneOffset;
  }

  private shift(value: string | null): string | null {
    if (value === null) return null;
    const time = parsePortalDate(value);
    return time === null ? value : formatPortalDate(time + this.shiftMs, this.offset);
  }

  private shiftTask(task: PortalTask): PortalTask {
    const shifted = { ...task };
    for (const field of taskDateFields) shifted[field] = this.shift(task[field]) as never;
    return shifted;
  }

  private store(record: PortalTask): StoredTask {
    const stored: StoredTask = {
      record,
      createdAt: parsePortalDate(record.createdDate)!,
      changedAt: parsePortalDate(record.changedDate)!,
      deadlineAt: parsePortalDate(record.deadline),
      closedAt: parsePortalDate(record.closedDate),
    };
    const id = Number(record.id);
    const existing = this.taskIndex.get(id);
    if (existing) {
      this.tasks[this.firstAfter(id - 1)] = stored;
      this.flowTasks.get(existing.record.flowId ?? '')?.delete(existing);
    } else this.tasks.push(stored);
    this.taskIndex.set(id, stored);
    if (record.flowId) {
      const set = this.flowTasks.get(record.flowId) ?? new Set();
      set.add(stored);
      this.flowTasks.set(record.flowId, set);
    }
    return stored;
  }

  task(id: number): StoredTask | undefined {
    return this.taskIndex.get(id);
  }

  /** Index of the first task with an id above `id` (tasks are in ascending id order). */
  firstAfter(id: number): number {
    let low = 0;
    let high = this.tasks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (Number(this.tasks[middle]!.record.id) <= id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The portal's clock: now, or a moment of the days the demo replays. */
  clock(): number {
    return this.now() + this.clockShift;
  }

  nowText(): string {
    return formatPortalDate(this.clock(), this.offset);
  }

  /** The deadline Bitrix24 gives a task that enters the flow at `createdAt` (lib/bitrix24/flow-deadline.ts), in portal time. */
  flowDeadlineFor(flow: PortalFlow, createdAt: number): string {
    const calendar = workCalendarOf(this.calendarSettings);
    const deadline = flowDeadline(
      createdAt,
      flow.plannedCompletionTime,
      flow.matchWorkTime,
      calendar,
      offsetMinutes(this.offset),
    );
    return formatPortalDate(deadline, this.offset);
  }

  /** Runs `work` as if the portal's clock showed `time` (what it writes is dated then). */
  atClock<T>(time: number, work: () => T): T {
    this.clockShift = time - this.now();
    try {
      return work();
    } finally {
      this.clockShift = 0;
    }
  }

  /**
   * Moves every date of the company by `ms` (negative: into the past), as if that much time had
   * passed since: tasks, their histories, flows' activity, meetings and notifications.
   */
  rebase(ms: number): void {
    const move = (value: string | null) => {
      const time = value === null ? null : parsePortalDate(value);
      return time === null ? value : formatPortalDate(time + ms, this.offset);
    };
    for (const stored of [...this.tasks]) {
      const record = { ...stored.record };
      for (const field of taskDateFields) record[field] = move(record[field]) as never;
      this.store(record);
    }
    for (const rows of this.history.values())
      for (const row of rows) {
        row.createdDate = move(row.createdDate)!;
        if (row.field === 'DEADLINE') row.value = { from: move(row.value.from), to: move(row.value.to) };
      }
    for (const flow of this.flows.values()) this.flows.set(flow.id, { ...flow, activity: move(flow.activity)! });
    for (const event of this.calendarEvents) Object.assign(event, { from: move(event.from)!, to: move(event.to)! });
    for (const notification of this.notifications) notification.date = move(notification.date)!;
    for (const flowId of this.flows.keys()) this.refreshEfficiency(String(flowId));
  }

  private addHistory(taskId: number, userId: number, field: string, from: string | null, to: string | null): void {
    const list = this.history.get(taskId) ?? [];
    list.push({
      taskId: String(taskId),
      id: String(this.nextHistoryId++),
      createdDate: this.nowText(),
      field,
      value: { from, to },
      user: { id: String(userId) },
    });
    this.history.set(taskId, list);
  }

  /** Department ids a flow's member pair names: "17:F" the department alone, "17" with every sub-department (b24restdocs `api-reference/tasks/flow/tasks-flow-flow-create.md`). */
  departmentsOf(code: string): number[] {
    const id = Number.parseInt(code, 10);
    if (code.endsWith(':F')) return [id];
    const ids = [id];
    for (let index = 0; index < ids.length; index++) {
      for (const department of this.departments)
        if (Number(department.PARENT) === ids[index] && !ids.includes(Number(department.ID)))
          ids.push(Number(department.ID));
    }
    return ids;
  }

  /** The people of a flow's member pairs: users, and the active people of the departments named. */
  peopleOf(pairs: [string, string][]): number[] {
    const ids = pairs.flatMap(([type, code]) => {
      if (type === 'user') return [Number(code)];
      if (type !== 'department') return [];
      const departments = this.departmentsOf(code);
      return this.company.users
        .filter((user) => user.ACTIVE && user.UF_DEPARTMENT.some((id) => departments.includes(id)))
        .map((user) => Number(user.ID));
    });
    return [...new Set(ids)];
  }

  /** Who a new flow task goes to (docs/bitrix24.md, "How a flow hands out tasks"): the moderator, the next team member in turn, or the creator until someone takes it. */
  assigneeFor(flow: PortalFlow, creatorId: number): number {
    if (flow.distributionType === 'manually') return this.peopleOf(flow.responsibleList)[0] ?? flow.ownerId;
    if (flow.distributionType === 'himself') return creatorId;
    const team = this.peopleOf(flow.team).filter((id) => this.users.get(id)?.ACTIVE !== false);
    if (team.length === 0) return flow.ownerId;
    const turn = this.queueCursor.get(flow.id) ?? 0;
    this.queueCursor.set(flow.id, turn + 1);
    return team[turn % team.length]!;
  }

  addTask(fields: {
    title: string;
    description: string;
    createdBy: number;
    responsibleId: number;
    flow?: PortalFlow;
    deadline: string | null;
    priority: string;
    groupId: number;
  }): StoredTask {
    const now = this.nowText();
    const id = this.nextTaskId++;
    const record: PortalTask = {
      id: String(id),
      parentId: null,
      title: fields.title,
      description: fields.description,
      status: '2',
      priority: fields.priority as PortalTask['priority'],
      createdBy: String(fields.createdBy),
      responsibleId: String(fields.responsibleId),
      changedBy: String(fields.createdBy),
      statusChangedBy: String(fields.createdBy),
      closedBy: null,
      groupId: String(fields.groupId),
      flowId: fields.flow ? String(fields.flow.id) : null,
      stageId: '0',
      createdDate: now,
      changedDate: now,
      statusChangedDate: now,
      dateStart: null,
      deadline: fields.deadline,
      closedDate: null,
      activityDate: now,
      timeEstimate: '0',
      allowChangeDeadline: fields.flow?.responsibleCanChangeDeadline ? 'Y' : 'N',
      taskControl: fields.flow?.taskControl ? 'Y' : 'N',
      matchWorkTime: fields.flow?.matchWorkTime === false ? 'N' : 'Y',
      commentsCount: '0',
      forkedByTemplateId: fields.flow && fields.flow.templateId > 0 ? String(fields.flow.templateId) : null,
      accomplices: [],
      auditors: [],
    };
    this.addHistory(id, fields.createdBy, 'NEW', null, null);
    const stored = this.store(record);
    this.refreshEfficiency(record.flowId);
    return stored;
  }

  /** Applies field changes as the portal does: history rows for status, assignee and deadline, dates on status moves. */
  updateTask(
    id: number,
    userId: number,
    changes: {
      status?: string;
      responsibleId?: number;
      deadline?: string | null;
      title?: string;
      description?: string;
    },
  ): StoredTask {
    const stored = this.taskIndex.get(id)!;
    const record = { ...stored.record };
    const now = this.nowText();
    if (changes.status !== undefined && changes.status !== record.status) {
      this.addHistory(id, userId, 'STATUS', record.status, changes.status);
      if (changes.status === '3' && record.dateStart === null) record.dateStart = now;
      if (changes.status === '5') {
        record.closedDate = now;
        record.closedBy = String(userId);
      } else if (record.status === '5') {
        record.closedDate = null;
        record.closedBy = null;
      }
      record.status = changes.status as PortalTask['status'];
      record.statusChangedDate = now;
      record.statusChangedBy = String(userId);
    }
    if (changes.responsibleId !== undefined && String(changes.responsibleId) !== record.responsibleId) {
      this.addHistory(id, userId, 'RESPONSIBLE_ID', record.responsibleId, String(changes.responsibleId));
      record.responsibleId = String(changes.responsibleId);
    }
    if (changes.deadline !== undefined && changes.deadline !== record.deadline) {
      this.addHistory(id, userId, 'DEADLINE', record.deadline, changes.deadline);
      record.deadline = changes.deadline;
    }
    if (changes.title !== undefined) record.title = changes.title;
    if (changes.description !== undefined) record.description = changes.description;
    record.changedDate = now;
    record.changedBy = String(userId);
    record.activityDate = now;
    const updated = this.store(record);
    this.refreshEfficiency(record.flowId);
    return updated;
  }

  deleteTask(id: number): boolean {
    const stored = this.taskIndex.get(id);
    if (!stored) return false;
    this.tasks.splice(this.firstAfter(id - 1), 1);
    this.taskIndex.delete(id);
    this.flowTasks.get(stored.record.flowId ?? '')?.delete(stored);
    this.refreshEfficiency(stored.record.flowId);
    return true;
  }

  addCalendarEvent(event: Omit<CalendarEvent, 'id'>): number {
    const id = this.nextCalendarId++;
    this.calendarEvents.push({ ...event, id });
    return id;
  }

  addNotification(userId: number, message: string, fromUserId: number): number {
    const id = this.nextNotificationId++;
    this.notifications.push({ id, userId, message, fromUserId, date: this.nowText() });
    return id;
  }

  /**
   * The flow's efficiency as the tasks module computes it now (lib/metrics/flow-efficiency.ts).
   * Flow.get does not answer this but the stored column, which only a change to one of the
   * flow's tasks brings up to date (Efficiency::invalidate): see refreshEfficiency.
   */
  moduleEfficiency(flowId: number): number {
    const tasks: EfficiencyTask[] = [];
    for (const stored of this.flowTasks.get(String(flowId)) ?? [])
      tasks.push(portalEfficiencyTask(stored.record, this.history.get(Number(stored.record.id)) ?? []));
    return flowEfficiency(tasks, this.clock(), this.offset).efficiency;
  }

  /** Stores the flow's efficiency afresh, as the module does when one of its tasks is added, changed or deleted. */
  private refreshEfficiency(flowId: string | null): void {
    const flow = flowId === null ? undefined : this.flows.get(Number(flowId));
    if (flow) this.flows.set(flow.id, { ...flow, efficiency: this.moduleEfficiency(flow.id) });
  }
}
