/** Bitrix24 filter keys carry their comparison in front: `>=CHANGED_DATE`, `!STATUS`, `%TITLE`; none means equals. */
export type FilterOperator = '=' | '!' | '<' | '<=' | '>' | '>=' | '%';

export function parseFilterKey(rawKey: string): { field: string; op: FilterOperator } {
  const match = /^(>=|<=|!|<|>|%|=)?(.+)$/.exec(rawKey);
  return { field: (match?.[2] ?? rawKey).toUpperCase(), op: (match?.[1] ?? '=') as FilterOperator };
}
