import { describe, expect, it } from 'vitest';
import { defaultFlowListFilters } from './flow-list-filters';
import { flowListAddress, isFiltered, sortChange } from './flow-list-view-changes';

const view = {
  ...defaultFlowListFilters,
  health: 'critical' as const,
  sort: 'efficiency' as const,
  order: 'desc' as const,
  page: 3,
};

describe('changing the flows list view', () => {
  it('starts again at the first page on any change but a page turn', () => {
    expect(flowListAddress(view, { owner: '7' }, '/flows')).toBe('?health=critical&owner=7&sort=efficiency&order=desc');
    expect(flowListAddress(view, { page: 4 }, '/flows')).toBe('?health=critical&sort=efficiency&order=desc&page=4');
  });

  it('drops the defaults from the address, down to the bare path', () => {
    expect(flowListAddress(view, { health: 'all', sort: 'name', order: 'asc' }, '/flows')).toBe('/flows');
  });

  it('turns the order round on the same column; a new column starts ascending by name, descending by a figure', () => {
    expect(sortChange(view, 'efficiency')).toEqual({ sort: 'efficiency', order: 'asc' });
    expect(sortChange(view, 'name')).toEqual({ sort: 'name', order: 'asc' });
    expect(sortChange(defaultFlowListFilters, 'pending')).toEqual({ sort: 'pending', order: 'desc' });
  });

  it('counts search and filters as narrowing the list, not the order or the page', () => {
    expect(isFiltered(view)).toBe(true);
    expect(isFiltered({ ...defaultFlowListFilters, sort: 'change', order: 'desc', page: 2 })).toBe(false);
    expect(isFiltered({ ...defaultFlowListFilters, q: 'закуп' })).toBe(true);
  });
});
