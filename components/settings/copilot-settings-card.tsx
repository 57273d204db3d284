'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { setCopilotEnabledAction } from '@/lib/actions/set-copilot-enabled';

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
    <section aria-labelledby="copilot-settings-title" className="mb-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="copilot-settings-title" className="text-base font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('hint')}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <p role="status" className={`text-sm font-semibold ${enabled ? 'text-emerald-800' : 'text-slate-700'}`}>
          {enabled ? t('on') : t('off')}
        </p>
        <button type="button" className={buttonStyles.secondary} onClick={() => void toggle()} disabled={pending}>
          {pending ? t('saving') : enabled ? t('switchOff') : t('switchOn')}
        </button>
      </div>
      {failed && <div className="mt-3"><FormAlert message={t('failed')} /></div>}
    </section>
  );
}
