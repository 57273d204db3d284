import { round1, type DetectorContext } from './detector';
import { slowPickupShare } from './detectors/slow-pickup';
import type { Finding, StrengthKind } from './finding';

/** Descriptions are complete when fewer than this share of the counted tasks are thin. */
export const completeDescriptionsShare = 0.1;

type FindingWithoutId = Omit<Finding, 'id'>;

/** What the team does well, said first for a flow at the 80 % line or above. */
export function strengthsOf(context: DetectorContext, unit: 'hour' | 'day'): FindingWithoutId[] {
  const { flow, counted, planned, inUnit, leads, load } = context;
  const strength = (kind: StrengthKind, figures: Record<string, number>): FindingWithoutId => ({
    kind,
    tone: 'strength',
    severity: 'low',
    lostPoints: 0,
    figures,
    unit,
    people: [],
    taskIds: [],
  });
  const found: FindingWithoutId[] = [];
  if (context.overloaded.length === 0 && load.assignees.length >= 2) {
    found.push(
      strength('balanced-load', {
        maxOpen: Math.max(0, ...load.assignees.map((person) => person.open)),
        teamMedianOpen: round1(load.medianOpen),
        assignees: load.assignees.length,
      }),
    );
  }
  if (planned > 0 && context.medianPickup !== null && context.medianPickup < slowPickupShare * planned) {
    found.push(strength('quick-pickup', { medianPickup: inUnit(context.medianPickup), planned: inUnit(planned) }));
  }
  if (planned > 0 && leads.p85 !== null && leads.p85 <= planned) {
    found.push(
      strength('realistic-planned-time', {
        p85Lead: inUnit(leads.p85),
        planned: inUnit(planned),
        completed: leads.count,
      }),
    );
  }
  if (counted.length > 0 && context.thin.length < completeDescriptionsShare * counted.length) {
    found.push(
      strength('complete-descriptions', {
        thinTasks: context.thin.length,
        counted: counted.length,
        templated: flow.templateId > 0 ? 1 : 0,
      }),
    );
  }
  if (found.length === 0) {
    const onTime = counted.filter((task) => !task.late).length;
    found.push(strength('steady-delivery', { onTime, counted: counted.length }));
  }
  return found;
}
