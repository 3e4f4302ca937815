/**
 * Dhan historical 5-minute candles for backtests, fetched once and kept on disk: one JSON file per
 * symbol and calendar month under `dir/<SYMBOL>/<YYYY-MM>.json`, with the request that produced it.
 * A month that has not ended yet is fetched again next time (its bars are still coming).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { istTime } from '../../core/time';
import { type Candle } from '../../core/types';

/** Fetches bars starting in `[from, to)` (the Dhan broker's `candles(symbol, '5m', from, to)`). */
export type CandleFetcher = (symbol: string, from: number, to: number) => Promise<Candle[]>;

interface CachedMonth {
  readonly request: { readonly symbol: string; readonly timeframe: '5m'; readonly from: number; readonly to: number };
  readonly fetchedAt: number;
  readonly bars: Candle[];
}

/** Calendar months (IST) overlapping `[from, to)`, as `YYYY-MM` with their bounds. */
function months(from: number, to: number): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  const first = new Date(from + 5.5 * 3_600_000);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m++) {
    if (m === 12) [y, m] = [y + 1, 0];
    const key = `${y}-${String(m + 1).padStart(2, '0')}`;
    const start = istTime(`${key}-01`, 0, 0);
    const next = m === 11 ? `${y + 1}-01` : `${y}-${String(m + 2).padStart(2, '0')}`;
    const end = istTime(`${next}-01`, 0, 0);
    if (start >= to) break;
    out.push({ key, start, end });
  }
  return out;
}

/**
 * Bars of `symbols` starting in `[from, to)`, from the disk cache where a whole month is there,
 * else from Dhan (and then cached).
 */
export async function dhanBars(
  fetch: CandleFetcher,
  dir: string,
  symbols: readonly string[],
  from: number,
  to: number,
  now: number,
): Promise<Map<string, Candle[]>> {
  const result = new Map<string, Candle[]>();
  for (const symbol of symbols) {
    const bars: Candle[] = [];
    for (const month of months(from, to)) {
      const file = join(dir, symbol, `${month.key}.json`);
      let cached: CachedMonth | undefined;
      if (existsSync(file)) cached = JSON.parse(readFileSync(file, 'utf8')) as CachedMonth;
      if (!cached) {
        const fetched = await fetch(symbol, month.start, Math.min(month.end, now));
        cached = {
          request: { symbol, timeframe: '5m', from: month.start, to: month.end },
          fetchedAt: now,
          bars: fetched,
        };
        if (month.end <= now) {
          mkdirSync(join(dir, symbol), { recursive: true });
          writeFileSync(`${file}.tmp`, JSON.stringify(cached));
          renameSync(`${file}.tmp`, file);
        }
      }
      bars.push(...cached.bars.filter((b) => b.time >= from && b.time < to));
    }
    result.set(symbol, bars);
  }
  return result;
}
