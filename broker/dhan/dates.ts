/**
 * Dhan speaks IST wall-clock strings (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `dd/MM/yyyy HH:mm:ss`)
 * and UNIX-second candle stamps. These helpers convert them to and from epoch milliseconds with the
 * fixed +05:30 offset of core/time (no time-zone database).
 */
import { DAY_MS, IST_OFFSET_MS } from '../../core/time';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const DMY_RE = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Intraday requests may cover at most this many days (Dhan v2 limit). */
export const MAX_INTRADAY_DAYS = 90;

function istParts(t: number): string[] {
  // `toISOString` of the shifted instant prints the IST wall clock.
  const iso = new Date(t + IST_OFFSET_MS).toISOString();
  return [iso.slice(0, 10), iso.slice(11, 19)];
}

/** `YYYY-MM-DD` in IST. */
export function formatIstDate(t: number): string {
  return istParts(t)[0] as string;
}

/** `YYYY-MM-DD HH:MM:SS` in IST, the format of Dhan's order times and intraday chart bounds. */
export function formatIstDateTime(t: number): string {
  const [date, time] = istParts(t);
  return `${date} ${time}`;
}

/** `dd/MM/yyyy HH:mm:ss` in IST, the format of `last_trade_time` in quotes. */
export function formatIstDmy(t: number): string {
  const [date, time] = istParts(t) as [string, string];
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${time}`;
}

function fromIstFields(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined {
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  // Reject 2026-02-30 and friends instead of rolling them over.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return utc - IST_OFFSET_MS;
}

/**
 * Parses an IST `YYYY-MM-DD[ HH:MM[:SS]]` string to epoch ms; `undefined` when it is not one.
 * A bare date means 00:00 IST of that day.
 */
export function parseIstDateTime(text: string): number | undefined {
  const m = DATE_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  return fromIstFields(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}

/** Parses Dhan's quote time `dd/MM/yyyy HH:mm:ss` (IST) to epoch ms; `undefined` when it is not one. */
export function parseIstDmy(text: string): number | undefined {
  const m = DMY_RE.exec(text.trim());
  if (!m) return undefined;
  const [, d, mo, y, h, mi, s] = m;
  return fromIstFields(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}

/** A time range `[from, to]` in epoch ms. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Splits `[from, to]` into consecutive windows of at most `maxDays` days each, in order.
 * The windows share their boundary instants, so callers must de-duplicate candles by timestamp
 * (Dhan's intraday end bound is inclusive).
 */
export function splitRange(from: number, to: number, maxDays = MAX_INTRADAY_DAYS): TimeRange[] {
  if (!(to >= from)) throw new RangeError(`range end ${to} is before its start ${from}`);
  const span = maxDays * DAY_MS;
  const windows: TimeRange[] = [];
  for (let start = from; ; start += span) {
    const end = Math.min(start + span, to);
    windows.push({ from: start, to: end });
    if (end >= to) return windows;
  }
}
