import type { DeadlineRisk } from '@/lib/metrics/deadline-risk';
import type { EfficiencyForecast } from '@/lib/metrics/efficiency-forecast';
import type { Person } from '@/lib/people/people-of';
/**
 * What the dashboard pages show, as plain JSON: the server renders the first paint from these and
 * the route handlers under app/api/dashboard return the same shapes for TanStack Query to refresh.
 * Times are ISO strings, durations milliseconds, days portal days (YYYY-MM-DD in the portal's zone).
 */
import type { DailyFlowFigure } from '@/lib/metrics/daily-figure-reads';
import type { WorkCalendar } from '@/lib/time/work-calendar';

/** Efficiency against the 80 % line (docs/dashboards.md): healthy at 80 or more, watch from 60, critical below. */
export type EfficiencyBand = 'healthy' | 'watch' | 'critical';

export type DistributionType = 'manually' | 'queue' | 'himself';

/** A stretch of portal days, both ends included, and the zone they are read in. */
export type PortalWindow = { from: string; to: string; days: number; timeZoneOffset: string };

export type Percentiles = { p50: number | null; p85: number | null; p95: number | null };

/** One row of the flows list; the flow page's header and the overview's totals read the same rows. */
export type FlowListRow = {
  id: string;
  bitrixFlowId: number;
  name: string;
  active: boolean;
  distributionType: DistributionType;
  owner: Person | null;
  /** Who distributes the tasks by hand (manual flows), the owner left out. */
  moderators: Person[];
  /** Waiting to be taken (status 1, 2): how many now, and the median of their waits so far. */
  pending: { count: number; medianWaitMs: number | null };
  /** In progress (status 3): how many now, and the median time since they were taken. */
  inProgress: { count: number; medianMs: number | null };
  awaitingReview: number;
  /** Completed within the list's window. */
  completed: number;
  /** Open tasks past their deadline now, and open ones past 80 % of their time. */
  overdue: number;
  atRisk: number;
  /**
   * Open tasks more likely late than not (docs/metrics.md, "Likely late"): an estimate. This and
   * the forecast are worked out for the rows a page shows; null in rows it does not.
   */
  likelyLate: number | null;
  efficiency: {
    /** By the portal's rule over the 30 days up to today; null before the first daily figures. */
    value: number | null;
    /** The same figure as it stood at the end of the previous window (30 days earlier). */
    previous: number | null;
    change: number | null;
    band: EfficiencyBand | null;
    /** What the portal itself reports; `differs` flags a data-quality gap. */
    portalValue: number | null;
    differs: boolean;
    /** The daily figures of the window's days, oldest first (days not rolled up are left out): plain numbers, as the list sends hundreds of them. */
    sparkline: number[];
  };
  forecast: FlowForecast | null;
  /** The flow's tasks in Bitrix24. */
  bitrixUrl: string;
};

/**
 * Efficiency 7 and 14 days ahead (docs/metrics.md, "Efficiency forecast"), and its drop: today's
 * figure minus the median in 14 days (positive: expected to fall), null without today's figure.
 */
export type FlowForecast = EfficiencyForecast & { drop: number | null };

export type FlowsList = { window: PortalWindow; rows: FlowListRow[] };

/** One page of the flows list after search, filters and sort: what the page and its API send. */
export type FlowsListPage = {
  window: PortalWindow;
  rows: FlowListRow[];
  /** Flows the viewer may see, and how many of them match. */
  total: number;
  matching: number;
  page: number;
  pageCount: number;
  /** Every owner among the viewer's flows, by name, for the owner filter. */
  owners: Person[];
};

export type FlowSettings = {
  plannedTimeSeconds: number;
  distributionType: DistributionType;
  taskControl: boolean;
  templateId: number;
  matchWorkTime: boolean;
  responsibleCanChangeDeadline: boolean;
  description: string;
  /** The portal's working calendar the findings use, or Bitrix24's default until it is read. */
  calendar: WorkCalendar;
};

/** A day of the flow's charts: the stored daily figure without its lead-time percentiles. */
export type DailyFigure = Omit<DailyFlowFigure, 'leadP50' | 'leadP85' | 'leadP95'>;

/** An ISO week (its Monday): tasks completed and created in it. */
export type WeeklyThroughput = { week: string; throughput: number; created: number };

export type LeadTimePoint = { taskId: number; title: string; closedAt: string; leadMs: number };

export type AgingBand = 'below-p50' | 'p50-p85' | 'p85-p95' | 'above-p95';

export type AgingTask = {
  taskId: number;
  title: string;
  status: number;
  responsible: Person;
  ageMs: number;
  band: AgingBand;
  overdue: boolean;
};

export type AssigneeLoad = { person: Person; open: number; overdue: number };

export type RiskTask = {
  taskId: number;
  title: string;
  status: number;
  responsible: Person;
  deadline: string;
  kind: 'overdue' | 'at-risk';
  /** The estimated chance it closes after its deadline (docs/metrics.md, "Deadline risk"); null if it changed in between. */
  risk: DeadlineRisk | null;
  url: string;
};

export type ChartPeriod = 30 | 90 | 180;

export type FlowDashboard = {
  flow: FlowListRow & { settings: FlowSettings; team: (Person & { role: 'owner' | 'moderator' | 'member' })[] };
  /** The list's window (the header's figures). */
  window: PortalWindow;
  /** The charts' window: the chosen period. */
  period: PortalWindow;
  daily: DailyFigure[];
  weekly: WeeklyThroughput[];
  /** Completed tasks of the period; percentiles over those points. */
  leadTimes: { points: LeadTimePoint[]; percentiles: Percentiles; plannedMs: number | null };
  /** Open tasks, oldest first, against the lead-time percentiles of the last 30 days. */
  aging: { tasks: AgingTask[]; percentiles: Percentiles };
  load: { assignees: AssigneeLoad[]; medianOpen: number; medianOverdue: number };
  riskTasks: RiskTask[];
};

export type OverviewTotals = {
  flows: number;
  activeFlows: number;
  open: number;
  overdue: number;
  atRisk: number;
  /** Open tasks more likely late than not, over the flows: an estimate. */
  likelyLate: number;
  completed: number;
  /** Mean of the flows' current efficiency (flows with a figure). */
  efficiency: number | null;
};

export type EfficiencyBucket = { from: number; to: number; band: EfficiencyBand; flows: number };

export type EfficiencyMover = { id: string; name: string; efficiency: number; previous: number; change: number };

export type Overview = {
  window: PortalWindow;
  period: PortalWindow;
  totals: OverviewTotals;
  /** Mean efficiency over the flows with a figure that day. */
  daily: { day: string; efficiency: number; flows: number }[];
  buckets: EfficiencyBucket[];
  movers: { up: EfficiencyMover[]; down: EfficiencyMover[] };
  /** Efficiency on each week's Sunday (the running week: today), flows × weeks (Mondays, oldest first); lowest this week first. */
  heatmap: { weeks: string[]; rows: { id: string; name: string; cells: (number | null)[] }[] };
};
