/** Looks and first values of the fields in the task and meeting dialogs. */
export const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-brand-600';
export const labelClass = 'block text-sm font-medium text-slate-800';

/** A local date-time input's value ("YYYY-MM-DDTHH:mm") for a moment, in the browser's time zone. */
export function localInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Today plus `days` at a given hour, in the browser's time zone. */
export function daysAhead(days: number, hour: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  date.setHours(hour, 0, 0, 0);
  return date;
}

/** A title from a message's recommendation: its first sentence, at most 120 characters. */
export function titleFrom(advice: string): string {
  const sentence = advice.split(/(?<=[.!?])\s/u)[0] ?? advice;
  return sentence.length <= 120
    ? sentence.replace(/[.!?]$/u, '')
    : `${sentence.slice(0, 117).replace(/\s+\S*$/u, '')}…`;
}
