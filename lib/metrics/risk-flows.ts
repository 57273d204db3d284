import type { PrismaClient } from '@/lib/db/client';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import type { RiskFlow } from './open-task-risks';

/** The flows as their risks and forecasts read them: whether they count working time, their portal's calendar and zone. */
export async function riskFlowsOf(db: PrismaClient, flowIds: readonly string[]): Promise<RiskFlow[]> {
  if (flowIds.length === 0) return [];
  const flows = await db.flow.findMany({
    where: { id: { in: [...flowIds] } },
    select: { id: true, matchWorkTime: true, portal: { select: { timeZoneOffset: true, workCalendar: true } } },
  });
  return flows.map((flow) => ({
    id: flow.id,
    matchWorkTime: flow.matchWorkTime,
    calendar: storedWorkCalendar(flow.portal.workCalendar),
    timeZoneOffset: flow.portal.timeZoneOffset,
  }));
}
