import type { DocumentedAnswer } from './documented-answer';

/**
 * Methods every connection uses: server.time, scope, profile, app.info, batch.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

export const serverTime: DocumentedAnswer = {
  source: 'api-reference/common/system/server-time.md',
  status: 200,
  body: {
    result: '2024-08-05T09:02:13+00:00',
    time: {
      start: 1722848533.40768,
      finish: 1722848533.44277,
      duration: 0.0350871086120606,
      processing: 0.000040054321289062,
      date_start: '2024-08-05T09:02:13+00:00',
      date_finish: '2024-08-05T09:02:13+00:00',
      operating: 0,
    },
  },
};

export const scope: DocumentedAnswer = {
  source: 'api-reference/common/system/scope.md',
  status: 200,
  body: {
    result: ['department', 'entity', 'log', 'user'],
    time: {
      start: 1721993326.41019,
      finish: 1721993326.44899,
      duration: 0.0387959480285645,
      processing: 0.000020980834960937,
      date_start: '2024-07-26T11:28:46+00:00',
      date_finish: '2024-07-26T11:28:46+00:00',
      operating: 0,
    },
  },
};

export const profile: DocumentedAnswer = {
  source: 'api-reference/common/users/profile.md',
  status: 200,
  body: {
    result: {
      ID: '1',
      ADMIN: true,
      NAME: 'Vadim',
      LAST_NAME: 'Valeev',
      PERSONAL_GENDER: '',
      TIME_ZONE: '',
    },
    time: {
      start: 1722848182.67776,
      finish: 1722848182.71787,
      duration: 0.0401120185852051,
      processing: 0.00115704536437988,
      date_start: '2024-08-05T08:56:22+00:00',
      date_finish: '2024-08-05T08:56:22+00:00',
      operating: 0,
    },
  },
};

export const appInfo: DocumentedAnswer = {
  source: 'api-reference/common/system/app-info.md',
  status: 200,
  body: {
    result: {
      ID: 5,
      CODE: 'telefum24.kp10',
      VERSION: 4,
      STATUS: 'F',
      INSTALLED: true,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: 'de',
      LICENSE: 'de_ent10000',
      LICENSE_TYPE: 'ent10000',
      LICENSE_FAMILY: 'ent',
    },
    time: {
      start: 1722841503.0585,
      finish: 1722841503.09885,
      duration: 0.0403509140014648,
      processing: 0.00533103942871094,
      date_start: '2024-08-05T07:05:03+00:00',
      date_finish: '2024-08-05T07:05:03+00:00',
      operating: 0,
    },
  },
};

/** Called with a webhook: no application context. */
export const appInfoOutsideApp: DocumentedAnswer = {
  source: 'api-reference/common/system/app-info.md',
  status: 400,
  body: {
    error: 'ACCESS_DENIED',
    error_description: 'Access denied! Application context required',
  },
};

/** cmd: get_user (user.current), get_department (department.get); empty maps are `[]`. */
export const batch: DocumentedAnswer = {
  source: 'settings/how-to-call-rest-api/batch.md',
  status: 200,
  body: {
    result: {
      result: {
        get_user: {
          ID: '1',
          ACTIVE: true,
          NAME: 'John',
          LAST_NAME: 'Doe',
          EMAIL: 'my@example.com',
          LAST_LOGIN: '2024-08-29T10:29:54+03:00',
          DATE_REGISTER: '2023-08-24T03:00:00+03:00',
          IS_ONLINE: 'Y',
          TIMESTAMP_X: '24.08.2023 13:19:39',
          LAST_ACTIVITY_DATE: '2024-08-29 10:30:11',
          PERSONAL_GENDER: '',
          PERSONAL_BIRTHDAY: '',
          UF_EMPLOYMENT_DATE: '',
          UF_DEPARTMENT: [1],
        },
        get_department: [
          {
            ID: '1',
            NAME: 'DEMO',
            SORT: 500,
          },
        ],
      },
      result_error: [],
      result_total: {
        get_department: 1,
      },
      result_next: [],
      result_time: {
        get_user: {
          start: 1724916859.46156,
          finish: 1724916859.464775,
          duration: 0.0032150745391845703,
          processing: 0.003075838088989258,
          date_start: '2024-08-29T10:34:19+03:00',
          date_finish: '2024-08-29T10:34:19+03:00',
        },
        get_department: {
          start: 1724916859.464944,
          finish: 1724916859.471518,
          duration: 0.006574153900146484,
          processing: 0.005941152572631836,
          date_start: '2024-08-29T10:34:19+03:00',
          date_finish: '2024-08-29T10:34:19+03:00',
        },
      },
    },
    time: {
      start: 1724916859.421475,
      finish: 1724916859.471588,
      duration: 0.05011296272277832,
      processing: 0.010200977325439453,
      date_start: '2024-08-29T10:34:19+03:00',
      date_finish: '2024-08-29T10:34:19+03:00',
    },
  },
};

/** halt = 0: every failing sub-call has its error, the batch itself answers 200. */
export const batchErrors: DocumentedAnswer = {
  source: 'settings/how-to-call-rest-api/batch.md',
  status: 200,
  body: {
    result: {
      result: [],
      result_error: {
        get_user: {
          error: 'insufficient_scope',
          error_description: '',
        },
        get_department: {
          error: 'insufficient_scope',
          error_description: '',
        },
      },
      result_total: [],
      result_next: [],
      result_time: [],
    },
    time: {
      start: 1724916638.077564,
      finish: 1724916638.132399,
      duration: 0.05483508110046387,
      processing: 0.0017969608306884766,
      date_start: '2024-08-29T10:30:38+03:00',
      date_finish: '2024-08-29T10:30:38+03:00',
    },
  },
};

/** halt = 1: the chain stops at the first failing sub-call. */
export const batchErrorsHalted: DocumentedAnswer = {
  source: 'settings/how-to-call-rest-api/batch.md',
  status: 200,
  body: {
    result: {
      result: [],
      result_error: {
        get_user: {
          error: 'insufficient_scope',
          error_description: '',
        },
      },
      result_total: [],
      result_next: [],
      result_time: [],
    },
    time: {
      start: 1724916725.460891,
      finish: 1724916725.851307,
      duration: 0.39041590690612793,
      processing: 0.0005991458892822266,
      date_start: '2024-08-29T10:32:05+03:00',
      date_finish: '2024-08-29T10:32:05+03:00',
    },
  },
};
