import { describe, expect, it } from 'vitest';
import { fixtureFlow } from '@/lib/demo-portal/testing/fixture-company';
import type { PortalFlowData } from '@/lib/bitrix24/schemas';
import { departmentPeople } from './department-people';
import { flowMembers } from './flow-writes';

/**
 * Flow teams and responsible lists hold departments as well as users (b24restdocs
 * `api-reference/tasks/flow/tasks-flow-flow-create.md`: `['department', '17:F']`; without `:F`
 * "the system will select all sub-departments of the specified department"), as Flow.get returns
 * them through `Converter::convertFromFinderCodes` (bitrix24-core-corp
 * `modules/tasks/lib/Flow/Controllers/Flow.php`). A department stands for its people.
 */
const people = departmentPeople(
  [
    { bitrixDepartmentId: 1, parentId: null },
    { bitrixDepartmentId: 17, parentId: 1 },
    { bitrixDepartmentId: 18, parentId: 17 },
    { bitrixDepartmentId: 19, parentId: 18 },
  ],
  [
    { bitrixUserId: 5, departmentIds: [17], active: true },
    { bitrixUserId: 6, departmentIds: [18], active: true },
    { bitrixUserId: 7, departmentIds: [19, 1], active: true },
    { bitrixUserId: 8, departmentIds: [17], active: false },
  ],
);

const flow = (overrides: Partial<PortalFlowData>) => ({ ...fixtureFlow(3), ...overrides }) as unknown as PortalFlowData;

describe('flow members from departments', () => {
  it('a department with :F is its own people; without, its sub-departments too; dismissed people are not members', () => {
    expect(
      flowMembers(
        flow({ ownerId: 1, distributionType: 'queue', responsibleList: [['department', '17:F']], team: [] }),
        people,
      ),
    ).toEqual([
      { bitrixUserId: 1, role: 'owner' },
      { bitrixUserId: 5, role: 'member' },
    ]);
    expect(
      flowMembers(
        flow({ ownerId: 1, distributionType: 'queue', responsibleList: [['user', '2']], team: [['department', '17']] }),
        people,
      )
        .map((member) => member.bitrixUserId)
        .sort(),
    ).toEqual([1, 2, 5, 6, 7]);
  });

  it('a moderator list of a manual flow keeps its roles; unknown departments add nobody', () => {
    expect(
      flowMembers(
        flow({
          ownerId: 1,
          distributionType: 'manually',
          responsibleList: [['department', '18:F']],
          team: [['department', '99']],
        }),
        people,
      ),
    ).toEqual([
      { bitrixUserId: 1, role: 'owner' },
      { bitrixUserId: 6, role: 'moderator' },
    ]);
  });
});
