/**
 * Generic OHLCV CSV import: any column order and names, naive timestamps in a chosen time zone, bar
 * start or bar end stamps, 1-minute bars aggregated to 5 minutes. The NSE files in
 * ../shared/data/nse (yfinance: three header lines, Close/High/Low/Open/Volume, UTC stamps) load with
 * the defaults.
 *
 * Bars outside 09:15–15:30 IST are dropped (pre-open prints, post-close bars), prices are rounded
 * to the tick (the files carry float noise), and a malformed row is an error naming its line.
 */
import { parse } from 'csv-parse/sync';
import { aggregateCandles } from '../../core/candles/aggregate';
import { isInSession } from '../../core/candles/timeframes';
import { IST_OFFSET_MS, MINUTE_MS } from '../../core/time';
import { barOnTicks } from '../../core/ticks';
import { type Candle } from '../../core/types';

export type OhlcvField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';
const FIELDS: readonly OhlcvField[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** Header names tried for each field when no mapping is given (case-insensitive). */
const DEFAULT_NAMES: Readonly<Record<OhlcvField, readonly string[]>> = {
  time: ['datetime', 'date', 'time', 'timestamp', 'date_time', 'price'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'adj close'],
  volume: ['volume', 'vol', 'v'],
};

export interface CsvFormat {
  /** Header name (any case) or 0-based column index per field; unmapped fields use the usual names. */
  readonly columns?: Partial<Record<OhlcvField, string | number>>;
  /**
   * Offset of timestamps that carry none: `UTC`, `IST` (default) or `±HH:MM`. Stamps with an offset
   * (`Z`, `+00:00`) are read as such; epoch numbers are UTC.
   */
  readonly timeZone?: string;
  /** Whether a row's time is its bar's start (default) or its end. */
  readonly stamp?: 'start' | 'end';
  /** Epoch numbers are seconds or milliseconds (default: guessed from their size). */
  readonly epoch?: 's' | 'ms';
  readonly delimiter?: string;
}

/** A CSV that cannot be read as bars; names the file and the line. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** Minutes east of UTC for `UTC`, `IST`, `Z` or `±HH:MM`. */
export function zoneOffsetMinutes(zone: string): number {
  const z = zone.trim().toUpperCase();
  if (z === 'UTC' || z === 'Z' || z === 'GMT') return 0;
  if (z === 'IST' || z === 'ASIA/KOLKATA') return IST_OFFSET_MS / MINUTE_MS;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) throw new CsvFormatError(`time zone "${zone}": use UTC, IST or an offset like +05:30`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Epoch ms of a time cell, or undefined when it is not a time. */
function parseTime(cell: string, offsetMinutes: number, epoch: CsvFormat['epoch']): number | undefined {
  const text = cell.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(text)) {
    const n = Number(text);
    const seconds = epoch ? epoch === 's' : n < 1e11;
    return seconds ? n * 1000 : n;
  }
  const iso = text.replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/.test(iso)) return undefined;
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  const t = Date.parse(hasOffset ? iso : `${iso.length === 10 ? `${iso}T00:00` : iso}Z`);
  if (Number.isNaN(t)) return undefined;
  return hasOffset ? t : t - offsetMinutes * MINUTE_MS;
}

function columnIndexes(header: readonly string[], format: CsvFormat, label: string): Record<OhlcvField, number> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const missing: string[] = [];
  const index = {} as Record<OhlcvField, number>;
  for (const field of FIELDS) {
    const mapped = format.columns?.[field];
    const i =
      typeof mapped === 'number'
        ? mapped
        : mapped !== undefined
          ? lower.indexOf(mapped.trim().toLowerCase())
          : lower.findIndex((h) => DEFAULT_NAMES[field].includes(h));
    if (i < 0 || i >= header.length) missing.push(mapped === undefined ? field : `${field} (${String(mapped)})`);
    index[field] = i;
  }
  if (missing.length > 0)
    throw new CsvFormatError(
      `${label}: no column for ${missing.join(', ')} in the header "${header.join(',')}"; map them with columns`,
    );
  return index;
}

/**
 * Parses CSV text into 5-minute bars (bar start, epoch ms UTC), oldest first, rounded to `tickSize`.
 *
 * @example
 * parseOhlcvCsv(text, 0.1, { columns: { time: 'ts' }, timeZone: 'IST', stamp: 'end' }, 'RELIANCE.csv');
 */
export function parseOhlcvCsv(text: string, tickSize: number, format: CsvFormat = {}, label = 'csv'): Candle[] {
  const rows = parse(text, {
    delimiter: format.delimiter ?? ',',
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as string[][];
  const header = rows[0];
  if (!header) throw new CsvFormatError(`${label}: the file is empty`);
  const index = columnIndexes(header, format, label);
  const offset = zoneOffsetMinutes(format.timeZone ?? 'IST');
  const bars: Candle[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const time = parseTime(cells[index.time] ?? '', offset, format.epoch);
    // yfinance's second and third header lines (`Ticker,…`, `Datetime,,,`) are not data.
    if (time === undefined && line <= 3 && /^[A-Za-z]+$/.test((cells[0] ?? '').trim())) return;
    const [open, high, low, close, volume] = (['open', 'high', 'low', 'close', 'volume'] as const).map((f) =>
      Number(cells[index[f]]),
    ) as [number, number, number, number, number];
    if (time === undefined || ![open, high, low, close, volume].every(Number.isFinite))
      throw new CsvFormatError(`${label}: line ${line} is not a bar: ${cells.join(',').slice(0, 80)}`);
    bars.push(barOnTicks(time, [open, high, low, close, volume], tickSize));
  });
  return toFiveMinuteBars(bars, format.stamp ?? 'start', label);
}

/** The most common gap between consecutive bars of one day, in minutes (5 when there is none). */
function barMinutes(bars: readonly Candle[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < bars.length; i++) {
    const gap = bars[i]!.time - bars[i - 1]!.time;
    // A duplicate is left to the candle validation, which names it; nights and gaps are rarer than bars.
    if (gap > 0 && gap < 6 * 60 * MINUTE_MS) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 5 * MINUTE_MS;
  let seen = 0;
  for (const [gap, n] of counts) if (n > seen || (n === seen && gap < best)) [best, seen] = [gap, n];
  return Math.round(best / MINUTE_MS);
}

/** Sorted session bars stamped at their start; 1-minute bars are aggregated to 5 minutes. */
function toFiveMinuteBars(bars: Candle[], stamp: 'start' | 'end', label: string): Candle[] {
  bars.sort((a, b) => a.time - b.time);
  const minutes = barMinutes(bars);
  if (minutes !== 1 && minutes !== 5)
    throw new CsvFormatError(`${label}: bars are ${minutes} minutes apart; 1- or 5-minute bars are supported`);
  const shift = stamp === 'end' ? minutes * MINUTE_MS : 0;
  const inSession = bars.map((b) => ({ ...b, time: b.time - shift })).filter((b) => isInSession(b.time));
  return minutes === 1 ? aggregateCandles(inSession, '1m', '5m') : inSession;
}
