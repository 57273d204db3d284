'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';

/** A fresh invitation link to hand over, with a copy button. */
export function InviteLink({ email, path }: { email: string; path: string }) {
  const t = useTranslations('users.invite');
  const [copied, setCopied] = useState(false);
  // Shown only after an action in the browser, never rendered on the server.
  const link = `${typeof window === 'undefined' ? '' : window.location.origin}${path}`;
  return (
    <div className="mt-4 rounded-lg bg-brand-50 p-4">
      <label htmlFor="invite-link" className="block text-sm font-medium text-slate-900">
        {t('linkLabel', { email })}
      </label>
      <div className="mt-2 flex flex-wrap gap-2">
        <input
          id="invite-link"
          readOnly
          value={link}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <button
          type="button"
          className={buttonStyles.secondary}
          onClick={async () => {
            await navigator.clipboard.writeText(link);
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
      <p className="mt-2 text-xs text-slate-700">{t('linkHint')}</p>
    </div>
  );
}
