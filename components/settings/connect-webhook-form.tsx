'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { connectWebhookPortalAction } from '@/lib/actions/connect-webhook-portal';
import { testWebhookConnectionAction } from '@/lib/actions/test-webhook-connection';
import type { ConnectionReport } from '@/lib/portals/connection-report';
import { ConnectionReportView } from './connection-report-view';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useSettingsErrorText } from './use-settings-error-text';

const urlErrors = new Set(['required', 'not-url', 'protocol', 'credentials', 'path']);

/**
 * The incoming webhook URL and the outgoing webhook's token, with "Test connection" (nothing is
 * stored) and "Connect" (tests again, then stores and starts the first sync). The secrets live in
 * the inputs only and are cleared once connected.
 */
export function ConnectWebhookForm({
  eventsUrl,
  replacing,
  tokenStored,
}: {
  eventsUrl: string;
  replacing: boolean;
  tokenStored: boolean;
}) {
  const t = useTranslations('settings.bitrix24');
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, message, fields, run } = useActionRunner({ errorText: useSettingsErrorText() });
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [busy, setBusy] = useState<'test' | 'connect' | null>(null);

  function values() {
    const form = new FormData(formRef.current ?? undefined);
    return {
      webhookUrl: String(form.get('webhookUrl') ?? ''),
      applicationToken: String(form.get('applicationToken') ?? ''),
    };
  }

  function test() {
    setBusy('test');
    setReport(null);
    run(
      () => testWebhookConnectionAction({ webhookUrl: values().webhookUrl }),
      (data) => {
        setReport(data);
        return null;
      },
    );
  }

  function connect() {
    setBusy('connect');
    setReport(null);
    run(
      () => connectWebhookPortalAction(values()),
      (data) => {
        setReport(data.report);
        if (!data.connected) return { kind: 'error', text: t('connect.refused') };
        formRef.current?.reset();
        const parts = [
          t('connect.connected', { domain: data.report.domain }),
          data.syncStarted ? t('connect.syncStarted') : t('connect.syncLater'),
        ];
        if (data.removedDemoPortal) parts.push(t('connect.demoRemoved'));
        if (data.demoModeEnded && data.demoModeEnded.invitedAccounts > 0)
          parts.push(t('connect.demoInvitedOff', { count: data.demoModeEnded.invitedAccounts }));
        if (data.demoModeEnded?.modelReset) parts.push(t('connect.demoModelReset'));
        return { kind: 'ok', text: parts.join(' ') };
      },
    );
  }

  const urlError = fields.webhookUrl?.[0];
  return (
    <section aria-labelledby="connect-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h3 id="connect-title" className="text-base font-semibold">
        {replacing ? t('connect.titleReplace') : t('connect.title')}
      </h3>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('connect.steps')}</p>
      <form
        ref={formRef}
        noValidate
        className="mt-4 grid gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          connect();
        }}
      >
        <TextField
          label={t('connect.url')}
          name="webhookUrl"
          type="url"
          inputMode="url"
          required
          autoComplete="off"
          spellCheck={false}
          hint={t('connect.urlHint')}
          error={
            urlError ? t(`urlErrors.${urlErrors.has(urlError) ? urlError : 'path'}` as 'urlErrors.path') : undefined
          }
        />
        <TextField
          label={t('connect.token')}
          name="applicationToken"
          autoComplete="off"
          spellCheck={false}
          hint={[t('connect.tokenHint', { eventsUrl }), tokenStored ? t('connect.tokenKeep') : '']
            .filter(Boolean)
            .join(' ')}
          error={fields.applicationToken ? t('tokenError') : undefined}
        />
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" onClick={test} disabled={pending} className={buttonStyles.secondary}>
            {pending && busy === 'test' ? t('connect.testing') : t('connect.test')}
          </button>
          <button type="submit" disabled={pending} className={buttonStyles.primary}>
            {pending && busy === 'connect' ? t('connect.submitting') : t('connect.submit')}
          </button>
        </div>
        {message?.kind === 'error' ? (
          <FormAlert message={message.text} />
        ) : (
          <p role="status" className="text-sm text-emerald-800">
            {message?.text}
          </p>
        )}
      </form>
      {report && <ConnectionReportView report={report} />}
    </section>
  );
}
