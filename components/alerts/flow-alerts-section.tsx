'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ActionStatus } from '@/components/actions/action-status';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { buttonStyles } from '@/components/ui/button-styles';
import { sendTestAlertAction } from '@/lib/actions/send-test-alert';
import type { FlowAlertsView } from '@/lib/alerts/flow-alerts-view';
import { AlertLogTable } from './alert-log-table';
import { AlertRuleRow } from './alert-rule-row';
import { useAlertErrorText } from './use-alert-error-text';

/** The flow page's alerts: the rules (editable by admins and the flow's lead), a test, and the log. */
export function FlowAlertsSection({ view }: { view: FlowAlertsView }) {
  const t = useTranslations('alerts');
  const router = useRouter();
  const id = useId();
  const test = useActionRunner({ errorText: useAlertErrorText() });
  return (
    <section aria-labelledby={`${id}-title`} className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {t('rules.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('rules.description')}</p>
      <p className="mt-1 text-xs text-slate-600">{t('rules.estimateNote')}</p>
      {view.missingImScope && (
        <p role="alert" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('rules.noImScope')}
        </p>
      )}
      {!view.canEdit && <p className="mt-3 text-sm text-slate-700">{t('rules.readOnly')}</p>}
      <ul className="mt-2">
        {view.rules.map((rule) => (
          <AlertRuleRow
            key={rule.kind}
            flowId={view.flowId}
            rule={rule}
            members={view.members}
            canEdit={view.canEdit}
          />
        ))}
      </ul>
      {view.canEdit && (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={buttonStyles.secondary}
            disabled={test.pending}
            onClick={() =>
              test.run(
                () => sendTestAlertAction({ flowId: view.flowId }),
                () => {
                  router.refresh();
                  return { kind: 'ok', text: t('rules.testSent') };
                },
              )
            }
          >
            {test.pending ? t('rules.testing') : t('rules.test')}
          </button>
          <ActionStatus message={test.message} />
        </div>
      )}
      <h3 className="mt-6 text-sm font-semibold text-slate-900">{t('log.flowTitle')}</h3>
      <AlertLogTable entries={view.log} showFlow={false} />
    </section>
  );
}
