import type { ProblemKind } from '../finding';
import type { Detector } from '../detector';
import { dismissedInTeam } from './dismissed-in-team';
import { intakeSpike } from './intake-spike';
import { overloadedAssignee } from './overloaded-assignee';
import { plannedTimeTooShort } from './planned-time-too-short';
import { postponedDeadlines } from './postponed-deadlines';
import { reviewWait } from './review-wait';
import { slowManualDistribution } from './slow-manual-distribution';
import { slowPickup } from './slow-pickup';
import { thinDescriptions } from './thin-descriptions';
import { weekendDeadlines } from './weekend-deadlines';

/** Every problem detector by kind; problemKinds (finding.ts) gives the order a late task is explained in. */
export const detectors: Record<ProblemKind, Detector> = {
  'dismissed-in-team': dismissedInTeam,
  'review-wait': reviewWait,
  'weekend-deadlines': weekendDeadlines,
  'slow-manual-distribution': slowManualDistribution,
  'thin-descriptions': thinDescriptions,
  'overloaded-assignee': overloadedAssignee,
  'intake-spike': intakeSpike,
  'slow-pickup': slowPickup,
  'planned-time-too-short': plannedTimeTooShort,
  'postponed-deadlines': postponedDeadlines,
};
