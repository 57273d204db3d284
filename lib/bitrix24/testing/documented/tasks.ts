import type { DocumentedAnswer } from './documented-answer';

/**
 * Task methods: tasks.task.list, tasks.task.get, tasks.task.add, tasks.task.history.list.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

/** Selects ID, TITLE, DESCRIPTION, STATUS, DEADLINE, CREATED_DATE, RESPONSIBLE_ID and a few extras (the page's request), so no createdBy or flowId. */
export const tasksTaskList: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-list.md',
  status: 200,
  body: {
    result: {
      tasks: [
        {
          id: '8017',
          title: 'Task Example',
          description: 'Task description with [B]formatting[/B]',
          deadline: '2025-10-24T19:00:00+02:00',
          createdDate: '2025-06-04T16:15:55+02:00',
          responsibleId: '547',
          priority: '2',
          mark: '',
          descriptionInBbcode: 'Y',
          lengthDeadline: '1',
          status: '2',
          auditors: ['13', '103'],
          accomplices: [],
          group: [],
          responsible: {
            id: '547',
            name: 'Maria',
            link: '/company/personal/user/547/',
            icon: '/bitrix/images/tasks/default_avatar.png',
            workPosition: 'Tester',
          },
          accomplicesData: [],
          auditorsData: {
            '13': {
              id: '13',
              name: 'John Smith',
              link: '/company/personal/user/13/',
              icon: 'https://mysite.com/b17053/resize_cache/209/c0120a8d7c10d63c83e32398d1ec4d9e/main/c8dd225a1c6ea0a25722d01644b90fe4/8b.jpg',
              workPosition: 'System Administrator',
            },
            '103': {
              id: '103',
              name: 'Samantha Johnson',
              link: '/company/personal/user/103/',
              icon: 'https://mysite.com/b17053/resize_cache/8644/c0120a8d7c10d63c83e32398d1ec4d9e/main/45f/45fff10d17d398a5583184c8350cd197/buh.jpg',
              workPosition: 'Accountant',
            },
          },
          taskRequireResult: 'Y',
          taskHasOpenResult: 'N',
          taskHasResult: 'Y',
          timeElapsed: null,
          timerIsRunningForCurrentUser: 'N',
          parsedDescription: 'Task description with [B]formatting[/B]',
          counter: {
            counters: {
              expired: 0,
              newComments: 0,
              projectExpired: 0,
              projectNewComments: 0,
              mutedExpired: 0,
              mutedNewComments: 0,
            },
            color: 'gray',
            value: 0,
          },
          tags: {
            '35': {
              id: 35,
              title: 'arpar',
            },
          },
          subStatus: '2',
        },
      ],
    },
    total: 1,
    time: {
      start: 1761054322,
      finish: 1761054322.348041,
      duration: 0.3480410575866699,
      processing: 0,
      date_start: '2025-10-21T16:45:22+02:00',
      date_finish: '2025-10-21T16:45:22+02:00',
      operating_reset_at: 1761054922,
      operating: 0,
    },
  },
};

/** An `order` key that cannot be sorted. */
export const tasksTaskListBadOrder: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-list.md',
  status: 400,
  body: {
    error: '0',
    error_description: 'Invalid sorting key (internal error)',
  },
};

/** Selects ID, TITLE, DESCRIPTION, CREATED_BY, RESPONSIBLE_ID, DEADLINE and two user fields (the page's request). */
export const tasksTaskGet: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-get.md',
  status: 200,
  body: {
    result: {
      task: {
        id: '8017',
        title: 'Task Example',
        description: 'Task description with [B]formatting[/B]',
        createdBy: '503',
        responsibleId: '547',
        deadline: '2025-10-24T19:00:00+02:00',
        ufCrmTask: ['C_627', 'CO_591', 'L_1177', 'T88_3', 'D_1723'],
        ufTaskWebdavFiles: [1065, 1077],
        ufMailMessage: null,
        descriptionInBbcode: 'Y',
        favorite: 'Y',
        group: [],
        creator: {
          id: '503',
          name: 'Maria Johnson',
          link: '/company/personal/user/503/',
          icon: 'https://mysite.com/b17053/resize_cache/45749/c0120a8d7c10d63c83e32398d1ec4d9e/main/c89/c89c6b7301880958ea704b5a8470635c/4R5A1256.png',
          workPosition: 'admin',
        },
        responsible: {
          id: '547',
          name: 'Maria',
          link: '/company/personal/user/547/',
          icon: '/bitrix/images/tasks/default_avatar.png',
          workPosition: 'Tester',
        },
        action: {
          accept: false,
          decline: false,
          complete: true,
          approve: false,
          disapprove: false,
          start: true,
          pause: false,
          delegate: true,
          remove: true,
          edit: true,
          defer: true,
          renew: false,
          create: true,
          changeDeadline: true,
          checklistAddItems: true,
          addFavorite: false,
          deleteFavorite: true,
          rate: true,
          take: false,
          'edit.originator': false,
          'checklist.reorder': true,
          'elapsedtime.add': true,
          'dayplan.timer.toggle': true,
          'edit.plan': true,
          'checklist.add': true,
          'favorite.add': false,
          'favorite.delete': true,
        },
      },
    },
    time: {
      start: 1759759363,
      finish: 1759759363.155413,
      duration: 0.15541291236877441,
      processing: 0,
      date_start: '2025-10-06T17:02:43+02:00',
      date_finish: '2025-10-06T17:02:43+02:00',
      operating_reset_at: 1759759963,
      operating: 0,
    },
  },
};

export const tasksTaskGetBadSelect: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-get.md',
  status: 400,
  body: {
    error: '100',
    error_description:
      'Invalid value {} to match with parameter {select}. Should be value of type array. (internal error)',
  },
};

/** The whole task object (every field of `fields.md`) as the method returns it. */
export const tasksTaskAdd: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-add.md',
  status: 200,
  body: {
    result: {
      task: {
        id: '3711',
        parentId: null,
        title: 'task for test',
        description: '',
        mark: null,
        priority: '1',
        multitask: 'N',
        notViewed: 'N',
        replicate: 'N',
        stageId: '0',
        createdBy: '1',
        createdDate: '2024-11-02T10:06:08+02:00',
        responsibleId: '1',
        changedBy: '1',
        changedDate: '2024-11-02T10:06:08+02:00',
        statusChangedBy: null,
        closedBy: null,
        closedDate: null,
        activityDate: '2024-11-02T10:06:08+02:00',
        dateStart: null,
        deadline: null,
        startDatePlan: null,
        endDatePlan: null,
        guid: '{c2794da9-c7fe-404d-a709-ddab4578717a}',
        xmlId: null,
        commentsCount: null,
        serviceCommentsCount: null,
        allowChangeDeadline: 'N',
        allowTimeTracking: 'N',
        taskControl: 'N',
        addInReport: 'N',
        forkedByTemplateId: null,
        timeEstimate: '0',
        timeSpentInLogs: null,
        matchWorkTime: 'N',
        forumTopicId: null,
        forumId: null,
        siteId: 's1',
        subordinate: 'Y',
        exchangeModified: null,
        exchangeId: null,
        outlookVersion: '1',
        viewedDate: null,
        sorting: null,
        durationFact: null,
        isMuted: 'N',
        isPinned: 'N',
        isPinnedInGroup: 'N',
        flowId: null,
        descriptionInBbcode: 'Y',
        status: '2',
        statusChangedDate: '2024-11-02T10:06:08+02:00',
        durationPlan: null,
        durationType: 'days',
        favorite: 'N',
        groupId: '0',
        auditors: [],
        accomplices: [],
        checklist: [],
        group: [],
        creator: {
          id: '1',
          name: 'Viola',
          link: '/company/personal/user/1/',
          icon: 'https://your-domain.bitrix24.com/b13743910/resize_cache/2267/c0120a8d7c10d63c83e32398d1ec4d9e/main/c7b/c7bd44b1babaa5448125dd97d038ce1b/d5fb56b94dc2c3cd8c006a2c595a4895.jpg',
          workPosition: '',
        },
        responsible: {
          id: '1',
          name: 'Viola',
          link: '/company/personal/user/1/',
          icon: 'https://your-domain.bitrix24.com/b13743910/resize_cache/2267/c0120a8d7c10d63c83e32398d1ec4d9e/main/c7b/c7bd44b1babaa5448125dd97d038ce1b/d5fb56b94dc2c3cd8c006a2c595a4895.jpg',
          workPosition: '',
        },
        accomplicesData: [],
        auditorsData: [],
        newCommentsCount: 0,
        action: {
          accept: false,
          decline: false,
          complete: true,
          approve: false,
          disapprove: false,
          start: true,
          pause: false,
          delegate: true,
          remove: true,
          edit: true,
          defer: true,
          renew: false,
          create: true,
          changeDeadline: true,
          checklistAddItems: true,
          addFavorite: true,
          deleteFavorite: false,
          rate: true,
          'edit.originator': false,
          'checklist.reorder': true,
          'elapsedtime.add': true,
          'dayplan.timer.toggle': false,
          'edit.plan': true,
          'checklist.add': true,
          'favorite.add': true,
          'favorite.delete': false,
        },
        checkListTree: {
          nodeId: 0,
          fields: {
            id: null,
            copiedId: null,
            entityId: null,
            userId: 1,
            createdBy: null,
            parentId: null,
            title: '',
            sortIndex: null,
            displaySortIndex: '',
            isComplete: false,
            isImportant: false,
            completedCount: 0,
            members: [],
            attachments: [],
          },
          action: [],
          descendants: [],
        },
        checkListCanAdd: true,
      },
    },
    time: {
      start: 1758188171.142611,
      finish: 1758188172.101309,
      duration: 0.958698034286499,
      processing: 0.9341180324554443,
      date_start: '2025-09-18T12:36:11+03:00',
      date_finish: '2025-09-18T12:36:12+03:00',
      operating_reset_at: 1758188771,
      operating: 0.9340989589691162,
    },
  },
};

export const tasksTaskAddNoTitle: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-add.md',
  status: 400,
  body: {
    error: 'ERROR_CORE',
    error_description: 'Task title is not specified<br>',
  },
};

/** Ids are integers here; the page prints a trailing comma after `list`, dropped. */
export const tasksTaskHistoryList: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-history-list.md',
  status: 200,
  body: {
    result: {
      list: [
        {
          id: 16359,
          createdDate: '2025-09-25T14:09:45+02:00',
          field: 'NEW',
          value: {
            from: null,
            to: null,
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16361,
          createdDate: '2025-09-25T14:09:45+02:00',
          field: 'COMMENT',
          value: {
            from: null,
            to: '3409',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16363,
          createdDate: '2025-09-25T14:09:45+02:00',
          field: 'CHECKLIST_ITEM_CREATE',
          value: {
            from: '',
            to: 'What to do',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16365,
          createdDate: '2025-09-25T14:09:45+02:00',
          field: 'CHECKLIST_ITEM_CREATE',
          value: {
            from: '',
            to: 'Contact the client',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16367,
          createdDate: '2025-09-25T14:09:45+02:00',
          field: 'CHECKLIST_ITEM_CREATE',
          value: {
            from: '',
            to: 'Prepare the contract',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16369,
          createdDate: '2025-09-25T14:09:45+02:00',
          field: 'CHECKLIST_ITEM_CREATE',
          value: {
            from: '',
            to: 'Sign the contract',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16371,
          createdDate: '2025-09-25T14:09:57+02:00',
          field: 'AUDITORS',
          value: {
            from: '',
            to: '547',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16375,
          createdDate: '2025-09-25T14:09:57+02:00',
          field: 'COMMENT',
          value: {
            from: null,
            to: '3411',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
        {
          id: 16373,
          createdDate: '2025-09-25T14:09:58+02:00',
          field: 'COMMENT',
          value: {
            from: null,
            to: '3413',
          },
          user: {
            id: 503,
            name: 'Maria',
            lastName: 'Johnson',
            secondName: '',
            login: 'maria@mysite.com',
          },
        },
      ],
    },
    time: {
      start: 1758798620,
      finish: 1758798620.969019,
      duration: 0.9690189361572266,
      processing: 0,
      date_start: '2025-09-25T14:10:20+02:00',
      date_finish: '2025-09-25T14:10:20+02:00',
      operating_reset_at: 1758799220,
      operating: 0,
    },
  },
};

/** A task the user may not see. */
export const tasksTaskHistoryListDenied: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-history-list.md',
  status: 400,
  body: {
    error: '0',
    error_description: 'Access denied. (internal error)',
  },
};

/** "Returns an empty array `"result":[]` if the task does not exist or the user does not have access to the task." */
export const tasksTaskGetMissing: DocumentedAnswer = {
  source: 'api-reference/tasks/tasks-task-get.md',
  status: 200,
  body: { result: [] },
};
