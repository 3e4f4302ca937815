/**
 * The stored 5-minute bars of each symbol, kept in the worker between cycles, so a cycle reads only
 * the bars stored since the last read instead of its whole 21-day window (≈1,500 rows per symbol),
 * and the accounts trading a symbol share one read.
 *
 * Same bars as reading the window from Postgres, because the only writer of bars
 * (`fetchMarketData`) appends bars after the newest stored one: older bars never change. The newest
 * cached bar is read again each time, so a rewrite of it (two workers storing the same bar) is seen.
 */
import { type Candle, type Timeframe } from '../core/types';

/** Reads stored bars starting in [from, to), oldest first (the candle repository's `between`). */
export type ReadBars = (symbol: string, timeframe: Timeframe, from: number, to: number) => Promise<Candle[]>;

interface SymbolBars {
  /** Start of the window the bars cover; nothing before it is cached. */
  from: number;
  /** Oldest first; every stored bar in [from, newest read) as of the last read. */
  bars: Candle[];
  /** The read every caller waiting now will use (started after the read under way, if any). */
  next?: Promise<void>;
  /** The read under way. */
  current?: Promise<void>;
  /** Widest window asked for by the callers waiting for `next`. */
  wantFrom: number;
  wantTo: number;
}

export interface BarCache {
  /** Stored bars of `symbol` starting in [from, to), oldest first: the same as `read(symbol, '5m', from, to)`. */
  window(symbol: string, from: number, to: number): Promise<Candle[]>;
}

/** A cache of 5-minute bars per symbol over `read`; one per worker process. */
export function barCache(read: ReadBars): BarCache {
  const symbols = new Map<string, SymbolBars>();

  /** Brings the symbol's bars up to what is stored now: only the bars from the newest cached one on. */
  async function refresh(symbol: string, entry: SymbolBars): Promise<void> {
    const { wantFrom: from, wantTo: to } = entry;
    entry.wantFrom = Infinity; // callers from now on wait for the next read
    entry.wantTo = -Infinity;
    const newest = entry.bars.at(-1);
    if (!newest || from < entry.from) {
      entry.bars = await read(symbol, '5m', from, to);
      entry.from = from;
      return;
    }
    if (to <= newest.time) return; // older bars never change
    const fresh = await read(symbol, '5m', newest.time, to);
    // Bars older than anyone asks for now are dropped; the newest is replaced by its fresh copy.
    const keep = entry.bars.slice(lowerBound(entry.bars, from), -1);
    entry.bars = keep.concat(fresh);
    entry.from = Math.max(entry.from, from);
  }

  /**
   * A read under way may have started before the caller's bars were stored, so the caller waits for
   * the next read; every caller that arrives meanwhile shares that one read.
   */
  function nextRead(symbol: string, entry: SymbolBars, from: number, to: number): Promise<void> {
    entry.wantFrom = Math.min(entry.wantFrom, from);
    entry.wantTo = Math.max(entry.wantTo, to);
    if (entry.next) return entry.next;
    const previous = entry.current?.catch(() => undefined) ?? Promise.resolve();
    entry.next = previous.then(() => {
      entry.next = undefined;
      entry.current = refresh(symbol, entry).finally(() => {
        entry.current = undefined;
      });
      return entry.current;
    });
    return entry.next;
  }

  return {
    async window(symbol, from, to) {
      let entry = symbols.get(symbol);
      if (!entry) {
        entry = { from: Infinity, bars: [], wantFrom: Infinity, wantTo: -Infinity };
        symbols.set(symbol, entry);
      }
      // A read for a later window may have dropped bars this caller needs meanwhile: read again.
      do await nextRead(symbol, entry, from, to);
      while (from < entry.from);
      return entry.bars.slice(lowerBound(entry.bars, from), lowerBound(entry.bars, to));
    },
  };
}

/** Index of the first bar starting at or after `time`. */
function lowerBound(bars: readonly Candle[], time: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid]!.time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
