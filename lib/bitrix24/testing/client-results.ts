import { rejectionOf } from '@/lib/testing/rejection';
import { Bitrix24Error } from '../errors';

/** Every row of a paged read, in order. */
export async function collectPages<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

/** The Bitrix24Error a call failed with; anything else (or success) fails the test. */
export async function bitrix24Failure(promise: Promise<unknown>): Promise<Bitrix24Error> {
  const error = await rejectionOf(promise);
  if (!(error instanceof Bitrix24Error)) throw new Error(`expected a Bitrix24Error, got ${String(error)}`);
  return error;
}
