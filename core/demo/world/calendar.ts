/** Days of the demo's 18 months, in UTC so the generated timestamps do not depend on the machine's zone. */

export const DAY_MS = 86_400_000;

export interface Day {
  index: number;
  /** YYYY-MM-DD */
  iso: string;
  /** Midnight UTC, in ms since the epoch. */
  ms: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
  /** Day of the month, 1..31 */
  dom: number;
  /** Banks move wires and ACH on weekdays only (holidays are not modelled). */
  business: boolean;
}

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function buildDays(firstIso: string, lastIso: string): Day[] {
  const days: Day[] = [];
  const end = Date.parse(`${lastIso}T00:00:00Z`);
  for (let ms = Date.parse(`${firstIso}T00:00:00Z`), index = 0; ms <= end; ms += DAY_MS, index++) {
    const d = new Date(ms);
    const weekday = d.getUTCDay();
    days.push({ index, iso: isoDate(ms), ms, weekday, dom: d.getUTCDate(), business: weekday !== 0 && weekday !== 6 });
  }
  return days;
}

/** ISO timestamp of a minute of a day: "2023-03-14T10:22:00Z". */
export const stamp = (day: Day, minute: number): string => new Date(day.ms + minute * 60_000).toISOString().replace('.000Z', 'Z');

/** A date `n` days after an ISO date. */
export const addDays = (iso: string, n: number): string => isoDate(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS);
