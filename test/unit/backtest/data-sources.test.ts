import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBars } from '../../../backtest/data';
import { type CandleFetcher, dhanBars } from '../../../backtest/data/dhan';
import { simulatorBars } from '../../../backtest/data/simulator';
import { ANALYSIS_LOOKBACK_MS } from '../../../core/cycle';
import { DAY_MS, istTime } from '../../../core/time';
import { type Candle } from '../../../core/types';

const bar = (time: number, close = 100): Candle => ({ time, open: close, high: close, low: close, close, volume: 1 });

describe('Dhan historical candles cached on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dhan-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A fetcher that serves one bar at 09:15 IST of every day of the request and counts its calls. */
  function countingFetcher() {
    const calls: { symbol: string; from: number; to: number }[] = [];
    const fetch: CandleFetcher = (symbol, from, to) => {
      calls.push({ symbol, from, to });
      const bars: Candle[] = [];
      for (let t = from + (9 * 60 + 15) * 60_000; t < to; t += DAY_MS) bars.push(bar(t));
      return Promise.resolve(bars);
    };
    return { fetch, calls };
  }

  it('fetches each finished month once, then reads it from disk', async () => {
    const { fetch, calls } = countingFetcher();
    const from = istTime('2026-05-20', 0, 0);
    const to = istTime('2026-06-10', 0, 0);
    const now = istTime('2026-08-01', 0, 0);
    const first = await dhanBars(fetch, dir, ['TCS'], from, to, now);
    expect(calls.map((c) => c.from)).toEqual([istTime('2026-05-01', 0, 0), istTime('2026-06-01', 0, 0)]);
    const second = await dhanBars(fetch, dir, ['TCS'], from, to, now);
    expect(calls).toHaveLength(2);
    expect(second).toEqual(first);
    const bars = first.get('TCS')!;
    expect(bars[0]!.time).toBe(istTime('2026-05-20', 9, 15));
    expect(bars.at(-1)!.time).toBe(istTime('2026-06-09', 9, 15));
  });

  it('asks again for a month that has not ended (its bars are still coming)', async () => {
    const { fetch, calls } = countingFetcher();
    const from = istTime('2026-06-01', 0, 0);
    const now = istTime('2026-06-15', 12, 0);
    await dhanBars(fetch, dir, ['TCS'], from, now, now);
    await dhanBars(fetch, dir, ['TCS'], from, now, now);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.to).toBe(now);
  });
});

describe('the simulator as a data source', () => {
  it('replays the same seeded market for the same seed and start, closed bars only', () => {
    const from = istTime('2026-06-01', 0, 0);
    const to = istTime('2026-06-03', 0, 0);
    const a = simulatorBars({ seed: 7 }, ['TCS'], from, to, '2026-06-01').get('TCS')!;
    const b = simulatorBars({ seed: 7 }, ['TCS'], from, to, '2026-06-01').get('TCS')!;
    const other = simulatorBars({ seed: 8 }, ['TCS'], from, to, '2026-06-01').get('TCS')!;
    expect(a.length).toBe(150);
    expect(b).toEqual(a);
    expect(other).not.toEqual(a);
    expect(a.every((c) => c.time >= from && c.time + 5 * 60_000 <= to)).toBe(true);
  });
});

describe('loadBars', () => {
  it('gives the 21 days of warm-up before the first session and nothing after the last', async () => {
    const start = istTime('2026-05-01', 9, 15);
    const all: Candle[] = [];
    for (let t = start; t < istTime('2026-07-01', 0, 0); t += DAY_MS) all.push(bar(t));
    const bars = await loadBars(
      { kind: 'candles', read: (_s, from, to) => Promise.resolve(all.filter((c) => c.time >= from && c.time < to)) },
      ['TCS'],
      '2026-06-01',
      '2026-06-05',
    );
    const got = bars.get('TCS')!;
    expect(got[0]!.time).toBeGreaterThanOrEqual(istTime('2026-06-01', 0, 0) - ANALYSIS_LOOKBACK_MS);
    expect(got[0]!.time - DAY_MS).toBeLessThan(istTime('2026-06-01', 0, 0) - ANALYSIS_LOOKBACK_MS);
    expect(got.at(-1)!.time).toBe(istTime('2026-06-05', 9, 15));
  });
});
