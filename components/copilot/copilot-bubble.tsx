import type { ReactNode } from 'react';
import { CopilotMark } from './copilot-mark';

/** A chat bubble from CoPilot, with its avatar. */
export function CopilotBubble({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <div className="flex gap-3">
      <span
        aria-hidden="true"
        className="mt-1 flex size-8 shrink-0 items-center justify-center rounded-full bg-violet-700 text-white"
      >
        <CopilotMark className="size-4" />
      </span>
      <div className="min-w-0 flex-1 space-y-1 rounded-2xl rounded-tl-sm border border-slate-200 bg-white p-4 shadow-sm">
        {label && <p className="text-xs font-semibold uppercase tracking-wide text-violet-800">{label}</p>}
        {children}
      </div>
    </div>
  );
}
