import { describe, expect, it } from 'vitest';
import type { FlowListRow } from './dashboard-types';
import {
  defaultFlowListFilters,
  filterAndSortFlows,
  flowListFiltersFrom,
  flowListPageSize,
  flowListSearchParams,
  flowsListPage,
} from './flow-list-filters';

function row(
  name: string,
  overrides: {
    efficiency?: number | null;
    change?: number | null;
    pending?: number;
    owner?: number;
    distribution?: FlowListRow['distributionType'];
    active?: boolean;
    likelyLate?: number;
    drop?: number | null;
  } = {},
): FlowListRow {
  const efficiency = overrides.efficiency === undefined ? 90 : overrides.efficiency;
  return {
    id: name,
    bitrixFlowId: 1,
    name,
    active: overrides.active ?? true,
    distributionType: overrides.distribution ?? 'queue',
    owner: { bitrixUserId: overrides.owner ?? 1, name: `Owner ${overrides.owner ?? 1}`, photoUrl: null },
    moderators: [],
    pending: { count: overrides.pending ?? 0, medianWaitMs: null },
    inProgress: { count: 0, medianMs: null },
    awaitingReview: 0,
    completed: 0,
    overdue: 0,
    atRisk: 0,
    likelyLate: overrides.likelyLate ?? 0,
    efficiency: {
      value: efficiency,
      previous: null,
      change: overrides.change ?? null,
      band: efficiency === null ? null : efficiency >= 80 ? 'healthy' : efficiency >= 60 ? 'watch' : 'critical',
      portalValue: null,
      differs: false,
      sparkline: [],
    },
    forecast: {
      current: efficiency ?? 100,
      points: [],
      basis: { tasks: 0, openDue: 0, recent: 0 },
      pace: { perDay: 0, days: 14 },
      drop: overrides.drop === undefined ? 0 : overrides.drop,
    },
    bitrixUrl: '',
  };
}

const rows = [
  row('Юристы', {
    efficiency: 55,
    change: -10,
    pending: 4,
    owner: 2,
    distribution: 'manually',
    likelyLate: 3,
    drop: 6,
  }),
  row('Alpha', { efficiency: 95, change: 5, pending: 1, drop: -2 }),
  row('beta', { efficiency: null, pending: 9, active: false, distribution: 'himself', likelyLate: 5, drop: null }),
  row('Gamma', { efficiency: 70, change: 0, pending: 1, owner: 2, likelyLate: 3, drop: 11 }),
];
const names = (list: FlowListRow[]) => list.map((item) => item.name);

describe('the flows list filters', () => {
  it('sorts by name by default, case-insensitively, in the reader’s language', () => {
    expect(names(filterAndSortFlows(rows, defaultFlowListFilters, 'en'))).toEqual(['Alpha', 'beta', 'Gamma', 'Юристы']);
    // Russian collation puts Cyrillic first.
    expect(names(filterAndSortFlows(rows, defaultFlowListFilters, 'ru'))).toEqual(['Юристы', 'Alpha', 'beta', 'Gamma']);
  });

  it('sorts by a figure either way, flows without one last, ties by name', () => {
    expect(
      names(filterAndSortFlows(rows, { ...defaultFlowListFilters, sort: 'efficiency', order: 'desc' }, 'en')),
    ).toEqual(['Alpha', 'Gamma', 'Юристы', 'beta']);
    expect(
      names(filterAndSortFlows(rows, { ...defaultFlowListFilters, sort: 'efficiency', order: 'asc' }, 'en')),
    ).toEqual(['Юристы', 'Gamma', 'Alpha', 'beta']);
    expect(names(filterAndSortFlows(rows, { ...defaultFlowListFilters, sort: 'pending', order: 'asc' }, 'en'))).toEqual(
      ['Alpha', 'Gamma', 'Юристы', 'beta'],
    );
  });

  it('sorts by the open tasks likely late and by the forecast drop, the biggest first when descending', () => {
    expect(
      names(filterAndSortFlows(rows, { ...defaultFlowListFilters, sort: 'likelyLate', order: 'desc' }, 'en')),
    ).toEqual(['beta', 'Gamma', 'Юристы', 'Alpha']);
    expect(
      names(filterAndSortFlows(rows, { ...defaultFlowListFilters, sort: 'forecastDrop', order: 'desc' }, 'en')),
    ).toEqual(['Gamma', 'Юристы', 'Alpha', 'beta']);
    expect(flowListFiltersFrom({ sort: 'forecastDrop', order: 'desc' })).toMatchObject({ sort: 'forecastDrop' });
  });

  it('searches names and owners, and filters by health, distribution, owner and state', () => {
    expect(names(filterAndSortFlows(rows, { ...defaultFlowListFilters, q: '  юрист ' }, 'ru'))).toEqual(['Юристы']);
    expect(names(filterAndSortFlows(rows, { ...defaultFlowListFilters, q: 'owner 2' }, 'en'))).toEqual([
      'Gamma',
      'Юристы',
    ]);
    expect(names(filterAndSortFlows(rows, { ...defaultFlowListFilters, health: 'watch' }, 'en'))).toEqual(['Gamma']);
    expect(names(filterAndSortFlows(rows, { ...defaultFlowListFilters, distribution: 'himself' }, 'en'))).toEqual([
      'beta',
    ]);
    expect(
      names(filterAndSortFlows(rows, { ...defaultFlowListFilters, owner: '2', health: 'critical' }, 'en')),
    ).toEqual(['Юристы']);
    expect(names(filterAndSortFlows(rows, { ...defaultFlowListFilters, active: 'inactive' }, 'en'))).toEqual(['beta']);
  });

  it('reads search params, falling back to "all" for anything malformed', () => {
    expect(flowListFiltersFrom({ health: 'critical', sort: 'change', order: 'desc', owner: ['7', '8'] })).toMatchObject(
      { health: 'critical', sort: 'change', order: 'desc', owner: '7' },
    );
    expect(
      flowListFiltersFrom({ health: '<script>', owner: '1 OR 1=1', sort: 'DROP', q: 'x'.repeat(500), page: '-3' }),
    ).toEqual(defaultFlowListFilters);
    expect(flowListFiltersFrom({ page: '4' }).page).toBe(4);
  });

  it('pages the matching rows on the server and lists every owner for the filter', () => {
    const many = Array.from({ length: 120 }, (_, index) =>
      row(`Flow ${String(index).padStart(3, '0')}`, { owner: index % 3 }),
    );
    const window = { from: '2026-04-20', to: '2026-05-20', days: 30, timeZoneOffset: '+03:00' };
    const second = flowsListPage({ window, rows: many }, { ...defaultFlowListFilters, page: 2 }, 'en');
    expect(second).toMatchObject({ total: 120, matching: 120, page: 2, pageCount: 3 });
    expect(second.rows).toHaveLength(flowListPageSize);
    expect(second.rows[0]!.name).toBe('Flow 050');
    expect(second.owners.map((owner) => owner.bitrixUserId)).toEqual([0, 1, 2]);
    const beyond = flowsListPage({ window, rows: many }, { ...defaultFlowListFilters, owner: '1', page: 9 }, 'en');
    expect(beyond).toMatchObject({ matching: 40, page: 1, pageCount: 1 });
    expect(flowListSearchParams({ ...defaultFlowListFilters, health: 'watch', page: 2 }).toString()).toBe(
      'health=watch&page=2',
    );
  });
});
