'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { recheckPortalConnectionAction } from '@/lib/actions/recheck-portal-connection';
import type { ConnectionReport } from '@/lib/portals/connection-report';
import { ConnectionReportView } from './connection-report-view';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useSettingsErrorText } from './use-settings-error-text';

/** Tests the stored webhook again (the admin never sees it) and shows the report under the card. */
export function RecheckConnectionButton({ portalId }: { portalId: string }) {
  const t = useTranslations('settings.bitrix24.portal');
  const { pending, message, run } = useActionRunner({ errorText: useSettingsErrorText() });
  const [report, setReport] = useState<ConnectionReport | null>(null);
  return (
    <div className="w-full">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={pending}
          className={buttonStyles.secondary}
          onClick={() =>
            run(
              () => recheckPortalConnectionAction({ portalId }),
              (data) => {
                setReport(data);
                return { kind: 'ok', text: t('recheckDone') };
              },
            )
          }
        >
          {pending ? t('rechecking') : t('recheck')}
        </button>
        <p role="status" className="text-sm text-emerald-800">
          {message?.kind === 'ok' ? message.text : null}
        </p>
      </div>
      <FormAlert message={message?.kind === 'error' ? message.text : null} />
      {report && <ConnectionReportView report={report} />}
    </div>
  );
}
