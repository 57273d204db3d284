'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { previewModelRequestAction } from '@/lib/actions/preview-model-request';
import { SettingsSection } from './settings-section';

/** Privacy: exactly what an external model would receive for a chosen flow (figures and tokens, no titles or names). */
export function ModelRequestPreview({ flows }: { flows: { id: string; name: string }[] }) {
  const t = useTranslations('copilot.preview');
  const [flowId, setFlowId] = useState(flows[0]?.id ?? '');
  const [preview, setPreview] = useState<{ system: string; user: string } | null>(null);
  const [failed, setFailed] = useState(false);

  async function show() {
    setFailed(false);
    const result = await previewModelRequestAction({ flowId }).catch(() => null);
    if (!result?.ok) return setFailed(true);
    setPreview(result.data);
  }

  return (
    <SettingsSection title={t('title')} hint={t('hint')}>
      {flows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t('noFlows')}</p>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <label className="block text-sm font-medium text-slate-800">
            {t('flow')}
            <select
              value={flowId}
              onChange={(event) => setFlowId(event.target.value)}
              className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              {flows.map((flow) => (
                <option key={flow.id} value={flow.id}>
                  {flow.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className={buttonStyles.secondary} onClick={() => void show()}>
            {t('show')}
          </button>
        </div>
      )}
      {failed && (
        <div className="mt-3">
          <FormAlert message={t('failed')} />
        </div>
      )}
      {preview && (
        <div className="mt-3 space-y-3">
          <h3 className="text-sm font-semibold text-slate-900">{t('system')}</h3>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs text-slate-800">
            {preview.system}
          </pre>
          <h3 className="text-sm font-semibold text-slate-900">{t('user')}</h3>
          <pre
            aria-label={t('user')}
            className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 text-xs text-slate-800"
          >
            {preview.user}
          </pre>
        </div>
      )}
    </SettingsSection>
  );
}
