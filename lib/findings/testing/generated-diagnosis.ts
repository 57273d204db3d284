import { loadAnalysedFlow } from '@/lib/copilot/analysis/load-analysed-flow';
import type { PrismaClient } from '@/lib/db/client';
import type { CauseMix } from '@/lib/demo-portal/generator/cause-mix';
import { isFailingCause, type FailingCause, type FlowCause } from '@/lib/demo-portal/generator/flow-causes';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import type { FindingKind } from '../finding';
import { flowFindings, type FlowFindings } from '../flow-findings';

/** The finding each generated cause must produce first. */
export const expectedKind: Record<FailingCause, FindingKind> = {
  'overloaded-assignee': 'overloaded-assignee',
  'planned-time-too-short': 'planned-time-too-short',
  'slow-manual-distribution': 'slow-manual-distribution',
  'review-bottleneck': 'review-wait',
  'thin-descriptions': 'thin-descriptions',
  'intake-spike': 'intake-spike',
  'weekend-deadlines': 'weekend-deadlines',
};

/** A generated flow's findings next to what it was generated with. */
export type DiagnosedFlow = { name: string; cause: FlowCause; mix?: CauseMix; result: FlowFindings };

/** How well the findings found what a generated company was built with. */
export type DiagnosisScore = {
  /** Flows generated with a failing cause that are below the efficiency line. */
  failing: number;
  dominantFirst: number;
  dominantInTopThree: number;
  /** Flows at the line or above, with tasks in the window. */
  healthy: number;
  strengthsFirst: number;
  /** Flows whose lost points (findings and unexplained) add up to 100 − efficiency. */
  addsUp: number;
  flows: number;
  /** The failing flows whose first finding is not their cause: name, cause, the findings (kind and points). */
  misses: { name: string; cause: FailingCause; weaker: string[]; efficiency: number; found: string[] }[];
};

/** Every synced flow of a generated company with 10 tasks or more, with its findings and what it was generated with. */
export async function diagnoseSyncedFlows(
  db: PrismaClient,
  fixture: {
    portalId: string;
    flowCauses: ReadonlyMap<number, FlowCause>;
    flowMixes: ReadonlyMap<number, CauseMix>;
  },
): Promise<DiagnosedFlow[]> {
  const flows = await db.flow.findMany({
    where: { portalId: fixture.portalId },
    select: { id: true, bitrixFlowId: true, name: true },
  });
  const diagnosed: DiagnosedFlow[] = [];
  for (const flow of flows) {
    const loaded = await loadAnalysedFlow(db, flow.id);
    const cause = fixture.flowCauses.get(flow.bitrixFlowId);
    if (!loaded || loaded.taskCount < 10 || !cause) continue;
    diagnosed.push({
      name: flow.name,
      cause,
      mix: fixture.flowMixes.get(flow.bitrixFlowId),
      result: flowFindings(loaded.flow),
    });
  }
  return diagnosed;
}

export function diagnosisScore(flows: readonly DiagnosedFlow[]): DiagnosisScore {
  const score: DiagnosisScore = {
    failing: 0,
    dominantFirst: 0,
    dominantInTopThree: 0,
    healthy: 0,
    strengthsFirst: 0,
    addsUp: 0,
    flows: flows.length,
    misses: [],
  };
  for (const { name, cause, mix, result } of flows) {
    const lost = result.findings.reduce((sum, finding) => sum + finding.lostPoints, 0) + result.unexplainedPoints;
    if (lost === 100 - result.efficiency) score.addsUp++;
    // A flow with nothing counted in the window (switched off a while ago) has nothing to say.
    if (result.counted === 0) continue;
    if (result.efficiency >= efficiencyLine) {
      score.healthy++;
      if (result.findings[0]?.tone === 'strength') score.strengthsFirst++;
      continue;
    }
    if (!isFailingCause(cause)) continue;
    score.failing++;
    const kinds = result.findings.map((finding) => finding.kind);
    if (kinds[0] === expectedKind[cause]) score.dominantFirst++;
    else
      score.misses.push({
        name,
        cause,
        weaker: (mix?.weaker ?? []).map((part) => `${part.cause} ${part.strength.toFixed(2)}`),
        efficiency: result.efficiency,
        found: result.findings.map((finding) => `${finding.kind} ${finding.lostPoints}`),
      });
    if (kinds.slice(0, 3).includes(expectedKind[cause])) score.dominantInTopThree++;
  }
  return score;
}
