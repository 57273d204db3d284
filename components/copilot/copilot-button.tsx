'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { CopilotMark } from './copilot-mark';

// The dialog, the chat and their libraries load on the first click: the flows list shows a
// button on every row, and most visits never open one.
const CopilotDialog = dynamic(() => import('./copilot-dialog').then((module) => module.CopilotDialog), {
  ssr: false,
});

/** The CoPilot button beside a flow's efficiency; opens the chat panel for that flow. */
export function CopilotButton({ flowId, flowName }: { flowId: string; flowName: string }) {
  const t = useTranslations('copilot');
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={t('buttonLabel', { flow: flowName })}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
        className="inline-flex items-center gap-1 rounded-full border border-violet-300 bg-violet-50 px-2.5 py-1 text-xs font-semibold text-violet-800 hover:bg-violet-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-700"
      >
        <CopilotMark />
        {t('button')}
      </button>
      {opened && (
        <CopilotDialog flowId={flowId} flowName={flowName} open={open} onOpenChange={setOpen} trigger={button} />
      )}
    </>
  );
}
