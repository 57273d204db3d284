/**
 * PHP's bracket query format, which Bitrix24 speaks in GET queries, form bodies and batch
 * command strings: `filter[>ID]=5&select[0]=ID&select[1]=TITLE`.
 */
type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

function flatten(prefix: string, value: Value, out: [string, string][]): void {
  if (value === undefined) return;
  if (value === null) return void out.push([prefix, '']);
  if (Array.isArray(value)) return value.forEach((item, index) => flatten(`${prefix}[${index}]`, item, out));
  if (typeof value === 'object')
    return Object.entries(value).forEach(([key, item]) => flatten(`${prefix}[${key}]`, item, out));
  out.push([prefix, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
}

/** Encodes params as PHP's http_build_query does (booleans as 1/0, null as empty). */
export function encodePhpQuery(params: Record<string, unknown>): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) flatten(key, value as Value, pairs);
  return pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

type Tree = { [key: string]: string | Tree };

/**
 * A bracket query no PHP server would read as it stands: a prototype slot (never data, always an
 * attack on the parser's objects), or more nesting or variables than PHP takes.
 */
export class PhpQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhpQueryError';
  }
}

const reservedSegments = new Set(['__proto__', 'constructor', 'prototype']);
/** PHP's defaults, max_input_nesting_level and max_input_vars: Bitrix24 itself reads no more. */
const maxSegments = 64;
const maxVariables = 1_000;

/** Objects whose keys are exactly 0..n-1 become arrays, as PHP's arrays read in JSON. */
function arraysFromIndexes(node: string | Tree): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const converted = Object.fromEntries(keys.map((key) => [key, arraysFromIndexes(node[key]!)]));
  if (keys.length > 0 && keys.every((key, index) => key === String(index))) return keys.map((key) => converted[key]);
  return converted;
}

/**
 * Parses a bracket query into nested objects and arrays (`a[]=1&a[]=2` → a: ['1','2']). The tree
 * is built from null-prototype objects and a `__proto__`, `constructor` or `prototype` segment is
 * refused, so no body can write into Object.prototype (this runs before any token check); so is
 * a query deeper or wider than PHP reads, which would otherwise cost recursion and memory.
 */
export function parsePhpQuery(query: string): Record<string, unknown> {
  const root: Tree = Object.create(null) as Tree;
  const pairs = [...new URLSearchParams(query)];
  if (pairs.length > maxVariables) throw new PhpQueryError(`The query has more than ${maxVariables} variables.`);
  for (const [rawKey, value] of pairs) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    const reserved = path.find((segment) => reservedSegments.has(segment));
    if (reserved !== undefined) throw new PhpQueryError(`The query names a reserved key (${reserved}).`);
    if (path.length > maxSegments) throw new PhpQueryError(`The query nests deeper than ${maxSegments} levels.`);
    let node: Tree = root;
    path.forEach((segment, index) => {
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      node = typeof next === 'object' ? next : (node[key] = Object.create(null) as Tree);
    });
  }
  return arraysFromIndexes(root) as Record<string, unknown>;
}
