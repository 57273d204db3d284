'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { useActionRunner, type ActionFailure } from '@/components/actions/use-action-runner';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { saveCopilotModelAction } from '@/lib/actions/save-copilot-model';
import { testModelConnectionAction } from '@/lib/actions/test-model-connection';
import type { DeploymentCaStatus } from '@/lib/ai/deployment-ca';
import { providerKinds, type ProviderKind } from '@/lib/ai/provider-config';
import {
  initialFieldValue,
  initialProviderValues,
  invalidProviderFields,
  providerFields,
  providerFromValues,
} from '@/lib/ai/provider-fields';
import type { ConnectionTest } from '@/lib/ai/test-connection';
import type { CopilotSettings } from '@/lib/copilot/settings/copilot-settings';
import { DeploymentCaNote } from './deployment-ca-note';
import { ModelTestResult } from './model-test-result';
import { NumberField } from './number-field';
import { ProviderFieldInput } from './provider-field-input';
import { SettingsSection } from './settings-section';

/** Why Save or Test did not go ahead, each with its own message; any other refusal reads as 'failed'. */
const refusals = ['invalid', 'failed', 'secret-required', 'demo-account'] as const;
type Refusal = (typeof refusals)[number];
const isRefusal = (value: string): value is Refusal => (refusals as readonly string[]).includes(value);

/** The admin's choice of CoPilot's model and its key, with a Test button; the answer language, the limits and how long request logs are kept. */
export function CopilotModelForm({
  settings,
  deploymentCa,
}: {
  settings: CopilotSettings;
  deploymentCa: DeploymentCaStatus | null;
}) {
  const t = useTranslations('copilot.model');
  const router = useRouter();
  const [kind, setKind] = useState<ProviderKind>(settings.provider.kind);
  const [values, setValues] = useState(() => initialProviderValues(settings.provider));
  const [secret, setSecret] = useState('');
  const [answerLanguage, setAnswerLanguage] = useState(settings.answerLanguage);
  const [hourlyLimit, setHourlyLimit] = useState(String(settings.hourlyRequestLimit));
  const [monthlyLimit, setMonthlyLimit] = useState(
    settings.monthlyRequestLimit === null ? '' : String(settings.monthlyRequestLimit),
  );
  const [userDailyLimit, setUserDailyLimit] = useState(
    settings.userDailyLimit === null ? '' : String(settings.userDailyLimit),
  );
  const [retentionDays, setRetentionDays] = useState(String(settings.logRetentionDays));
  const [shareGender, setShareGender] = useState(settings.shareGenderWithModel);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [running, setRunning] = useState<'test' | 'save' | null>(null);
  const [invalidFields, setInvalidFields] = useState<ReadonlySet<string>>(new Set());
  const { pending, message, run, setMessage } = useActionRunner({
    errorText: (failure: ActionFailure) => t(isRefusal(failure.error) ? failure.error : 'failed'),
  });
  const storedSecret = settings.secretSet && settings.provider.kind === kind;
  const shareGenderHintId = useId();

  // A key typed for one provider is never sent to another.
  const choose = (option: ProviderKind) => {
    setKind(option);
    setSecret('');
    setTest(null);
    setInvalidFields(new Set());
  };
  const set = (name: string, value: string | boolean) =>
    setValues((current) => ({ ...current, [kind]: { ...current[kind], [name]: value } }));

  /** The same check the server makes, first here, so each wrong field is marked where it is. */
  function checkProvider(): boolean {
    const invalid = invalidProviderFields(kind, values[kind]);
    setInvalidFields(invalid);
    if (invalid.size > 0) setMessage({ kind: 'error', text: t('invalid'), code: 'invalid' });
    return invalid.size === 0;
  }

  function runTest() {
    setTest(null);
    if (!checkProvider()) return;
    setRunning('test');
    run(
      () => testModelConnectionAction({ provider: providerFromValues(kind, values[kind]), secret }),
      (result) => {
        setTest(result);
        return null;
      },
    );
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkProvider()) return;
    setRunning('save');
    const optional = (value: string) => (value.trim() === '' ? null : Number(value));
    run(
      () =>
        saveCopilotModelAction({
          provider: providerFromValues(kind, values[kind]),
          secret,
          answerLanguage,
          hourlyRequestLimit: Number(hourlyLimit),
          monthlyRequestLimit: optional(monthlyLimit),
          userDailyLimit: optional(userDailyLimit),
          logRetentionDays: Number(retentionDays),
          shareGenderWithModel: shareGender,
        }),
      () => {
        setSecret('');
        router.refresh();
        return { kind: 'ok', text: t('saved') };
      },
    );
  }

  return (
    <SettingsSection title={t('title')} hint={t('hint')}>
      <form onSubmit={save} className="mt-4 space-y-5">
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">{t('provider')}</legend>
          <div className="mt-2 grid gap-2 md:grid-cols-2">
            {providerKinds.map((option) => (
              <label
                key={option}
                className="flex gap-2 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input
                  type="radio"
                  name="provider"
                  value={option}
                  checked={kind === option}
                  onChange={() => choose(option)}
                  className="mt-1"
                />
                <span>
                  <span className="block font-medium text-slate-900">{t(`kinds.${option}.name`)}</span>
                  <span className="block text-slate-600">{t(`kinds.${option}.hint`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {kind !== 'builtin' && (
          <fieldset className="grid gap-3 md:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold text-slate-900">{t(`kinds.${kind}.name`)}</legend>
            <label className="block text-sm font-medium text-slate-800 md:col-span-2">
              {t(`secret.${kind}`)}
              <input
                type="password"
                autoComplete="off"
                value={secret}
                onChange={(event) => setSecret(event.target.value)}
                placeholder={storedSecret ? t('secretKept') : ''}
                aria-invalid={message?.code === 'secret-required' || undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid]:border-red-600"
              />
              <span className="mt-1 block text-xs font-normal text-slate-600">
                {storedSecret ? t('secretSet') : kind === 'bitrixgpt' ? t('bitrixgptUnavailable') : t('secretNotSet')}
              </span>
            </label>
            {providerFields[kind].map((field) => (
              <Fragment key={field.name}>
                <ProviderFieldInput
                  field={field}
                  label={t(`fields.${field.name}`)}
                  invalid={invalidFields.has(field.name)}
                  value={values[kind][field.name] ?? initialFieldValue(kind, field)}
                  onChange={(value) => set(field.name, value)}
                />
                {field.name === 'caPem' && <DeploymentCaNote status={deploymentCa} />}
              </Fragment>
            ))}
          </fieldset>
        )}

        <div className="grid gap-3 md:grid-cols-2">
          <label className="block text-sm font-medium text-slate-800">
            {t('language')}
            <select
              value={answerLanguage}
              onChange={(event) => setAnswerLanguage(event.target.value as typeof answerLanguage)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              {(['viewer', 'ru', 'en'] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`languages.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex gap-2 text-sm text-slate-800 md:col-span-2">
            <input
              type="checkbox"
              checked={shareGender}
              onChange={(event) => setShareGender(event.target.checked)}
              aria-describedby={shareGenderHintId}
              className="mt-1"
            />
            <span>
              <span className="block font-medium">{t('shareGender')}</span>
              <span id={shareGenderHintId} className="block text-xs text-slate-600">
                {t('shareGenderHint')}
              </span>
            </span>
          </label>
          <NumberField
            label={t('hourlyLimit')}
            value={hourlyLimit}
            onChange={setHourlyLimit}
            max={100_000}
            required
            hint={t('hourlyLimitHint')}
          />
          <NumberField
            label={t('monthlyLimit')}
            value={monthlyLimit}
            onChange={setMonthlyLimit}
            placeholder={t('noLimit')}
          />
          <NumberField
            label={t('userDailyLimit')}
            value={userDailyLimit}
            onChange={setUserDailyLimit}
            placeholder={t('noLimit')}
          />
          <NumberField
            label={t('retention')}
            value={retentionDays}
            onChange={setRetentionDays}
            max={365}
            required
            hint={t('retentionHint')}
            fullRow
          />
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={buttonStyles.secondary} onClick={runTest} disabled={pending}>
            {pending && running === 'test' ? t('testing') : t('test')}
          </button>
          <button type="submit" className={buttonStyles.primary} disabled={pending}>
            {pending && running === 'save' ? t('saving') : t('save')}
          </button>
          <p role="status" className="text-sm">
            {test !== null && <ModelTestResult test={test} />}
            {message?.kind === 'ok' && <span className="ml-2 text-emerald-800">{message.text}</span>}
          </p>
        </div>
        <FormAlert message={message?.kind === 'error' ? message.text : null} />
      </form>
    </SettingsSection>
  );
}
