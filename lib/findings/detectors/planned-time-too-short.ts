import { beyondShare, stageShare, type Detector } from '../detector';
import { postponingIsHabit } from './postponed-deadlines';

/** A late task whose work took this share of the planned time or more is put down to a plan too short. */
export const longWorkShare = 0.7;

/** The work takes longer than the flow plans: the p85 lead time is past the planned time. */
export const plannedTimeTooShort: Detector = {
  kind: 'planned-time-too-short',
  detect(context) {
    const { planned, inUnit, leads } = context;
    if (planned <= 0 || leads.p85 === null || leads.p85 <= planned) return null;
    // Where moving deadlines is the habit, a moved task's long run is the moving, not the plan.
    const movingHabit = postponingIsHabit(context);
    return {
      figures: {
        planned: inUnit(planned),
        p85Lead: inUnit(leads.p85),
        p50Lead: inUnit(leads.p50!),
        completed: leads.count,
      },
      evidence: (task) =>
        task.work !== null && task.work >= longWorkShare * planned && !(movingHabit && task.postponed)
          ? beyondShare(task.onWorkingDays.work, stageShare.work, planned)
          : 0,
    };
  },
};
