import type { WorkCalendar } from '@/lib/time/work-calendar';
import type { MetricTask } from '@/lib/metrics/metric-task';
import type { CalibrationTask } from '@/lib/metrics/planned-time-calibration';

/** A flow's task as the findings read it: the metric task plus what it says about its making. */
export type AnalysedTask = MetricTask & {
  descriptionLength: number;
  commentsCount: number;
  /** When the assignee first changed (a moderator handing the task on), if ever. */
  assignedAt: number | null;
};

/** A day of the flow's intake and completions, in portal days, oldest first. */
export type IntakeDay = { day: string; created: number; completed: number };

/**
 * Everything the findings engine needs about one flow, read from the mirror in one go
 * (lib/copilot/analysis/load-analysed-flow.ts) so that the engine itself is a plain function.
 */
export type AnalysedFlow = {
  distributionType: 'manually' | 'queue' | 'himself';
  /** Seconds; 0 when the flow sets none. */
  plannedCompletionTime: number;
  matchWorkTime: boolean;
  taskControl: boolean;
  templateId: number;
  ownerId: number | null;
  moderatorIds: number[];
  /** The flow's team (members), active or not. */
  team: number[];
  /** Dismissed people among the team and the tasks' assignees. */
  inactiveUserIds: number[];
  /** The tasks the efficiency window can count: the 1,000 most recent, as Bitrix24's CoPilot reads. */
  tasks: AnalysedTask[];
  /**
   * The tasks completed in the last 90 days (lib/metrics/flow-calibration.ts), beyond the window:
   * what the planned time would have to be, judged on a quarter's work.
   */
  completedLastQuarter: CalibrationTask[];
  /** The last 60 portal days. */
  intake: IntakeDay[];
  now: number;
  timeZoneOffset: string;
  /** The portal's working calendar: days off and holidays for deadline findings. */
  workCalendar: WorkCalendar;
};
