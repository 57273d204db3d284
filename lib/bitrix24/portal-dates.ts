/** Parses "+03:00" into minutes east of UTC. */
export function offsetMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) throw new Error(`Not a UTC offset: ${offset}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Dates as portals send them (docs/bitrix24.md, "Calling Bitrix24"): ISO-8601 with an offset (the usual), ISO without
 * one, `DD.MM.YYYY HH:MM:SS` (older history rows, some user fields) and `YYYY-MM-DD HH:MM:SS`,
 * the last three in the portal's own time zone. Returns epoch milliseconds, or null for empties.
 */
export function parsePortalDate(value: unknown, portalOffset = '+00:00'): number | null {
  if (value === null || value === undefined || value === '' || typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : time;
  }
  const local =
    /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)?.slice(1).map(Number) ??
    /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)?.slice(1).map(Number);
  if (!local) return null;
  const [a, b, c, hours = 0, minutes = 0, secondsPart = 0] = local.map((n) => (Number.isNaN(n) ? 0 : n));
  const [year, month, day] = text.includes('.') ? [c!, b!, a!] : [a!, b!, c!];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || secondsPart > 59) return null;
  return Date.UTC(year, month - 1, day, hours, minutes, secondsPart) - offsetMinutes(portalOffset) * 60_000;
}

/** Formats epoch milliseconds as the portal does: ISO-8601 with its offset, no milliseconds. */
export function formatPortalDate(time: number, portalOffset = '+00:00'): string {
  const local = new Date(time + offsetMinutes(portalOffset) * 60_000);
  return `${local.toISOString().slice(0, 19)}${portalOffset}`;
}
