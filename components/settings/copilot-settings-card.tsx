'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { setCopilotEnabledAction } from '@/lib/actions/set-copilot-enabled';
import { SettingsSection } from './settings-section';

/** The admin's switch for CoPilot in Flows. */
export function CopilotSettingsCard({ enabled }: { enabled: boolean }) {
  const t = useTranslations('copilot.settings');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function toggle() {
    setPending(true);
    setFailed(false);
    const result = await setCopilotEnabledAction({ enabled: !enabled });
    setPending(false);
    if (!result.ok) return setFailed(true);
    router.refresh();
  }

  return (
    <SettingsSection title={t('title')} hint={t('hint')}>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <p role="status" className={`text-sm font-semibold ${enabled ? 'text-emerald-800' : 'text-slate-700'}`}>
          {enabled ? t('on') : t('off')}
        </p>
        <button type="button" className={buttonStyles.secondary} onClick={() => void toggle()} disabled={pending}>
          {pending ? t('saving') : enabled ? t('switchOff') : t('switchOn')}
        </button>
      </div>
      {failed && (
        <div className="mt-3">
          <FormAlert message={t('failed')} />
        </div>
      )}
    </SettingsSection>
  );
}
