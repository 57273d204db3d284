import { z } from 'zod';

/**
 * A company the demo portal serves. Every record has the portal's own REST shape: users as
 * `user.get` returns them, departments as `department.get`, flows as `tasks.flow.Flow.get`,
 * tasks as `tasks.task.list` (camelCase keys, string scalars, "Y"/"N" flags, null empties; the
 * embedded `creator`/`responsible`/`group` objects are left out, the portal derives them), and
 * history rows as `tasks.task.history.list` plus the `taskId` they belong to.
 *
 * On disk it is JSON Lines (docs/demo-company-format.md): a header line, then one record per
 * line, so a million tasks stream in and out without one giant string.
 */
const idString = z.string().regex(/^\d+$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
const flag = z.enum(['Y', 'N']);

export const portalUserSchema = z.object({
  ID: idString,
  ACTIVE: z.boolean(),
  NAME: z.string(),
  LAST_NAME: z.string(),
  SECOND_NAME: z.string().optional(),
  /** "M", "F" or "" (docs/bitrix24.md, "`PERSONAL_GENDER`"); served as "" when the file has none. */
  PERSONAL_GENDER: z.enum(['M', 'F', '']).optional(),
  EMAIL: z.string().optional(),
  WORK_POSITION: z.string().optional(),
  UF_DEPARTMENT: z.array(z.number().int()).default([]),
  USER_TYPE: z.enum(['employee', 'extranet', 'email', 'bot']).optional(),
  PERSONAL_PHOTO: z.string().nullable().optional(),
  DATE_REGISTER: isoDate.optional(),
  /** The user's own time zone, an IANA name; none or "" when unset (user.get, profile). */
  TIME_ZONE: z.string().optional(),
});

export const departmentSchema = z.object({
  ID: idString,
  NAME: z.string(),
  SORT: z.number().int(),
  PARENT: idString.optional(),
  UF_HEAD: idString.optional(),
});

const memberPair = z.tuple([z.string(), z.string()]);

export const flowSchema = z.object({
  id: z.number().int().positive(),
  creatorId: z.number().int(),
  ownerId: z.number().int(),
  groupId: z.number().int(),
  templateId: z.number().int(),
  efficiency: z.number().int().min(0).max(100),
  active: z.boolean(),
  plannedCompletionTime: z.number().int().positive(),
  activity: isoDate,
  name: z.string().min(1),
  description: z.string(),
  distributionType: z.enum(['manually', 'queue', 'himself']),
  responsibleList: z.array(memberPair),
  demo: z.boolean(),
  responsibleCanChangeDeadline: z.boolean(),
  matchWorkTime: z.boolean(),
  taskControl: z.boolean(),
  notifyAtHalfTime: z.boolean(),
  notifyOnQueueOverflow: z.number().int().nullable(),
  notifyOnTasksInProgressOverflow: z.number().int().nullable(),
  notifyWhenEfficiencyDecreases: z.number().int().nullable(),
  taskCreators: z.array(memberPair),
  team: z.array(memberPair),
  trialFeatureEnabled: z.boolean(),
});

export const taskStatusSchema = z.enum(['1', '2', '3', '4', '5', '6', '7']);

export const taskSchema = z.object({
  id: idString,
  parentId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  status: taskStatusSchema,
  priority: z.enum(['0', '1', '2']),
  createdBy: idString,
  responsibleId: idString,
  changedBy: idString,
  statusChangedBy: idString.nullable(),
  closedBy: z.string().nullable(),
  groupId: idString,
  flowId: z.string().nullable(),
  stageId: z.string(),
  createdDate: isoDate,
  changedDate: isoDate,
  statusChangedDate: isoDate,
  dateStart: isoDate.nullable(),
  deadline: isoDate.nullable(),
  closedDate: isoDate.nullable(),
  activityDate: isoDate,
  timeEstimate: z.string(),
  allowChangeDeadline: flag,
  taskControl: flag,
  matchWorkTime: flag,
  commentsCount: z.string(),
  forkedByTemplateId: z.string().nullable(),
  accomplices: z.array(idString),
  auditors: z.array(idString),
});

export const historyRowSchema = z.object({
  taskId: idString,
  id: idString,
  createdDate: isoDate,
  field: z.string(),
  value: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  user: z.object({ id: idString }),
});

export const companyHeaderSchema = z.object({
  format: z.literal('flowpilot-demo-company'),
  version: z.literal(1),
  /** Bitrix24's member id: 32 hex digits, never the domain (events and OAuth answers carry it). */
  memberId: z.string().regex(/^[0-9a-f]{32}$/, 'a member id is 32 lowercase hex digits, as Bitrix24 makes them'),
  domain: z.string().min(1),
  /** The portal's UTC offset, as its dates carry it: "+03:00". */
  timeZoneOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
  /** The moment the data describes as "now"; the portal shifts every date so this becomes today. */
  asOf: isoDate,
  seed: z.number().int().optional(),
  /**
   * The main calendar settings calendar.settings.get serves (docs/bitrix24.md, "The working
   * calendar"); without them, the values of the method's documented example.
   */
  calendar: z
    .object({
      work_time_start: z.string(),
      work_time_end: z.string(),
      year_holidays: z.string(),
      year_workdays: z.string(),
      week_holidays: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])),
      week_start: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
    })
    .optional(),
});

/** calendar.settings.get's documented example (Russia's holidays): what a company file without its own calendar has. */
export const documentedCalendarSettings: NonNullable<CompanyHeader['calendar']> = {
  work_time_start: '9',
  work_time_end: '19',
  year_holidays: '1.01,2.01,7.01,23.02,8.03,1.05,9.05,12.06,4.11',
  year_workdays: '31.12',
  week_holidays: ['SA', 'SU'],
  week_start: 'MO',
};

export type PortalUser = z.infer<typeof portalUserSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type PortalFlow = z.infer<typeof flowSchema>;
export type PortalTask = z.infer<typeof taskSchema>;
export type HistoryRow = z.infer<typeof historyRowSchema>;
export type CompanyHeader = z.infer<typeof companyHeaderSchema>;

export type DemoCompany = {
  header: CompanyHeader;
  departments: Department[];
  users: PortalUser[];
  flows: PortalFlow[];
  tasks: PortalTask[];
  history: HistoryRow[];
};

/** One line of the file after the header: exactly one record, keyed by its kind. */
export const companyLineSchema = z.union([
  z.object({ department: departmentSchema }).strict(),
  z.object({ user: portalUserSchema }).strict(),
  z.object({ flow: flowSchema }).strict(),
  z.object({ task: taskSchema }).strict(),
  z.object({ history: historyRowSchema }).strict(),
]);
