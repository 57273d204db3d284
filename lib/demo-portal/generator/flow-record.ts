import type { PortalFlow } from '../company';
import { departmentSpec } from './departments';
import type { FlowCause } from './flow-causes';
import type { FlowPlan } from './flow-plans';
import type { Staff } from './people';
import { DAY, HOUR, formatPortalDate, type PortalClock } from './portal-time';
import type { Random } from './random';

const userPair = (id: number): [string, string] => ['user', String(id)];

/** The flow as tasks.flow.Flow.get returns it, with the efficiency its tasks give at asOf. */
export function flowRecord(
  plan: FlowPlan,
  efficiency: number,
  lastActivity: number,
  staff: Staff,
  random: Random,
  clock: PortalClock,
): PortalFlow {
  const archetype = plan.archetype;
  return {
    id: plan.id,
    creatorId: plan.creatorId,
    ownerId: plan.ownerId,
    groupId: plan.groupId,
    templateId: plan.templateId,
    efficiency,
    active: plan.active,
    plannedCompletionTime: plan.plannedSeconds,
    activity: formatPortalDate(lastActivity, clock),
    name: archetype.name,
    description: `${archetype.purpose} Демо-сценарий: ${causeExplanation(plan, staff)}`,
    distributionType: archetype.distributionType,
    responsibleList: plan.moderatorId === null ? plan.team.map(userPair) : [userPair(plan.moderatorId)],
    demo: false,
    responsibleCanChangeDeadline: plan.allowChangeDeadline,
    matchWorkTime: plan.matchWorkTime,
    taskControl: plan.taskControl,
    notifyAtHalfTime: random.chance(0.4),
    notifyOnQueueOverflow: random.pick([null, 10, 20, 50]),
    notifyOnTasksInProgressOverflow: random.pick([null, 50]),
    notifyWhenEfficiencyDecreases: random.pick([null, 70, 80]),
    taskCreators:
      archetype.creators === 'everyone'
        ? [['meta-user', 'all-users']]
        : [['department', String(departmentSpec(archetype.department).id)]],
    team: plan.team.map(userPair),
    trialFeatureEnabled: false,
  };
}

/** The flow's intended cause in plain Russian, for people reading the demo portal. */
function causeExplanation(plan: FlowPlan, staff: Staff): string {
  const nameOf = (id: number | null) => {
    const person = staff.employees.find((employee) => employee.id === id);
    return person ? `${person.firstName} ${person.lastName}` : 'модератор';
  };
  const explanations: Record<FlowCause, string> = {
    healthy: 'здоровый поток — задачи быстро берут в работу и закрывают в срок.',
    // The names stay in the nominative: the sentence is built so that they need no other case.
    'overloaded-assignee':
      plan.overloadedAssigneeIds.length > 1
        ? `перегружены исполнители: ${plan.overloadedAssigneeIds.map(nameOf).join(' и ')} получают больше половины задач, задачи копятся и выходят за срок.`
        : `перегружен исполнитель: ${nameOf(plan.overloadedAssigneeIds[0] ?? null)} получает около половины задач, задачи копятся и выходят за срок.`,
    'planned-time-too-short': `плановое время (${durationText(plan.plannedSeconds)}) меньше реального объёма работы — большинство задач закрывают позже срока.`,
    'slow-manual-distribution': `модератор (${nameOf(plan.moderatorId)}) распределяет задачи вручную с большой задержкой — задачи подолгу ждут, пока их возьмут в работу.`,
    'review-bottleneck':
      'узкое место на контроле — выполненные задачи подолгу ждут проверки постановщиком, и он возвращает их на доработку, когда срок уже прошёл.',
    'thin-descriptions':
      'задачи ставят без описания или с коротким описанием — исполнители тратят время на уточнения, и именно такие задачи просрочены.',
    'intake-spike':
      'всплеск входящих задач — последние две-три недели задач приходит примерно втрое больше, чем команда успевает закрыть.',
    'weekend-deadlines':
      'срок считается без учёта рабочего времени — у задач, поставленных в конце недели, крайний срок выпадает на субботу или воскресенье, и они просрочены.',
    inactive: 'поток отключён — новые задачи не поступают, старые закрыты.',
    empty: 'новый поток — задач в нём пока нет.',
  };
  return explanations[plan.cause];
}

/** "4 часа", "2 дня", "3 недели". */
export function durationText(seconds: number): string {
  if (seconds % (7 * DAY) === 0) return countOf(seconds / (7 * DAY), 'неделя', 'недели', 'недель');
  if (seconds % DAY === 0) return countOf(seconds / DAY, 'день', 'дня', 'дней');
  return countOf(Math.round(seconds / HOUR), 'час', 'часа', 'часов');
}

function countOf(count: number, one: string, few: string, many: string): string {
  const lastTwo = count % 100;
  const last = count % 10;
  const word = lastTwo >= 11 && lastTwo <= 14 ? many : last === 1 ? one : last >= 2 && last <= 4 ? few : many;
  return `${count} ${word}`;
}
