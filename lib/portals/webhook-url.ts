import { z } from 'zod';
import { ActionError } from '@/lib/errors/action-error';

/**
 * An incoming webhook's URL as an admin pastes it (docs/bitrix24.md, "Calling Bitrix24"): https://<portal>/rest/<user>/<code>/,
 * also accepted with a method name after it (Bitrix24's page shows an example call such as
 * `…/profile.json`) or without the last slash. Plain http is allowed for the demo portal and
 * on-premise portals on a private network; cloud portals answer it with "Https required", which
 * the connection test names.
 *
 * Issue messages are codes (`settings.bitrix24.urlErrors.<code>` in messages/*.json), so the
 * form shows them in the admin's language; they never repeat the URL.
 */
export type WebhookUrlErrorCode = 'required' | 'not-url' | 'protocol' | 'credentials' | 'path';

export type ParsedWebhookUrl = {
  /** The base every call is made under, normalised: <origin>/rest/<user>/<code>/ */
  baseUrl: string;
  /** The portal's host as people know it, lower-case, with the port when it is not the default. */
  domain: string;
  /** The portal user the webhook acts as. */
  userId: number;
  /** The secret part; never shown or logged. */
  code: string;
};

export function parseWebhookUrl(
  text: string,
): { ok: true; value: ParsedWebhookUrl } | { ok: false; error: WebhookUrlErrorCode } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'required' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: 'not-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: 'protocol' };
  if (url.username || url.password) return { ok: false, error: 'credentials' };
  const segments = url.pathname.split('/').filter(Boolean);
  const [rest, user, code, method, ...more] = segments;
  const methodOk = method === undefined || /^[\w.]+$/.test(method);
  if (
    rest !== 'rest' ||
    !user ||
    !/^\d+$/.test(user) ||
    Number(user) < 1 ||
    !code ||
    !/^[\w-]{4,}$/.test(code) ||
    !methodOk ||
    more.length > 0 ||
    url.search ||
    url.hash
  ) {
    return { ok: false, error: 'path' };
  }
  return {
    ok: true,
    value: {
      baseUrl: `${url.origin}/rest/${user}/${code}/`,
      domain: url.host.toLowerCase(),
      userId: Number(user),
      code,
    },
  };
}

/** The zod form of `parseWebhookUrl` for action inputs: the trimmed text in, the parsed URL out. */
export const webhookUrlSchema = z
  .string()
  .max(2_000)
  .transform((text, context) => {
    const parsed = parseWebhookUrl(text);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  });

/** A webhook URL fit to show or log: the code replaced by dots. */
export function redactedWebhookUrl(webhook: ParsedWebhookUrl): string {
  return webhook.baseUrl.replace(`/${webhook.code}/`, '/••••/');
}

/** Removes a webhook's code from any text (error messages from the network layer may echo the URL). */
export function withoutSecret(text: string, code: string): string {
  return code ? text.split(code).join('••••') : text;
}

/**
 * Runs `work` with a webhook; an unexpected failure comes out as an error whose text has the
 * code removed, so whoever logs it (the action guard does) cannot leak the secret. Errors meant
 * for the user (ActionError) and framework control flow pass through unchanged.
 */
export async function keepingSecret<T>(code: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ActionError || (error instanceof Error && 'digest' in error)) throw error;
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(withoutSecret(text, code));
  }
}
