import { describe, expect, it } from 'vitest';
import { areas, canOpen, homePath, roles } from './roles';

describe('roles', () => {
  it('admins open everything; leads and executives never settings or users', () => {
    expect(areas.filter((area) => canOpen('admin', area))).toEqual([
      'overview',
      'flows',
      'outcomes',
      'users',
      'settings',
    ]);
    for (const role of ['lead', 'executive'] as const) {
      expect(areas.filter((area) => canOpen(role, area))).toEqual(['overview', 'flows', 'outcomes']);
    }
  });

  it('sends leads to their flows and the others to the overview', () => {
    expect(roles.map(homePath)).toEqual(['/overview', '/flows', '/overview']);
  });
});
