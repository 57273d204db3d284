import { z } from 'zod';
import { gigachatScopes, providerConfigSchema, providerKinds, yandexAuthKinds } from './provider-config';
import type { ProviderConfig, ProviderKind } from './provider-config';

export type ProviderField = {
  name: string;
  type: 'text' | 'url' | 'checkbox' | 'textarea' | { options: readonly string[] };
  optional?: boolean;
  /** A first value where provider-config.ts declares no default. */
  suggested?: string;
};

export type OutsideProviderKind = Exclude<ProviderKind, 'builtin'>;
export type ProviderFieldValues = Record<string, string | boolean>;

/** The settings each outside provider takes besides its secret, in the order the form shows them. */
export const providerFields: Record<OutsideProviderKind, readonly ProviderField[]> = {
  openai_compatible: [
    { name: 'baseURL', type: 'url', suggested: 'http://localhost:11434/v1' },
    { name: 'model', type: 'text' },
    { name: 'supportsJsonSchema', type: 'checkbox' },
  ],
  yandexgpt: [
    { name: 'folderId', type: 'text' },
    { name: 'auth', type: { options: yandexAuthKinds } },
    { name: 'model', type: 'text' },
    { name: 'baseURL', type: 'url' },
    { name: 'iamURL', type: 'url' },
  ],
  gigachat: [
    { name: 'scope', type: { options: gigachatScopes } },
    { name: 'model', type: 'text' },
    { name: 'baseURL', type: 'url' },
    { name: 'authURL', type: 'url' },
    { name: 'caPem', type: 'textarea', optional: true },
    { name: 'structuredOutput', type: 'checkbox' },
  ],
  bitrixgpt: [
    { name: 'model', type: 'text' },
    { name: 'baseURL', type: 'url' },
  ],
};

/** A field's first value: the default provider-config.ts declares, else the table's suggestion, else empty. */
export function initialFieldValue(kind: OutsideProviderKind, field: ProviderField): string | boolean {
  const option = providerConfigSchema.options.find((candidate) => candidate.shape.kind.value === kind);
  const declared = option && (option.shape as Record<string, z.ZodType>)[field.name];
  if (declared instanceof z.ZodDefault) return declared.def.defaultValue as string | boolean;
  return field.suggested ?? (field.type === 'checkbox' ? false : '');
}

/** Every provider's field values to start from: first values, with the stored provider's own over its kind. */
export function initialProviderValues(stored: ProviderConfig): Record<ProviderKind, ProviderFieldValues> {
  const values = Object.fromEntries(
    providerKinds.map((kind) => [
      kind,
      kind === 'builtin'
        ? {}
        : Object.fromEntries(providerFields[kind].map((field) => [field.name, initialFieldValue(kind, field)])),
    ]),
  ) as Record<ProviderKind, ProviderFieldValues>;
  values[stored.kind] = { ...values[stored.kind], ...(stored as unknown as ProviderFieldValues) };
  return values;
}

/**
 * The provider config a form's values stand for; empty optional fields are left out. Not checked
 * here: `invalidProviderFields` checks it with the schema the server uses.
 */
export function providerFromValues(kind: ProviderKind, values: ProviderFieldValues): ProviderConfig {
  if (kind === 'builtin') return { kind };
  const entries = providerFields[kind].flatMap((field) =>
    field.optional && values[field.name] === '' ? [] : [[field.name, values[field.name]]],
  );
  return { kind, ...Object.fromEntries(entries) } as ProviderConfig;
}

/** The names of the fields the server's schema would refuse (none: the values can be sent). */
export function invalidProviderFields(kind: ProviderKind, values: ProviderFieldValues): ReadonlySet<string> {
  const checked = providerConfigSchema.safeParse(providerFromValues(kind, values));
  return new Set(checked.success ? [] : checked.error.issues.map((issue) => String(issue.path[0])));
}
