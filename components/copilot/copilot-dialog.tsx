'use client';

import * as Dialog from '@radix-ui/react-dialog';
import type { RefObject } from 'react';
import { CopilotPanel } from './copilot-panel';

/** The CoPilot panel as a modal dialog; CopilotButton loads this module on its first click. */
export function CopilotDialog({
  flowId,
  flowName,
  open,
  onOpenChange,
  trigger,
}: {
  flowId: string;
  flowName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opened it, which gets the focus back on close (it is not a Radix trigger). */
  trigger: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {open && <CopilotPanel flowId={flowId} flowName={flowName} trigger={trigger} />}
    </Dialog.Root>
  );
}
