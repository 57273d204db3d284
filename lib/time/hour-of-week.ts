/** The hour of the week a moment falls in, in a portal's time (`offsetMinutes` from UTC), Sunday 0:00 first: 0–167. */
export function hourOfWeek(moment: number, offsetMinutes: number): number {
  const local = new Date(moment + offsetMinutes * 60_000);
  return local.getUTCDay() * 24 + local.getUTCHours();
}
