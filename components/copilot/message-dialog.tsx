'use client';

import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode, RefObject } from 'react';

/**
 * A dialog opened from a message's "…" menu: modal, titled and described, and, since the menu
 * item that opened it is gone, giving focus back to the message's "…" button when it closes.
 */
export function MessageDialog({
  title,
  description,
  describeVisibly,
  size,
  returnFocusTo,
  onClose,
  children,
}: {
  title: string;
  description: string;
  /** Whether the description is shown, or only read to screen readers. */
  describeVisibly: boolean;
  size: 'narrow' | 'wide';
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
  children: ReactNode;
}) {
  const width = size === 'wide' ? 'max-h-[90vh] w-[min(36rem,95vw)] overflow-y-auto' : 'w-[min(28rem,95vw)]';
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-[70] bg-slate-900/40" />
        <Dialog.Content
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo.current?.focus();
          }}
          className={`fixed left-1/2 top-1/2 z-[80] ${width} -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-2xl focus:outline-none`}
        >
          <Dialog.Title className="text-lg font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className={describeVisibly ? 'mt-2 text-sm text-slate-700' : 'sr-only'}>
            {description}
          </Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
