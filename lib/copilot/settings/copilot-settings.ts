import { z } from 'zod';
import type { AnalystModel } from '@/lib/ai/analyst-model';
import { analystModelFor } from '@/lib/ai/model-registry';
import { ModelError } from '@/lib/ai/model-errors';
import { providerConfigSchema, type ProviderConfig } from '@/lib/ai/provider-config';
import { isDemoAccount } from '@/lib/auth/demo-accounts';
import { ActionError } from '@/lib/errors/action-error';
import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import type { AnswerLanguage } from '@/lib/db/generated/client';
import { defaultLocale, isLocale, type Locale } from '@/lib/i18n/locales';
import type { SecretBox } from '@/lib/security/secret-box';

/** CoPilot's settings as pages and the server read them: the provider's secret only as "set". */
export type CopilotSettings = {
  enabled: boolean;
  hourlyRequestLimit: number;
  monthlyRequestLimit: number | null;
  userDailyLimit: number | null;
  logRetentionDays: number;
  provider: ProviderConfig;
  secretSet: boolean;
  answerLanguage: AnswerLanguage;
  /** Whether a model is told each person token's grammatical gender; names never leave either way. */
  shareGenderWithModel: boolean;
};

const defaults = {
  enabled: true,
  hourlyRequestLimit: 600,
  monthlyRequestLimit: null,
  // "Analyse again" is a click; a day's worth for one person is far below the portal's 600 an hour.
  userDailyLimit: 50,
  logRetentionDays: 14,
  provider: { kind: 'builtin' } as ProviderConfig,
  sealedProviderSecret: null,
  answerLanguage: 'viewer' as const,
  shareGenderWithModel: false,
};

async function settingsRow(db: PrismaClient) {
  const row = await db.copilotSettings.findUnique({
    where: { id: 1 },
    select: {
      enabled: true,
      hourlyRequestLimit: true,
      monthlyRequestLimit: true,
      userDailyLimit: true,
      logRetentionDays: true,
      provider: true,
      sealedProviderSecret: true,
      answerLanguage: true,
      shareGenderWithModel: true,
    },
  });
  if (!row) return defaults;
  // A provider saved by an older or hand-edited config falls back to the built-in analyst.
  const provider = providerConfigSchema.safeParse(row.provider);
  return { ...row, provider: provider.success ? provider.data : defaults.provider };
}

/** The deployment's CoPilot settings; on, with Bitrix24's limit and the built-in analyst, until an admin changes them. */
export async function copilotSettings(db: PrismaClient): Promise<CopilotSettings> {
  return (await copilotSettingsWithSealedSecret(db)).settings;
}

export type SettingsChange = {
  enabled?: boolean;
  hourlyRequestLimit?: number;
  monthlyRequestLimit?: number | null;
  userDailyLimit?: number | null;
  logRetentionDays?: number;
  answerLanguage?: AnswerLanguage;
  shareGenderWithModel?: boolean;
  provider?: ProviderConfig;
  /** A new secret; null removes it; undefined keeps the stored one. */
  secret?: string | null;
};

/** Saves a change and records it in the audit log (who, when, what; a secret only as changed). */
export async function updateCopilotSettings(
  db: PrismaClient,
  change: SettingsChange,
  options: { box?: SecretBox; userId?: string | null } = {},
): Promise<CopilotSettings> {
  const { secret, ...plain } = change;
  if (secret && !options.box) throw new Error('A secret needs the secret box to be sealed.');
  const sealed =
    secret === undefined
      ? {}
      : {
          sealedProviderSecret:
            secret === null ? null : options.box!.seal(secret, 'copilot_settings.sealedProviderSecret'),
        };
  await db.$transaction([
    db.copilotSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...plain, ...sealed },
      update: { ...plain, ...sealed },
    }),
    db.copilotSettingsChange.create({
      data: {
        userId: options.userId ?? null,
        changes: { ...plain, ...(secret === undefined ? {} : { secret: secret === null ? 'removed' : 'changed' }) },
      },
    }),
  ]);
  return copilotSettings(db);
}

/** Whether the viewer gets CoPilot buttons: CoPilot is on and they are a lead or an admin. */
export async function copilotAvailableTo(db: PrismaClient, viewer: Viewer): Promise<boolean> {
  if (viewer.role === 'executive') return false;
  return (await copilotSettings(db)).enabled;
}

/**
 * The analyst the admin chose, its key unsealed here on the server (no database read). A provider
 * that cannot work (BitrixGPT without its key) is kept as chosen and fails at once, so the panel
 * says so and shows the built-in analyst's messages: never quietly another model.
 */
export function analystFor(provider: ProviderConfig, sealedSecret: string | null, box: SecretBox): AnalystModel {
  try {
    return analystModelFor(
      provider,
      sealedSecret ? box.open(sealedSecret, 'copilot_settings.sealedProviderSecret') : null,
    );
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return {
      id: provider.kind,
      async *phrase() {
        throw error;
      },
    };
  }
}

/** The settings and the sealed key in one read, for a request that may start a run. Server only. */
export async function copilotSettingsWithSealedSecret(
  db: PrismaClient,
): Promise<{ settings: CopilotSettings; sealedSecret: string | null }> {
  const { sealedProviderSecret, ...row } = await settingsRow(db);
  return { settings: { ...row, secretSet: sealedProviderSecret !== null }, sealedSecret: sealedProviderSecret };
}

/** The language CoPilot answers in: the admin's choice, or the reader's (as next-intl reports it; Russian if it is not ours). */
export function answerLocale(settings: Pick<CopilotSettings, 'answerLanguage'>, viewerLocale: string): Locale {
  if (settings.answerLanguage !== 'viewer') return settings.answerLanguage;
  return isLocale(viewerLocale) ? viewerLocale : defaultLocale;
}

export const modelSettingsInputSchema = z.object({
  provider: providerConfigSchema,
  /** A new secret; empty keeps the stored one for the same provider. */
  secret: z.string().trim().max(10_000).default(''),
  answerLanguage: z.enum(['viewer', 'ru', 'en']),
  hourlyRequestLimit: z.number().int().min(1).max(100_000),
  monthlyRequestLimit: z.number().int().min(1).max(10_000_000).nullable(),
  userDailyLimit: z.number().int().min(1).max(100_000).nullable(),
  logRetentionDays: z.number().int().min(1).max(365),
  /** Left out: kept as it is. */
  shareGenderWithModel: z.boolean().optional(),
});

/** Where a provider's key is sent: every address of its config. */
function keyDestinations(provider: ProviderConfig): string[] {
  switch (provider.kind) {
    case 'builtin':
      return [];
    case 'yandexgpt':
      return [provider.baseURL, provider.iamURL];
    case 'gigachat':
      return [provider.baseURL, provider.authURL];
    default:
      return [provider.baseURL];
  }
}

/**
 * Whether a stored key may go with `next`: only to the same kind of provider at the same
 * addresses. Otherwise whoever edits the form could send the stored key to a server of theirs.
 */
function storedKeyFits(stored: ProviderConfig, next: ProviderConfig): boolean {
  return stored.kind === next.kind && keyDestinations(stored).join('\n') === keyDestinations(next).join('\n');
}

const secretRequired = () =>
  new ActionError('secret-required', 'The address changed: enter the key again to send it there.');

/** Demo accounts look at the model settings but do not choose where CoPilot's data goes. */
function assertMayChooseModel(actor: Viewer): void {
  if (isDemoAccount(actor))
    throw new ActionError(
      'demo-account',
      "Demo accounts cannot change CoPilot's model; sign in with your own admin account.",
    );
}

/**
 * The admin's model, language, limits and log retention. A new provider kind without a new secret drops the old
 * one: one provider's key is never sent to another; the same kind at another address needs the key typed again.
 */
export async function saveModelSettings(
  db: PrismaClient,
  box: SecretBox,
  actor: Viewer,
  input: z.infer<typeof modelSettingsInputSchema>,
): Promise<CopilotSettings> {
  assertMayChooseModel(actor);
  const current = await copilotSettings(db);
  let secret: string | null | undefined = input.secret;
  if (input.secret === '') {
    if (current.provider.kind !== input.provider.kind) secret = null;
    else if (current.secretSet && !storedKeyFits(current.provider, input.provider)) throw secretRequired();
    else secret = undefined;
  }
  const { secret: _typed, ...plain } = input;
  return updateCopilotSettings(db, { ...plain, secret }, { box, userId: actor.id });
}

/** The secret to test a provider with: the one typed, else the stored one if it fits this provider and its addresses. */
export async function secretForTest(
  db: PrismaClient,
  box: SecretBox,
  actor: Viewer,
  provider: ProviderConfig,
  typed: string,
): Promise<string | null> {
  assertMayChooseModel(actor);
  if (typed !== '') return typed;
  const row = await settingsRow(db);
  if (!row.sealedProviderSecret || row.provider.kind !== provider.kind) return null;
  if (!storedKeyFits(row.provider, provider)) throw secretRequired();
  return box.open(row.sealedProviderSecret, 'copilot_settings.sealedProviderSecret');
}
