import { z } from 'zod';

/**
 * What Flowpilot reads from portal answers, validated loosely on purpose: numbers may arrive as
 * strings, flags as booleans or "Y"/"N", unknown fields pass through (docs/bitrix24.md, "Answers as Bitrix24
 * documents them": values mostly come as strings).
 */
const id = z.union([z.string(), z.number()]).transform((value) => String(value));
const optionalDate = z
  .string()
  .nullish()
  .transform((value) => (value ? value : null));
const bool = z
  .union([z.boolean(), z.enum(['Y', 'N', '1', '0', 'true', 'false'])])
  .transform((value) => value === true || value === 'Y' || value === '1' || value === 'true');
const pair = z.array(z.union([z.string(), z.number()]).transform(String)).min(2);

export const portalFlowSchema = z
  .object({
    id: z.coerce.number().int(),
    name: z.string(),
    description: z.string().nullish(),
    active: bool,
    ownerId: z.coerce.number().int(),
    creatorId: z.coerce.number().int().nullish(),
    groupId: z.coerce.number().int().nullish(),
    templateId: z.coerce.number().int().nullish(),
    efficiency: z.coerce.number().nullish(),
    plannedCompletionTime: z.coerce.number(),
    distributionType: z.enum(['manually', 'queue', 'himself']),
    responsibleList: z.array(pair).default([]),
    team: z.array(pair).default([]),
    taskCreators: z.array(pair).default([]),
    matchWorkTime: bool.default(true),
    taskControl: bool.default(false),
    responsibleCanChangeDeadline: bool.default(false),
    activity: optionalDate,
  })
  .passthrough();

export const portalTaskSchema = z
  .object({
    id,
    title: z.string(),
    description: z.string().nullish(),
    status: id,
    createdBy: id,
    responsibleId: id,
    flowId: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((value) => (value === null || value === undefined || String(value) === '0' ? null : String(value))),
    groupId: id.nullish(),
    createdDate: z.string(),
    changedDate: optionalDate,
    statusChangedDate: optionalDate,
    dateStart: optionalDate,
    deadline: optionalDate,
    closedDate: optionalDate,
    taskControl: z.string().nullish(),
    commentsCount: z.union([z.string(), z.number()]).nullish(),
  })
  .passthrough();

export const taskListResultSchema = z.object({ tasks: z.array(z.unknown()) });

export const portalUserSchema = z
  .object({
    ID: id,
    ACTIVE: bool,
    NAME: z.string().nullish(),
    LAST_NAME: z.string().nullish(),
    EMAIL: z.string().nullish(),
    WORK_POSITION: z.string().nullish(),
    /** "M", "F", or "" when the profile does not say (docs/bitrix24.md, "`PERSONAL_GENDER`"). */
    PERSONAL_GENDER: z.string().nullish(),
    // Extranet, e-mail and bot users belong to no department: false, "", null or missing; some rows give one id alone.
    UF_DEPARTMENT: z.preprocess(
      (value) =>
        Array.isArray(value)
          ? value
          : value === false || value === '' || value === null || value === undefined
            ? []
            : [value],
      z.array(z.coerce.number().int().positive()),
    ),
  })
  .passthrough();

export const portalDepartmentSchema = z
  .object({ ID: id, NAME: z.string(), SORT: z.coerce.number().nullish(), PARENT: id.nullish(), UF_HEAD: id.nullish() })
  .passthrough();

export const historyRowSchema = z
  .object({
    id,
    createdDate: z.string(),
    field: z.string(),
    value: z
      .object({ from: z.union([z.string(), z.number()]).nullish(), to: z.union([z.string(), z.number()]).nullish() })
      .passthrough(),
    user: z.object({ id }).passthrough().nullish(),
  })
  .passthrough();

export type PortalFlowData = z.infer<typeof portalFlowSchema>;
export type PortalTaskData = z.infer<typeof portalTaskSchema>;
export type PortalUserData = z.infer<typeof portalUserSchema>;
export type PortalDepartmentData = z.infer<typeof portalDepartmentSchema>;
export type HistoryRowData = z.infer<typeof historyRowSchema>;
