import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { nameForms } from '@/lib/people/name-forms';
import { namePartsOf } from '@/lib/people/name-parts-of';
import { peopleOf } from '@/lib/people/people-of';
import type { Locale } from '@/lib/i18n/locales';
import type { TokenPersonView } from '../analysis/analysis-view';
import { followedSelect, messageOutcomes, type MessageOutcome } from './message-outcomes';

/** The "Advice and outcomes" page: followed advice of the viewer's flows (every flow for admins and executives). */
export type OutcomesOverview = {
  outcomes: (MessageOutcome & { flowName: string })[];
  improved: number;
  people: Record<number, TokenPersonView>;
};

/** Followed messages shown at most, newest first. */
export const outcomesShown = 200;

export async function outcomesOverview(
  db: PrismaClient,
  viewer: Viewer,
  locale: Locale,
  now = new Date(),
): Promise<OutcomesOverview> {
  const rows = await db.copilotFollowedMessage.findMany({
    where: { flow: visibleFlowsWhere(viewer) },
    orderBy: { actedAt: 'desc' },
    take: outcomesShown,
    select: { ...followedSelect, flow: { select: { portalId: true, name: true } } },
  });
  const outcomes = await messageOutcomes(db, rows, now);
  const flowOf = new Map(rows.map((row) => [row.flowId, row.flow]));
  const people: Record<number, TokenPersonView> = {};
  for (const portalId of new Set(rows.map((row) => row.flow.portalId))) {
    const ids = [...new Set(rows.filter((row) => row.flow.portalId === portalId).flatMap((row) => row.people))];
    const [personOf, parts] = await Promise.all([
      peopleOf(
        db,
        ids.map((bitrixUserId) => ({ portalId, bitrixUserId })),
      ),
      namePartsOf(db, portalId, ids),
    ]);
    for (const id of ids) {
      const own = parts.get(id);
      const name = personOf(portalId, id).name;
      people[id] = own ? { id, name, forms: nameForms(own, locale) } : { id, name };
    }
  }
  return {
    outcomes: outcomes.map((outcome) => ({ ...outcome, flowName: flowOf.get(outcome.flowId)?.name ?? '' })),
    improved: outcomes.filter((outcome) => outcome.improved).length,
    people,
  };
}
