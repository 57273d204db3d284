import { describe, expect, it } from 'vitest';
import { providerConfigSchema, providerKinds } from './provider-config';
import {
  initialFieldValue,
  initialProviderValues,
  invalidProviderFields,
  providerFields,
  providerFromValues,
} from './provider-fields';

describe('providerFields', () => {
  it('names every setting of every outside provider, and nothing the schema does not know', () => {
    for (const option of providerConfigSchema.options) {
      const kind = option.shape.kind.value;
      if (kind === 'builtin') continue;
      const schemaNames = Object.keys(option.shape).filter((name) => name !== 'kind');
      expect(providerFields[kind].map((field) => field.name).sort()).toEqual(schemaNames.sort());
    }
  });

  it('starts a field at the default the schema declares, else at the suggestion, else empty', () => {
    const field = (kind: keyof typeof providerFields, name: string) =>
      providerFields[kind].find((candidate) => candidate.name === name)!;
    expect(initialFieldValue('gigachat', field('gigachat', 'model'))).toBe('GigaChat-2');
    expect(initialFieldValue('openai_compatible', field('openai_compatible', 'baseURL'))).toBe(
      'http://localhost:11434/v1',
    );
    expect(initialFieldValue('openai_compatible', field('openai_compatible', 'model'))).toBe('');
    expect(initialFieldValue('openai_compatible', field('openai_compatible', 'supportsJsonSchema'))).toBe(false);
    expect(initialFieldValue('gigachat', field('gigachat', 'caPem'))).toBe('');
  });
});

describe('initialProviderValues', () => {
  it('holds first values for every kind and the stored provider over its own kind', () => {
    const values = initialProviderValues({
      kind: 'yandexgpt',
      folderId: 'b1g',
      model: 'yandexgpt-lite',
      baseURL: 'https://llm.api.cloud.yandex.net/v1',
      auth: 'iam_token',
      iamURL: 'https://iam.api.cloud.yandex.net/iam/v1/tokens',
    });
    expect(Object.keys(values).sort()).toEqual([...providerKinds].sort());
    expect(values.builtin).toEqual({});
    expect(values.yandexgpt).toMatchObject({ folderId: 'b1g', model: 'yandexgpt-lite', auth: 'iam_token' });
    expect(values.gigachat).toMatchObject({ scope: 'GIGACHAT_API_PERS', caPem: '', structuredOutput: false });
  });
});

describe('providerFromValues and invalidProviderFields', () => {
  it('gives a config the schema accepts once the required fields are filled', () => {
    const values = { ...initialProviderValues({ kind: 'builtin' }).openai_compatible, model: 'qwen2.5' };
    expect(invalidProviderFields('openai_compatible', values).size).toBe(0);
    expect(providerConfigSchema.parse(providerFromValues('openai_compatible', values))).toEqual({
      kind: 'openai_compatible',
      baseURL: 'http://localhost:11434/v1',
      model: 'qwen2.5',
      supportsJsonSchema: false,
    });
  });

  it('leaves an empty optional field out and names each refused field', () => {
    const values = initialProviderValues({ kind: 'builtin' }).gigachat;
    expect(providerFromValues('gigachat', values)).not.toHaveProperty('caPem');
    const wrong = { ...values, baseURL: 'ftp://example.com', caPem: 'not a certificate' };
    expect([...invalidProviderFields('gigachat', wrong)].sort()).toEqual(['baseURL', 'caPem']);
  });

  it('needs no fields for the built-in analyst', () => {
    expect(providerFromValues('builtin', {})).toEqual({ kind: 'builtin' });
    expect(invalidProviderFields('builtin', {}).size).toBe(0);
  });
});
