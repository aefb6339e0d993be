/**
 * SOQL date and dateTime values: fixed literals (2024-01-31, 2024-01-31T10:00:00Z) and the relative ranges
 * (TODAY, LAST_N_DAYS:30, ...). Dates become day numbers (days since 1970-01-01) and dateTimes epoch
 * milliseconds, so comparisons are numeric. Ranges are computed in UTC with Sunday as the first day of
 * the week (the en_US locale); fiscal-year literals are not supported.
 */
import type { DateFunction } from './ast.js';

const DAY_MS = 86_400_000;

/** A half-open range of days [startDay, endDay). */
export type DayRange = { startDay: number; endDay: number };

function dayOf(year: number, month: number, day = 1): number {
  return Math.floor(Date.UTC(year, month, day) / DAY_MS);
}

/** First day of the month `monthsFromNow` months from the one of `today`. */
function monthStart(today: number, monthsFromNow: number): number {
  const date = new Date(today * DAY_MS);
  return dayOf(date.getUTCFullYear(), date.getUTCMonth() + monthsFromNow);
}

function quarterStart(today: number, quartersFromNow: number): number {
  const date = new Date(today * DAY_MS);
  const quarterMonth = Math.floor(date.getUTCMonth() / 3) * 3;
  return dayOf(date.getUTCFullYear(), quarterMonth + quartersFromNow * 3);
}

function yearStart(today: number, yearsFromNow: number): number {
  return dayOf(new Date(today * DAY_MS).getUTCFullYear() + yearsFromNow, 0);
}

function weekStart(today: number, weeksFromNow: number): number {
  return today - new Date(today * DAY_MS).getUTCDay() + weeksFromNow * 7;
}

type UnitStart = (today: number, unitsFromNow: number) => number;

/** THIS_X, LAST_X, NEXT_X, LAST_N_XS:n, NEXT_N_XS:n and N_XS_AGO:n for a calendar unit. */
function unitRanges(unit: string, plural: string, start: UnitStart): Record<string, (t: number, n: number) => DayRange> {
  return {
    [`THIS_${unit}`]: (t) => ({ startDay: start(t, 0), endDay: start(t, 1) }),
    [`LAST_${unit}`]: (t) => ({ startDay: start(t, -1), endDay: start(t, 0) }),
    [`NEXT_${unit}`]: (t) => ({ startDay: start(t, 1), endDay: start(t, 2) }),
    [`LAST_N_${plural}`]: (t, n) => ({ startDay: start(t, -n), endDay: start(t, 0) }),
    [`NEXT_N_${plural}`]: (t, n) => ({ startDay: start(t, 1), endDay: start(t, 1 + n) }),
    [`N_${plural}_AGO`]: (t, n) => ({ startDay: start(t, -n), endDay: start(t, 1 - n) }),
  };
}

/**
 * Every supported relative literal. LAST_N_DAYS:n includes today (LAST_N_DAYS:1 is yesterday and today);
 * NEXT_N_DAYS:n starts tomorrow; LAST_90_DAYS / NEXT_90_DAYS are the n = 90 cases.
 */
const RANGES: Record<string, (today: number, n: number) => DayRange> = {
  TODAY: (t) => ({ startDay: t, endDay: t + 1 }),
  YESTERDAY: (t) => ({ startDay: t - 1, endDay: t }),
  TOMORROW: (t) => ({ startDay: t + 1, endDay: t + 2 }),
  LAST_N_DAYS: (t, n) => ({ startDay: t - n, endDay: t + 1 }),
  NEXT_N_DAYS: (t, n) => ({ startDay: t + 1, endDay: t + 1 + n }),
  N_DAYS_AGO: (t, n) => ({ startDay: t - n, endDay: t - n + 1 }),
  LAST_90_DAYS: (t) => ({ startDay: t - 90, endDay: t + 1 }),
  NEXT_90_DAYS: (t) => ({ startDay: t + 1, endDay: t + 91 }),
  ...unitRanges('WEEK', 'WEEKS', weekStart),
  ...unitRanges('MONTH', 'MONTHS', monthStart),
  ...unitRanges('QUARTER', 'QUARTERS', quarterStart),
  ...unitRanges('YEAR', 'YEARS', yearStart),
};

export function isDateFunctionName(word: string): boolean {
  return Object.hasOwn(RANGES, word);
}

/** Literals written `NAME:n`. */
export function takesDayCount(word: string): boolean {
  return word.startsWith('LAST_N_') || word.startsWith('NEXT_N_') || /^N_[A-Z]+_AGO$/.test(word);
}

export function dateFunctionRange(fn: DateFunction, now: Date): DayRange {
  const today = Math.floor(now.getTime() / DAY_MS);
  return RANGES[fn.name](today, fn.n ?? 0);
}

/** 'YYYY-MM-DD' to a day number; undefined when not a real calendar date. */
export function parseDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const days = dayOf(year, month, day);
  const check = new Date(days * DAY_MS);
  return check.getUTCMonth() === month && check.getUTCDate() === day ? days : undefined;
}

/**
 * A dateTime to epoch milliseconds: SOQL literals (`Z`, `+hh:mm`, optional millis) and the stored JSON form
 * (`2024-01-31T10:00:00.000+0000`). Undefined when unreadable.
 */
export function parseDateTime(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):?(\d{2}))$/.exec(text);
  if (!match) return undefined;
  const day = parseDate(match[1]);
  if (day === undefined) return undefined;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4])];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const millis = match[5] ? Math.floor(Number(`0.${match[5]}`) * 1000) : 0;
  const offsetMinutes = match[6] === 'Z' ? 0 : (match[7] === '-' ? -1 : 1) * (Number(match[8]) * 60 + Number(match[9]));
  return day * DAY_MS + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
}

/** Converts a day range to epoch-millisecond bounds, for dateTime fields. */
export function dayRangeToMillis(range: DayRange): { start: number; end: number } {
  return { start: range.startDay * DAY_MS, end: range.endDay * DAY_MS };
}
