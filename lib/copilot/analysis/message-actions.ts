import { z } from 'zod';
import { addMeeting } from '@/lib/bitrix24/api/calendar-and-notify';
import { addTask } from '@/lib/bitrix24/api/tasks';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import { Bitrix24Error } from '@/lib/bitrix24/errors';
import { formatPortalDate, parsePortalDate } from '@/lib/bitrix24/portal-dates';
import { calendarEventUrl, taskUrl } from '@/lib/bitrix24/portal-links';
import { ActionError } from '@/lib/errors/action-error';
import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { analysisRecordSchema } from './analysis-record';
import { copilotSettings } from '../settings/copilot-settings';
import { followMessage, messageProblem } from '../outcomes/follow-message';

const messageRef = { analysisId: z.uuid(), messageIndex: z.number().int().min(0).max(50) };

export const createTaskInputSchema = z.object({
  ...messageRef,
  title: z.string().trim().min(1).max(250),
  description: z.string().max(20_000),
  responsibleId: z.number().int().positive(),
  deadline: z.iso.datetime({ offset: true }),
});

export const createMeetingInputSchema = z.object({
  ...messageRef,
  name: z.string().trim().min(1).max(250),
  description: z.string().max(20_000),
  from: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(15).max(480),
  attendees: z.array(z.number().int().positive()).min(1).max(100),
});

export const rateMessageInputSchema = z.object({ ...messageRef, helpful: z.boolean() });

/** "We did this" on a message: the portal day the team acted, not after today. */
export const markFollowedInputSchema = z.object({ ...messageRef, date: z.iso.date() });

export type CreatedInPortal = {
  bitrixId: number;
  url: string;
  /**
   * For a task: what Bitrix24 made of it. A flow sets the assignee by its distribution and the
   * deadline from its planned time (docs/bitrix24.md, "Answers as Bitrix24 documents them"), so they may differ from what was asked.
   */
  applied?: { responsibleId: number; deadline: string | null; inFlow: boolean };
};

/** The portal's REST client for a portal id (the app's sealed connection; a demo portal in tests). */
export type PortalClientFor = (portalId: string) => Promise<Bitrix24Client>;

/** The analysis and message a user acts on, while CoPilot is on and the flow is theirs to see. */
async function messageOf(db: PrismaClient, viewer: Viewer, analysisId: string, messageIndex: number) {
  if (!(await copilotSettings(db)).enabled) throw new ActionError('off', 'CoPilot is switched off.');
  const analysis = await db.copilotAnalysis.findFirst({
    where: { id: analysisId, flow: visibleFlowsWhere(viewer) },
    select: {
      id: true,
      portalId: true,
      messages: true,
      findings: true,
      people: true,
      startedAt: true,
      flow: {
        select: {
          bitrixFlowId: true,
          ownerId: true,
          members: { select: { bitrixUserId: true } },
          portal: { select: { domain: true, timeZoneOffset: true } },
        },
      },
    },
  });
  if (!analysis) throw new ActionError('not-found', 'There is no such analysis among your flows.');
  const record = analysisRecordSchema.parse(analysis);
  if (!record.messages[messageIndex]) throw new ActionError('not-found', 'The analysis has no such message.');
  return analysis;
}

/** Only the flow's own people may be given its tasks or invited: a lead acts through the app's connection, not as the portal's admin. */
function assertFlowPeople(analysis: Awaited<ReturnType<typeof messageOf>>, ids: readonly number[]): void {
  const people = new Set([
    ...analysis.flow.members.map((member) => member.bitrixUserId),
    ...(analysis.flow.ownerId === null ? [] : [analysis.flow.ownerId]),
  ]);
  if (ids.some((id) => !people.has(id)))
    throw new ActionError('not-in-flow', "Only the flow's owner, moderators and team can be chosen.");
}

/**
 * The viewer's own Bitrix24 user on the analysis's portal, if they have one. A lead must have
 * one: without it the task or meeting would be made as the connection's user (usually the
 * portal admin behind the webhook), in someone else's name.
 */
function viewerEmployee(viewer: Viewer, portalId: string): number | null {
  const own = viewer.portalId === portalId ? viewer.bitrixUserId : null;
  if (own === null && viewer.role === 'lead') {
    throw new ActionError(
      'no-employee',
      'Your account is not linked to your Bitrix24 employee; ask an admin to link it (Users).',
    );
  }
  return own;
}

/** A portal refusal as the dialog shows it: the kind picks the words, the portal's own text follows. */
function portalRefusal(error: unknown): never {
  if (error instanceof Bitrix24Error)
    throw new ActionError(`portal-${error.kind}`, error.details.description || error.message);
  throw error;
}

/** Creates a task in the flow from a message (tasks.task.add) and remembers it on the message. */
export async function createTaskFromMessage(
  db: PrismaClient,
  clientFor: PortalClientFor,
  viewer: Viewer,
  input: z.infer<typeof createTaskInputSchema>,
): Promise<CreatedInPortal> {
  const analysis = await messageOf(db, viewer, input.analysisId, input.messageIndex);
  assertFlowPeople(analysis, [input.responsibleId]);
  const { portal } = analysis.flow;
  const creator = viewerEmployee(viewer, analysis.portalId);
  const task = await addTask(await clientFor(analysis.portalId), {
    ...(creator === null ? {} : { CREATED_BY: creator }),
    TITLE: input.title,
    DESCRIPTION: input.description,
    RESPONSIBLE_ID: input.responsibleId,
    DEADLINE: formatPortalDate(Date.parse(input.deadline), portal.timeZoneOffset),
    FLOW_ID: analysis.flow.bitrixFlowId,
  }).catch(portalRefusal);
  const bitrixId = Number(task.id);
  const url = taskUrl(portal.domain, bitrixId, Number(task.responsibleId ?? input.responsibleId));
  await db.copilotMessageAction.create({
    data: {
      analysisId: analysis.id,
      messageIndex: input.messageIndex,
      kind: 'task',
      bitrixId,
      url,
      createdById: viewer.id,
    },
  });
  await followIfAdvice(db, analysis, input.messageIndex, { via: 'task', bitrixTaskId: bitrixId, userId: viewer.id });
  const deadline = task.deadline ? parsePortalDate(task.deadline, portal.timeZoneOffset) : null;
  return {
    bitrixId,
    url,
    applied: {
      responsibleId: Number(task.responsibleId ?? input.responsibleId),
      deadline: deadline === null ? null : new Date(deadline).toISOString(),
      inFlow: task.flowId === String(analysis.flow.bitrixFlowId),
    },
  };
}

/** Creates a meeting from a message (calendar.event.add) in the viewer's calendar, or the flow owner's. */
export async function createMeetingFromMessage(
  db: PrismaClient,
  clientFor: PortalClientFor,
  viewer: Viewer,
  input: z.infer<typeof createMeetingInputSchema>,
): Promise<CreatedInPortal> {
  const analysis = await messageOf(db, viewer, input.analysisId, input.messageIndex);
  assertFlowPeople(analysis, input.attendees);
  const { portal } = analysis.flow;
  const ownerId = viewerEmployee(viewer, analysis.portalId) ?? analysis.flow.ownerId;
  if (ownerId === null)
    throw new ActionError(
      'no-calendar',
      'Neither you nor the flow has a Bitrix24 user whose calendar could hold the meeting.',
    );
  const from = Date.parse(input.from);
  const bitrixId = await addMeeting(await clientFor(analysis.portalId), {
    ownerId,
    name: input.name,
    from: formatPortalDate(from, portal.timeZoneOffset),
    to: formatPortalDate(from + input.durationMinutes * 60_000, portal.timeZoneOffset),
    attendees: [...new Set([ownerId, ...input.attendees])],
    description: input.description,
  }).catch(portalRefusal);
  const url = calendarEventUrl(portal.domain, bitrixId, ownerId);
  await db.copilotMessageAction.create({
    data: {
      analysisId: analysis.id,
      messageIndex: input.messageIndex,
      kind: 'meeting',
      bitrixId,
      url,
      createdById: viewer.id,
    },
  });
  await followIfAdvice(db, analysis, input.messageIndex, { via: 'meeting', userId: viewer.id });
  return { bitrixId, url };
}

/** A task or meeting made from advice follows it, from now on (a message about what goes well is not advice). */
async function followIfAdvice(
  db: PrismaClient,
  analysis: Awaited<ReturnType<typeof messageOf>>,
  messageIndex: number,
  how: { via: 'task' | 'meeting'; bitrixTaskId?: number; userId: string },
): Promise<void> {
  if (!messageProblem(analysisRecordSchema.parse(analysis), messageIndex)) return;
  await followMessage(db, { analysisId: analysis.id, messageIndex, actedAt: new Date(), ...how });
}

/**
 * "We did this": the lead says the team acted on a message on a given day (in portal time, from the
 * analysis's day to today). The figures of that day's end, or of now for today, are kept as "before".
 */
export async function markMessageFollowed(
  db: PrismaClient,
  viewer: Viewer,
  input: z.infer<typeof markFollowedInputSchema>,
  now = new Date(),
): Promise<{ created: boolean }> {
  const analysis = await messageOf(db, viewer, input.analysisId, input.messageIndex);
  const offset = analysis.flow.portal.timeZoneOffset;
  const dayEnd = (parsePortalDate(`${input.date}T23:59:59${offset}`, offset) ?? Number.NaN) + 999;
  const analysedDay = formatPortalDate(analysis.startedAt.getTime(), offset).slice(0, 10);
  const today = formatPortalDate(now.getTime(), offset).slice(0, 10);
  if (Number.isNaN(dayEnd) || input.date > today || input.date < analysedDay)
    throw new ActionError('invalid-date', 'The day must be between the analysis and today.');
  return followMessage(db, {
    analysisId: analysis.id,
    messageIndex: input.messageIndex,
    via: 'marked',
    actedAt: new Date(Math.min(dayEnd, now.getTime())),
    userId: viewer.id,
  });
}

/** Helpful / not helpful: one vote per user and message, changeable. */
export async function rateMessage(
  db: PrismaClient,
  viewer: Viewer,
  input: z.infer<typeof rateMessageInputSchema>,
): Promise<void> {
  const analysis = await messageOf(db, viewer, input.analysisId, input.messageIndex);
  await db.copilotFeedback.upsert({
    where: {
      analysisId_messageIndex_userId: { analysisId: analysis.id, messageIndex: input.messageIndex, userId: viewer.id },
    },
    create: { analysisId: analysis.id, messageIndex: input.messageIndex, userId: viewer.id, helpful: input.helpful },
    update: { helpful: input.helpful, createdAt: new Date() },
  });
}
