import { z } from 'zod';

/**
 * Flow ids an admin types by hand (flows the discovery cannot find; docs/bitrix24.md, "Calling Bitrix24"), as
 * a list separated by commas, spaces, semicolons or new lines. Pure, so the form checks what
 * the action checks again.
 */
export const maxFlowId = 2_147_483_647;
export const maxFlowIdsPerAdd = 100;

export const flowIdSchema = z.number().int().min(1).max(maxFlowId);

export type FlowIdListError = 'empty' | 'invalid' | 'too-many';

export function parseFlowIdList(text: string): { ok: true; ids: number[] } | { ok: false; error: FlowIdListError } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, error: 'empty' };
  const ids: number[] = [];
  for (const part of parts) {
    const id = /^#?\d{1,10}$/.test(part) ? Number(part.replace('#', '')) : NaN;
    if (!flowIdSchema.safeParse(id).success) return { ok: false, error: 'invalid' };
    ids.push(id);
  }
  const unique = [...new Set(ids)];
  if (unique.length > maxFlowIdsPerAdd) return { ok: false, error: 'too-many' };
  return { ok: true, ids: unique };
}
