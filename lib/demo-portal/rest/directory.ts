import { parseFilterKey } from './filter-key';
import { RestError } from './rest-error';
import type { RestMethod } from './rest-method';

/** user.get, user.current and department.get (docs/bitrix24.md, "Answers as Bitrix24 documents them"): FILTER with prefixes, `>ID` cursor, pages of 50. */
function userMatches(user: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([rawKey, expected]) => {
    const { field: key, op } = parseFilterKey(rawKey);
    if (key === 'ACTIVE')
      return String(user.ACTIVE) === String(expected === 'Y' ? true : expected === 'N' ? false : expected);
    if (key === 'UF_DEPARTMENT') return (user.UF_DEPARTMENT as number[]).map(String).includes(String(expected));
    const actual = key === 'ID' ? Number(user.ID) : user[key];
    const target = key === 'ID' ? Number(expected) : expected;
    if (op === '>') return Number(actual) > Number(target);
    if (op === '>=') return Number(actual) >= Number(target);
    if (op === '<') return Number(actual) < Number(target);
    if (op === '<=') return Number(actual) <= Number(target);
    if (op === '!') return String(actual) !== String(target);
    if (op === '%')
      return String(actual ?? '')
        .toLowerCase()
        .includes(String(target).toLowerCase());
    return Array.isArray(target) ? target.map(String).includes(String(actual)) : String(actual) === String(target);
  });
}

/** A user as user.get gives it: someone in no department (extranet, e-mail, bot) has `UF_DEPARTMENT: false`, as an empty multiple field comes out of Bitrix24. */
function userForResponse(user: Record<string, unknown>): Record<string, unknown> {
  const served = { ...user, PERSONAL_GENDER: user.PERSONAL_GENDER ?? '' };
  return Array.isArray(user.UF_DEPARTMENT) && user.UF_DEPARTMENT.length === 0
    ? { ...served, UF_DEPARTMENT: false }
    : served;
}

const reserved = new Set(['SORT', 'ORDER', 'START', 'SELECT', 'ADMIN_MODE', 'IMAGE_RESIZE', 'FILTER', 'AUTH']);

export const userGet: RestMethod = {
  scope: 'user',
  handle(context, params) {
    // Filters come as FILTER or, as in the docs' own examples, at the top level.
    const upper = Object.fromEntries(Object.entries(params).map(([key, value]) => [key.toUpperCase(), value]));
    const filter = {
      ...(upper.FILTER as Record<string, unknown> | undefined),
      ...Object.fromEntries(Object.entries(params).filter(([key]) => !reserved.has(key.toUpperCase()))),
    };
    const direction = String(upper.ORDER ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
    const sortKey = String(upper.SORT ?? 'ID').toUpperCase();
    const users = [...context.state.users.values()]
      .filter((user) => userMatches(user, filter))
      .sort(
        (a, b) =>
          (sortKey === 'ID'
            ? Number(a.ID) - Number(b.ID)
            : String(a[sortKey as keyof typeof a] ?? '').localeCompare(String(b[sortKey as keyof typeof b] ?? ''))) *
          direction,
      );
    const start = Number(upper.START ?? 0);
    if (start === -1) return { result: users.slice(0, 50).map(userForResponse), total: 0 };
    const offset = Math.max(0, Math.floor(start / 50) * 50);
    return {
      result: users.slice(offset, offset + 50).map(userForResponse),
      total: users.length,
      ...(offset + 50 < users.length ? { next: offset + 50 } : {}),
    };
  },
};

export const userCurrent: RestMethod = {
  scope: 'user',
  handle(context) {
    const user = context.state.users.get(context.caller.userId);
    if (!user) throw new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
    return { result: userForResponse(user) };
  },
};

export const departmentGet: RestMethod = {
  scope: 'department',
  handle(context, params) {
    const upper = Object.fromEntries(Object.entries(params).map(([key, value]) => [key.toUpperCase(), value]));
    // `sort`/`order` choose the ordering; the remaining documented keys filter.
    const filters = Object.entries(upper).filter(([key]) => ['ID', 'NAME', 'PARENT', 'UF_HEAD'].includes(key));
    const sortKey = String(upper.SORT ?? 'SORT').toUpperCase() as 'ID' | 'NAME' | 'SORT' | 'PARENT' | 'UF_HEAD';
    const direction = String(upper.ORDER ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
    const found = context.state.departments
      .filter((department) =>
        filters.every(([key, value]) => String(department[key as keyof typeof department] ?? '') === String(value)),
      )
      .sort((a, b) => {
        const x = a[sortKey] ?? '';
        const y = b[sortKey] ?? '';
        return (
          (typeof x === 'number' && typeof y === 'number'
            ? x - y
            : String(x).localeCompare(String(y), 'ru', { numeric: true })) * direction
        );
      });
    const start = Math.max(0, Math.floor(Number(upper.START ?? 0) / 50) * 50);
    return {
      result: found.slice(start, start + 50),
      total: found.length,
      ...(start + 50 < found.length ? { next: start + 50 } : {}),
    };
  },
};
