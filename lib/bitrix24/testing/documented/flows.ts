import type { DocumentedAnswer } from './documented-answer';

/**
 * tasks.flow.Flow.get.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

export const tasksFlowFlowGet: DocumentedAnswer = {
  source: 'api-reference/tasks/flow/tasks-flow-flow-get.md',
  status: 200,
  body: {
    result: {
      id: 517,
      creatorId: 1,
      ownerId: 1,
      groupId: 178,
      templateId: 0,
      efficiency: 0,
      active: true,
      plannedCompletionTime: 7200,
      activity: '2024-09-02T15:27:29+00:00',
      name: 'Updated Flow Name',
      description: 'Updated description',
      distributionType: 'manually',
      responsibleList: [['user', '3']],
      demo: false,
      responsibleCanChangeDeadline: true,
      matchWorkTime: true,
      taskControl: false,
      notifyAtHalfTime: false,
      notifyOnQueueOverflow: 10,
      notifyOnTasksInProgressOverflow: 50,
      notifyWhenEfficiencyDecreases: null,
      taskCreators: [['meta-user', 'all-users']],
      team: [['user', '3']],
      trialFeatureEnabled: false,
    },
  },
};

export const tasksFlowFlowGetNotFound: DocumentedAnswer = {
  source: 'api-reference/tasks/flow/tasks-flow-flow-get.md',
  status: 400,
  body: {
    error: '0',
    error_description: 'Flow not found',
  },
};

/** The table's other row, printed without a body: a plan without Flows, or a flow the user may not read. */
export const tasksFlowFlowGetAccessDenied: DocumentedAnswer = {
  source: 'api-reference/tasks/flow/tasks-flow-flow-get.md',
  status: 400,
  body: { error: '0', error_description: 'Access denied or flow not found' },
};
