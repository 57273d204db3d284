import type { PrismaClient } from '@/lib/db/client';
import type { DeadlineRisk } from './deadline-risk';
import { efficiencyForecast, type EfficiencyForecast } from './efficiency-forecast';
import { likelyLateCount } from './likely-late';
import { mirroredEfficiencyTasks } from './mirrored-efficiency-tasks';
import { openTaskRisksOfFlows, type RiskFlow } from './open-task-risks';

/** What lies ahead for a flow: each open task's deadline risk, how many are likely late, and its efficiency forecast. */
export type FlowOutlook = {
  risks: Map<number, DeadlineRisk>;
  likelyLate: number;
  forecast: EfficiencyForecast;
};

/** The outlook of many flows at `now` from the mirror, in three statements whatever their number, by flow id. */
export async function flowOutlooks(
  db: PrismaClient,
  flows: readonly RiskFlow[],
  now: Date,
): Promise<Map<string, FlowOutlook>> {
  const [risksByFlow, tasksByFlow] = await Promise.all([
    openTaskRisksOfFlows(db, flows, now),
    mirroredEfficiencyTasks(db, flows, now),
  ]);
  return new Map(
    flows.map((flow) => {
      const risks = risksByFlow.get(flow.id)!;
      const forecast = efficiencyForecast({
        tasks: tasksByFlow.get(flow.id)!,
        risks: new Map([...risks].map(([taskId, risk]) => [taskId, risk.probability])),
        now: now.getTime(),
        timeZoneOffset: flow.timeZoneOffset,
      });
      return [flow.id, { risks, likelyLate: likelyLateCount(risks.values()), forecast }];
    }),
  );
}

/** One flow's efficiency forecast at `now`. */
export async function efficiencyForecastOf(db: PrismaClient, flow: RiskFlow, now: Date): Promise<EfficiencyForecast> {
  return (await flowOutlooks(db, [flow], now)).get(flow.id)!.forecast;
}
