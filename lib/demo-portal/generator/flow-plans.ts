import { causeProfiles, type CauseProfile } from './cause-profiles';
import { messyMix, mixedProfile, type CauseMix, type CompanyKind } from './cause-mix';
import { departmentSpec, departmentSubtree } from './departments';
import { CORE_HEALTHY_COUNT, causeArchetypes, healthyArchetypes, type FlowArchetype } from './flow-catalog';
import { failingCauses, type FlowCause } from './flow-causes';
import type { Employee, Staff } from './people';
import { DAY, HOUR, localMidnight, type PortalClock } from './portal-time';
import type { Random } from './random';
import { largestRemainder } from './shares';

/** Everything the generator decides about a flow before its tasks exist. */
export type FlowPlan = {
  id: number;
  cause: FlowCause;
  /** How its tasks live: its cause's profile, or in a messy company the mix of causes it has. */
  profile: CauseProfile;
  /** A messy company's mix of causes; null in a clean one, where the cause is all there is. */
  mix: CauseMix | null;
  archetype: FlowArchetype;
  groupId: number;
  templateId: number;
  ownerId: number;
  creatorId: number;
  /** The moderator of a manual flow; null otherwise. */
  moderatorId: number | null;
  team: number[];
  /** Who adds tasks (dismissed people too, for tasks from before they left). */
  requesters: Employee[];
  plannedSeconds: number;
  matchWorkTime: boolean;
  taskControl: boolean;
  allowChangeDeadline: boolean;
  active: boolean;
  /** Tasks are created in [start, end]; for the empty flow, start is when it was set up. */
  start: number;
  end: number;
  taskCount: number;
  /** A messy company's busy reviewer: sets most of the flow's tasks, and only their reviews are slow. */
  busyReviewerId: number | null;
  /** The team members who get most tasks in an overloaded flow (several at once in a messy company). */
  overloadedAssigneeIds: number[];
};

const HISTORY_DAYS = 180;
const MAX_HEALTHY_FLOWS = 21;

/**
 * Picks the flows (one per failing cause, one inactive, one empty, and healthy ones; more of
 * them for bigger companies), shuffles their ids, staffs them and splits `taskTotal` over them.
 * A messy company mixes causes into every flow from `messRandom`, a stream of its own, so the
 * flows themselves are those the clean company of the same seed has.
 */
export function planFlows(
  random: Random,
  staff: Staff,
  taskTotal: number,
  asOf: number,
  clock: PortalClock,
  kind: CompanyKind,
  messRandom: Random,
): FlowPlan[] {
  const extraHealthy = random.int(0, 3) + Math.floor(Math.log10(Math.max(10, taskTotal)));
  const healthyCount = Math.min(MAX_HEALTHY_FLOWS, CORE_HEALTHY_COUNT + extraHealthy);
  const optional = random
    .shuffled(healthyArchetypes.slice(CORE_HEALTHY_COUNT))
    .slice(0, healthyCount - CORE_HEALTHY_COUNT);
  const chosen: { cause: FlowCause; archetype: FlowArchetype }[] = [
    ...failingCauses.map((cause) => ({ cause, archetype: causeArchetypes[cause] })),
    { cause: 'inactive', archetype: causeArchetypes.inactive },
    { cause: 'empty', archetype: causeArchetypes.empty },
    ...[...healthyArchetypes.slice(0, CORE_HEALTHY_COUNT), ...optional].map((archetype) => ({
      cause: 'healthy' as const,
      archetype,
    })),
  ];
  const ordered = random.shuffled(chosen);
  const counts = splitTasks(random, ordered, taskTotal);
  const today = localMidnight(asOf, clock);

  return ordered.map(({ cause, archetype }, index) => {
    const id = index + 1;
    const department = archetype.department;
    const head = staff.head(department);
    const manual = archetype.distributionType === 'manually';
    const pool = staff.activeMembers(department).filter((person) => !manual || person.id !== head.id);
    // Heads join their own queue only when the department is too small without them.
    const byPreference = [
      ...random.shuffled(pool.filter((person) => person.id !== head.id)),
      ...pool.filter((person) => person.id === head.id),
    ];
    const team = byPreference
      .slice(0, Math.max(1, Math.min(archetype.teamSize, byPreference.length)))
      .map((person) => person.id);
    const plannedSeconds = archetype.plannedHours * HOUR;
    let start = today - random.int(150, HISTORY_DAYS) * DAY + 9 * HOUR;
    let end = asOf;
    if (cause === 'inactive') {
      start = today - HISTORY_DAYS * DAY + 9 * HOUR;
      end = today - random.int(45, 70) * DAY + 17 * HOUR;
    } else if (cause === 'empty') {
      start = end = today - 4 * DAY + 11 * HOUR;
    }
    const mix = kind === 'messy' ? messyMix(messRandom, cause, archetype) : null;
    const profile = mix ? mixedProfile(mix, archetype.plannedHours * HOUR) : causeProfiles[cause];
    const star = profile.overload ? random.pick(team) : null;
    // A messy company's overloaded flow has two people behind, when the team is big enough.
    const second =
      star !== null && mix?.dominant?.cause === 'overloaded-assignee' && team.length >= 4
        ? messRandom.pick(team.filter((person) => person !== star))
        : null;
    const requesters = requestersOf(archetype, staff);
    const reviewers = requesters.filter((person) => person.active && !team.includes(person.id));
    return {
      id,
      cause,
      profile,
      mix,
      busyReviewerId: mix?.busyReviewer && reviewers.length > 0 ? messRandom.pick(reviewers).id : null,
      archetype,
      groupId: 10 + id,
      templateId: archetype.template ? 40 + id : 0,
      ownerId: head.id,
      creatorId: random.chance(0.75) ? head.id : 1,
      moderatorId: manual ? head.id : null,
      team,
      requesters,
      plannedSeconds,
      matchWorkTime: archetype.matchWorkTime,
      taskControl: archetype.taskControl,
      allowChangeDeadline: cause !== 'weekend-deadlines' && random.chance(0.6),
      active: cause !== 'inactive',
      start,
      end,
      taskCount: counts[index] ?? 0,
      overloadedAssigneeIds: [star, second].filter((person) => person !== null),
    };
  });
}

function requestersOf(archetype: FlowArchetype, staff: Staff): Employee[] {
  if (archetype.creators === 'everyone') return staff.employees;
  const ids = new Set(departmentSubtree(archetype.department).map((key) => departmentSpec(key).id));
  return staff.employees.filter((person) => person.departmentIds.some((departmentId) => ids.has(departmentId)));
}

/** Splits the tasks by each flow's volume; every flow but the empty one gets at least one. */
function splitTasks(
  random: Random,
  flows: { cause: FlowCause; archetype: FlowArchetype }[],
  taskTotal: number,
): number[] {
  const weights = flows.map(({ cause, archetype }) =>
    cause === 'empty' ? 0 : archetype.volume * random.between(0.75, 1.3),
  );
  const counts = largestRemainder(weights, taskTotal);
  for (let i = 0; i < counts.length; i++) {
    if (flows[i]?.cause === 'empty' || (counts[i] ?? 0) > 0) continue;
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest] = (counts[largest] ?? 0) - 1;
    counts[i] = 1;
  }
  return counts;
}
