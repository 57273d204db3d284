import { isOpen } from '@/lib/metrics/metric-task';
import type { Detector } from '../detector';

/** People who left the company are still in the team or hold tasks. */
export const dismissedInTeam: Detector = {
  kind: 'dismissed-in-team',
  detect({ flow, counted, inactive }) {
    const leftInTeam = flow.team.filter((id) => inactive.has(id));
    const onLeavers = counted.filter((task) => inactive.has(task.responsibleId));
    if (leftInTeam.length === 0 && !onLeavers.some((task) => task.late)) return null;
    const people = [...new Set([...leftInTeam, ...onLeavers.map((task) => task.responsibleId)])];
    return {
      figures: { members: people.length, openTasks: onLeavers.filter(isOpen).length },
      people,
      // Nobody works a leaver's task: all of its time is theirs, whatever else it shows.
      evidence: (task) => (inactive.has(task.responsibleId) ? Number.POSITIVE_INFINITY : 0),
      alwaysReport: true,
    };
  },
};
