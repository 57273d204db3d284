import { parsePhpQuery, PhpQueryError } from '@/lib/bitrix24/php-query';
import { RestError } from './rest-error';
import type { RestAnswer } from './rest-method';

/**
 * batch (docs/bitrix24.md, "Answers as Bitrix24 documents them"): up to 50 commands `method?query`, run in order; `$result[key][path…]`
 * refers to an earlier result; `halt` stops at the first failure. Failures are collected per
 * key and the HTTP answer is 200; empty maps are `[]`, as PHP writes them.
 */
export type RunCommand = (
  method: string,
  params: Record<string, unknown>,
) => Promise<{ answer: RestAnswer; usage: { operating: number; resetAt: number } }>;

function lookup(results: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = results;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

const reference = /\$result((?:\[[^\]]*\])+)/g;

/** Replaces `$result[key][path…]` in the decoded params: a whole-value reference keeps the value's type. */
function substitute(value: unknown, results: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, results));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, results)]));
  if (typeof value !== 'string' || !value.includes('$result')) return value;
  const resolve = (brackets: string) =>
    lookup(
      results,
      [...brackets.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!),
    );
  const whole = /^\$result((?:\[[^\]]*\])+)$/.exec(value);
  if (whole) return resolve(whole[1]!) ?? '';
  return value.replace(reference, (_match, brackets: string) => String(resolve(brackets) ?? ''));
}

/** A command's query; a reserved key fails that command alone, as any invalid argument would. */
function commandParams(query: string): Record<string, unknown> {
  try {
    return parsePhpQuery(query);
  } catch (error) {
    if (error instanceof PhpQueryError) throw new RestError(400, 'INVALID_REQUEST', error.message);
    throw error;
  }
}

const phpMap = (map: Record<string, unknown>) => (Object.keys(map).length === 0 ? [] : map);

export async function runBatch(params: Record<string, unknown>, run: RunCommand): Promise<RestAnswer> {
  const cmd = params.cmd ?? params.CMD;
  if (!cmd || typeof cmd !== 'object') throw new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'No commands');
  const entries = Object.entries(cmd as Record<string, unknown>);
  if (entries.length > 50) throw new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
  const halt = ['1', 'true', 'Y'].includes(String(params.halt ?? '0'));
  const result: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  const totals: Record<string, unknown> = {};
  const nexts: Record<string, unknown> = {};
  const times: Record<string, unknown> = {};
  for (const [key, command] of entries) {
    const [method = '', query = ''] = String(command).split(/\?(.*)/s);
    const started = Date.now();
    try {
      if (method.toLowerCase() === 'batch')
        throw new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage');
      const { answer, usage } = await run(method, substitute(commandParams(query), result) as Record<string, unknown>);
      result[key] = answer.result;
      if (answer.total !== undefined) totals[key] = answer.total;
      if (answer.next !== undefined) nexts[key] = answer.next;
      const finished = Date.now();
      // A `time` object per sub-call, with its own method's budget figures (nested calls are
      // accounted as separate methods: b24restdocs settings/performance/limits.md, api-reference/data-types.md#time).
      times[key] = {
        start: started / 1000,
        finish: finished / 1000,
        duration: (finished - started) / 1000,
        processing: (finished - started) / 1000,
        date_start: new Date(started).toISOString(),
        date_finish: new Date(finished).toISOString(),
        operating_reset_at: usage.resetAt,
        operating: Number(usage.operating.toFixed(4)),
      };
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      // A failed sub-call has an error and no time (the error examples of batch.md).
      errors[key] = { error: error.error, error_description: error.description };
      if (halt) break;
    }
  }
  return {
    result: {
      result: phpMap(result),
      result_error: phpMap(errors),
      result_total: phpMap(totals),
      result_next: phpMap(nexts),
      result_time: phpMap(times),
    },
  };
}
