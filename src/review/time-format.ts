// Pure time formatting for the pages: "5 min ago", durations, UTC days.

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = ms / 3_600_000;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} d`;
}

export const ago = (then: Date, now: Date): string => `${duration(now.getTime() - then.getTime())} ago`;

/** The UTC day of a date, YYYY-MM-DD (analytics buckets by UTC day). */
export const utcDay = (d: Date): string => d.toISOString().slice(0, 10);
