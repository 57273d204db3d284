import type { Detector } from '../detector';

/** A late task whose work took this share of the planned time or more is put down to a plan too short. */
export const longWorkShare = 0.7;

/** The work takes longer than the flow plans: the p85 lead time is past the planned time. */
export const plannedTimeTooShort: Detector = {
  kind: 'planned-time-too-short',
  detect({ planned, inUnit, leads }) {
    if (planned <= 0 || leads.p85 === null || leads.p85 <= planned) return null;
    return {
      figures: {
        planned: inUnit(planned),
        p85Lead: inUnit(leads.p85),
        p50Lead: inUnit(leads.p50!),
        completed: leads.count,
      },
      explains: (task) => task.work !== null && task.work >= longWorkShare * planned,
    };
  },
};
