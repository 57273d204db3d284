import type { DocumentedAnswer } from './documented-answer';

/**
 * Users and departments: user.get, user.current, department.get.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

export const userGet: DocumentedAnswer = {
  source: 'api-reference/user/user-get.md',
  status: 200,
  body: {
    result: [
      {
        ID: '1',
        ACTIVE: true,
        NAME: 'Vadim',
        LAST_NAME: 'Valeev',
        SECOND_NAME: '',
        EMAIL: 'v.r.valeev@bitrix.com',
        LAST_LOGIN: '2024-07-25T13:06:54+00:00',
        DATE_REGISTER: '2024-07-15T00:00:00+00:00',
        TIME_ZONE: '',
        IS_ONLINE: 'Y',
        TIMESTAMP_X: {},
        LAST_ACTIVITY_DATE: {},
        PERSONAL_GENDER: '',
        PERSONAL_WWW: '',
        PERSONAL_BIRTHDAY: '2018-07-14T00:00:00+00:00',
        PERSONAL_MOBILE: '',
        PERSONAL_CITY: '',
        WORK_PHONE: '',
        WORK_POSITION: '',
        UF_EMPLOYMENT_DATE: '',
        UF_DEPARTMENT: [1],
        USER_TYPE: 'employee',
      },
      {
        ID: '3',
        ACTIVE: true,
        NAME: 'John',
        LAST_NAME: 'Smith',
        EMAIL: 'test@gmail.com',
        LAST_LOGIN: '2024-07-24T09:01:55+00:00',
        DATE_REGISTER: '2024-07-22T00:00:00+00:00',
        IS_ONLINE: 'N',
        TIMESTAMP_X: {},
        LAST_ACTIVITY_DATE: {},
        PERSONAL_GENDER: '',
        PERSONAL_BIRTHDAY: '',
        WORK_POSITION: '',
        UF_EMPLOYMENT_DATE: '',
        UF_DEPARTMENT: [1],
        USER_TYPE: 'employee',
      },
    ],
    total: 2,
    time: {
      start: 1721913235.39648,
      finish: 1721913235.45078,
      duration: 0.05430006980896,
      processing: 0.0187909603118897,
      date_start: '2024-07-25T13:13:55+00:00',
      date_finish: '2024-07-25T13:13:55+00:00',
      operating: 0,
    },
  },
};

export const userCurrent: DocumentedAnswer = {
  source: 'api-reference/user/user-current.md',
  status: 200,
  body: {
    result: {
      ID: '3',
      ACTIVE: true,
      NAME: 'John',
      LAST_NAME: 'Smith',
      EMAIL: 'test@gmail.com',
      LAST_LOGIN: '2024-07-23T08:07:26+00:00',
      DATE_REGISTER: '2024-07-22T00:00:00+00:00',
      IS_ONLINE: 'Y',
      LAST_ACTIVITY_DATE: '2024-07-23 08:08:50',
      PERSONAL_GENDER: '',
      PERSONAL_BIRTHDAY: '',
      WORK_POSITION: '',
      UF_EMPLOYMENT_DATE: '',
      UF_DEPARTMENT: [1],
    },
    time: {
      start: 1721722262.960948,
      finish: 1721722262.985244,
      duration: 0.024296045303344727,
      processing: 0.0012989044189453125,
      date_start: '2024-07-23T08:11:02+00:00',
      date_finish: '2024-07-23T08:11:02+00:00',
      operating: 0,
    },
  },
};

export const departmentGet: DocumentedAnswer = {
  source: 'api-reference/departments/department-get.md',
  status: 200,
  body: {
    result: [
      {
        ID: '15',
        NAME: 'R&D',
        SORT: 500,
        PARENT: '1',
      },
      {
        ID: '2',
        NAME: 'Accounting',
        SORT: 500,
        PARENT: '1',
      },
      {
        ID: '4',
        NAME: 'Marketing and Advertising Department',
        SORT: 500,
        PARENT: '1',
      },
      {
        ID: '3',
        NAME: 'Sales Department',
        SORT: 500,
        PARENT: '1',
      },
      {
        ID: '17',
        NAME: 'Legal Department',
        SORT: 500,
        PARENT: '1',
      },
    ],
    total: 5,
    time: {
      start: 1736924749.531017,
      finish: 1736924749.719845,
      duration: 0.1888279914855957,
      processing: 0.00179290771484375,
      date_start: '2025-01-15T07:05:49+00:00',
      date_finish: '2025-01-15T07:05:49+00:00',
      operating: 0,
    },
  },
};

export const userAdmin: DocumentedAnswer = {
  source: 'api-reference/common/users/user-admin.md',
  status: 200,
  body: {
    result: true,
    time: {
      start: 1721998816.3694,
      finish: 1721998816.43663,
      duration: 0.0672309398651123,
      processing: 0.000064849853515625,
      date_start: '2024-07-26T13:00:16+00:00',
      date_finish: '2024-07-26T13:00:16+00:00',
      operating: 0,
    },
  },
};
