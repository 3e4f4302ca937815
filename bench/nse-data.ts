/**
 * Reads the saved NSE 5-minute bars (`../shared/data/nse/<SYMBOL>_5min.csv`, see PROVENANCE.md there)
 * for benchmarks and validation scripts. The files are read at run time and never copied into the repo.
 *
 * Format: three header lines, then `Datetime(UTC, bar start),Close,High,Low,Open,Volume` (Close first).
 * Prices carry float32 noise, so they are rounded to the instrument's tick.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { instrumentOf } from '../core/instruments';
import { roundToTick } from '../core/ticks';
import { DAY_MS, istDateKey, istTime, istWeekday } from '../core/time';
import { type Candle } from '../core/types';

/** `../shared/data/nse` relative to the repository root (override with NSE_DATA_DIR). */
export const NSE_DATA_DIR = process.env.NSE_DATA_DIR ?? resolve(__dirname, '..', '..', 'shared', 'data', 'nse');

export const NSE_SYMBOLS = ['RELIANCE', 'TCS', 'INFY', 'HDFCBANK', 'ICICIBANK'] as const;

/**
 * Parses one file's text into candles (bar start as epoch ms UTC). Prices are rounded to `tickSize`
 * unless it is undefined (raw float32 values, for comparisons with published figures).
 */
export function parseNseCsv(text: string, tickSize: number | undefined): Candle[] {
  const lines = text.trim().split('\n').slice(3);
  return lines.map((line, i) => {
    const [datetime, close, high, low, open, volume] = line.split(',');
    const time = Date.parse(datetime!.replace(' ', 'T'));
    const prices = [open, high, low, close].map((x) => (tickSize ? roundToTick(Number(x), tickSize) : Number(x)));
    if (!Number.isFinite(time) || prices.some((x) => !Number.isFinite(x))) {
      throw new Error(`line ${i + 4}: cannot parse '${line}'`);
    }
    const [o, h, l, c] = prices as [number, number, number, number];
    return { time, open: o, high: h, low: l, close: c, volume: Number(volume) };
  });
}

/** The 5-minute bars of `symbol` (tick-rounded unless `raw`); fails loudly when the data folder is missing. */
export function loadNseBars(symbol: string, { raw = false } = {}): Candle[] {
  const file = join(NSE_DATA_DIR, `${symbol}_5min.csv`);
  if (!existsSync(file)) throw new Error(`missing ${file}: set NSE_DATA_DIR to the folder with the NSE CSV files`);
  const tick = instrumentOf(symbol)?.tickSize;
  if (tick === undefined) throw new Error(`unknown symbol ${symbol}`);
  return parseNseCsv(readFileSync(file, 'utf8'), raw ? undefined : tick);
}

/** NSE sessions in a year, as the research note counts them. */
export const SESSIONS_PER_YEAR = 248;

/** mulberry32: a tiny seeded generator, so the synthetic year is the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The real bars split into sessions (IST dates), in order. */
function sessionsOf(bars: readonly Candle[]): Candle[][] {
  const byDay = new Map<string, Candle[]>();
  for (const bar of bars) {
    const key = istDateKey(bar.time);
    byDay.set(key, [...(byDay.get(key) ?? []), bar]);
  }
  return [...byDay.values()];
}

/**
 * A year of 5-minute bars: the real sessions repeated in order on consecutive weekdays from
 * 2025-01-01, each rescaled so it opens where the previous synthetic session closed (times the real
 * overnight gap and a ±0.5 % random gap), with volumes scaled by 0.8–1.2. Prices stay on the tick.
 */
export function synthesiseYear(real: readonly Candle[], tick: number, seed: number): Candle[] {
  const sessions = sessionsOf(real);
  const random = seededRandom(seed);
  const out: Candle[] = [];
  let day = istTime('2025-01-01', 0, 0);
  let prevClose = NaN;
  for (let s = 0; s < SESSIONS_PER_YEAR; s++) {
    while (istWeekday(day) === 0 || istWeekday(day) === 6) day += DAY_MS;
    const source = sessions[s % sessions.length]!;
    const first = source[0]!;
    const realGap = s % sessions.length === 0 ? 1 : first.open / sessions[(s % sessions.length) - 1]!.at(-1)!.close;
    const scale = Number.isNaN(prevClose) ? 1 : (prevClose * realGap * (1 + (random() - 0.5) * 0.01)) / first.open;
    const volumeScale = 0.8 + 0.4 * random();
    const shift = day - istTime(istDateKey(first.time), 0, 0);
    for (const bar of source) {
      out.push({
        time: bar.time + shift,
        open: roundToTick(bar.open * scale, tick),
        high: roundToTick(bar.high * scale, tick),
        low: roundToTick(bar.low * scale, tick),
        close: roundToTick(bar.close * scale, tick),
        volume: Math.round(bar.volume * volumeScale),
      });
    }
    prevClose = out.at(-1)!.close;
    day += DAY_MS;
  }
  return out;
}
