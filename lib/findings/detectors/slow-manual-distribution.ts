import { isOpen } from '@/lib/metrics/metric-task';
import { median } from '@/lib/metrics/percentiles';
import { beyondShare, stageShare, type Detector } from '../detector';

/** The median wait for hand-on, as a share of the planned time, from which distribution is slow. */
export const slowDistributionShare = 0.25;
/** A late task that waited this share of the planned time to be handed on is put down to it. */
export const lateByDistributionShare = 0.33;

/** A manual flow's moderator hands tasks on late. */
export const slowManualDistribution: Detector = {
  kind: 'slow-manual-distribution',
  detect({ flow, counted, planned, inUnit }) {
    const handedOn = counted.filter((task) => task.assignDelay !== null);
    const medianAssignDelay = median(handedOn.map((task) => task.assignDelay!));
    if (
      flow.distributionType !== 'manually' ||
      planned <= 0 ||
      medianAssignDelay === null ||
      medianAssignDelay < slowDistributionShare * planned
    )
      return null;
    return {
      figures: {
        medianAssignDelay: inUnit(medianAssignDelay),
        planned: inUnit(planned),
        undistributed: counted.filter((task) => isOpen(task) && task.assignedAt === null && task.startedAt === null)
          .length,
      },
      people: flow.moderatorIds.length > 0 ? flow.moderatorIds : flow.ownerId === null ? [] : [flow.ownerId],
      evidence: (task) =>
        task.assignDelay !== null && task.assignDelay >= lateByDistributionShare * planned
          ? beyondShare(task.onWorkingDays.assignDelay, stageShare.handOn, planned)
          : 0,
    };
  },
};
