import type { DemoCompany } from '@/lib/demo-portal/company';
import type { OAuthApp } from '@/lib/demo-portal/oauth-state';

/** The seeded portal's member id: 32 hex digits, as Bitrix24 makes them. */
export const e2eMemberId = 'e2e00000000000000000000000000e2e';

/** The portal behind the e2e OAuth sign-in: the same employees as the seeded mirror (support/seed.ts). */
export const e2eCompany: DemoCompany = {
  header: {
    format: 'flowpilot-demo-company',
    version: 1,
    memberId: e2eMemberId,
    domain: 'e2e.bitrix24.test',
    timeZoneOffset: '+03:00',
    asOf: '2026-01-01T00:00:00+03:00',
  },
  departments: [],
  flows: [],
  tasks: [],
  history: [],
  users: [
    {
      ID: '11',
      ACTIVE: true,
      NAME: 'Лев',
      LAST_NAME: 'Лидов',
      EMAIL: 'lev@e2e.bitrix24.test',
      WORK_POSITION: 'Руководитель поддержки',
      UF_DEPARTMENT: [1],
    },
    { ID: '13', ACTIVE: true, NAME: 'Oleg', LAST_NAME: 'Owner', EMAIL: 'oleg@e2e.bitrix24.test', UF_DEPARTMENT: [1] },
    {
      ID: '14',
      ACTIVE: true,
      NAME: 'Nina',
      LAST_NAME: 'Newcomer',
      EMAIL: 'nina@e2e.bitrix24.test',
      UF_DEPARTMENT: [1],
    },
    { ID: '15', ACTIVE: false, NAME: 'Dmitry', LAST_NAME: 'Dismissed', UF_DEPARTMENT: [1] },
  ],
};

export function e2eOAuthApp(appBaseUrl: string): OAuthApp {
  return {
    clientId: 'local.e2e0000000000.00000000',
    clientSecret: 'e2e-client-secret',
    redirectUri: `${appBaseUrl}/api/auth/callback/bitrix24`,
  };
}
