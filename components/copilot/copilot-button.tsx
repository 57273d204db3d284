'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { CopilotMark } from './copilot-mark';
import { CopilotPanel } from './copilot-panel';

/** The CoPilot button beside a flow's efficiency; opens the chat panel for that flow. */
export function CopilotButton({ flowId, flowName }: { flowId: string; flowName: string }) {
  const t = useTranslations('copilot');
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        aria-label={t('buttonLabel', { flow: flowName })}
        className="inline-flex items-center gap-1 rounded-full border border-violet-300 bg-violet-50 px-2.5 py-1 text-xs font-semibold text-violet-800 hover:bg-violet-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-700"
      >
        <CopilotMark />
        {t('button')}
      </Dialog.Trigger>
      {open && <CopilotPanel flowId={flowId} flowName={flowName} />}
    </Dialog.Root>
  );
}
