import { isOpen } from '@/lib/metrics/metric-task';
import { beyondShare, stageShare, type Detector } from '../detector';

/** The median wait before work starts, as a share of the planned time, from which pickup is slow. */
export const slowPickupShare = 0.25;
/** A late task that waited this share of the planned time before work started is put down to it. */
export const lateByPickupShare = 0.4;

/** Tasks wait long before anyone takes them into work. */
export const slowPickup: Detector = {
  kind: 'slow-pickup',
  detect({ counted, planned, inUnit, medianPickup }) {
    if (planned <= 0 || medianPickup === null || medianPickup < slowPickupShare * planned) return null;
    return {
      figures: {
        medianPickup: inUnit(medianPickup),
        planned: inUnit(planned),
        waitingNow: counted.filter((task) => isOpen(task) && task.startedAt === null).length,
      },
      evidence: (task) =>
        task.pickup !== null && task.pickup >= lateByPickupShare * planned
          ? beyondShare(task.onWorkingDays.pickup, stageShare.pickup, planned)
          : 0,
    };
  },
};
