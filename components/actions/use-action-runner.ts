'use client';

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActionResult } from '@/lib/auth/guards';

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;
/** `code` is the refusal's code, for a form that marks a field by it. */
export type ActionMessage = { kind: 'ok' | 'error'; text: string; code?: string };

/**
 * Runs server actions from a form or a button: pending while one runs, its refusal in the
 * reader's words (and the fields the server refused, for the form to mark), an outcome message for
 * an aria-live region, and the queries the action changed fetched again. Each area gives its own
 * error texts (`errorText`) and, when success needs no words of its own, `savedText`.
 */
export function useActionRunner(options: { errorText: (failure: ActionFailure) => string; savedText?: string }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const mutation = useMutation({ mutationFn: (work: () => Promise<void>) => work() });

  /**
   * `onOk` may return the message to show (null: none); without one, `savedText` is shown.
   * `invalidate` names the queries whose data the action changes.
   */
  function run<T>(
    action: () => Promise<ActionResult<T>>,
    onOk?: (data: T) => ActionMessage | null | void,
    invalidate: readonly QueryKey[] = [],
  ) {
    setMessage(null);
    // Called at once, while the caller's event still holds its values (a controlled select
    // reverts before a deferred call would read it); the mutation tracks the answer.
    const answer = started(action);
    mutation.mutate(async () => {
      const result = await answer.catch((): ActionFailure => ({ ok: false, error: 'failed' }));
      if (!result.ok) {
        setFields(result.fields ?? {});
        setMessage({ kind: 'error', text: options.errorText(result), code: result.error });
        return;
      }
      setFields({});
      const said = onOk?.(result.data);
      setMessage(
        said === undefined ? (options.savedText === undefined ? null : { kind: 'ok', text: options.savedText }) : said,
      );
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    });
  }

  return { pending: mutation.isPending, message, fields, run, setMessage };
}

function started<T>(action: () => Promise<T>): Promise<T> {
  try {
    return action();
  } catch (error) {
    return Promise.reject(error);
  }
}
