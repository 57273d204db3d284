import type { ActionMessage } from './use-action-runner';

/** What an action came to, announced politely: its message in green, or in red for a refusal. */
export function ActionStatus({ message, className = '' }: { message: ActionMessage | null; className?: string }) {
  return (
    <p
      aria-live="polite"
      className={`text-sm ${message?.kind === 'error' ? 'text-red-800' : 'text-emerald-800'} ${className}`.trim()}
    >
      {message?.text}
    </p>
  );
}
