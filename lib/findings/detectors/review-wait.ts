import { median } from '@/lib/metrics/percentiles';
import { beyondShare, stageShare, type Detector } from '../detector';
import { topPeople } from './top-people';

/** The median review, as a share of the planned time, from which review is a bottleneck; a late task reviewed this long is put down to it. */
export const slowReviewShare = 0.25;

/** Done tasks wait for the creator's review (flows with task control). */
export const reviewWait: Detector = {
  kind: 'review-wait',
  detect({ flow, counted, planned, inUnit }) {
    const reviewed = counted.filter((task) => task.review !== null);
    const medianReview = median(reviewed.map((task) => task.review!));
    if (!flow.taskControl || planned <= 0 || medianReview === null || medianReview < slowReviewShare * planned)
      return null;
    return {
      figures: { medianReview: inUnit(medianReview), planned: inUnit(planned), reviewed: reviewed.length },
      people: topPeople(
        reviewed.filter((task) => task.late),
        (task) => task.createdBy,
      ),
      // A task already overdue when handed in ran late before anyone could review it.
      evidence: (task) =>
        task.review !== null && task.review >= slowReviewShare * planned && !task.overdueAtHandIn
          ? beyondShare(task.onWorkingDays.review, stageShare.review, planned)
          : 0,
    };
  },
};
