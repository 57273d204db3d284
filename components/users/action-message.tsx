/** The outcome of the last change, announced politely to screen readers. */
export function ActionMessage({ message }: { message: { kind: 'ok' | 'error'; text: string } | null }) {
  return (
    <span
      role="status"
      aria-live="polite"
      className={message?.kind === 'error' ? 'text-xs text-red-700' : 'text-xs text-emerald-700'}
    >
      {message?.text}
    </span>
  );
}
