/**
 * fetchMarketData in one worker: the accounts trading a symbol ask the broker once per new bar, and
 * what is stored is what each account fetching for itself would have stored.
 */
import { type ActivityDeps, createActivities } from '../../../activities';
import { ANALYSIS_LOOKBACK_MS } from '../../../core/cycle';
import { type Candle } from '../../../core/types';

const BAR = 300_000;
const T0 = Date.UTC(2026, 5, 1, 3, 45);
const bar = (time: number): Candle => ({ time, open: 100, high: 101, low: 99, close: 100, volume: 10 });

function world() {
  const stored = new Map<string, Candle[]>();
  const brokerCalls: string[] = [];
  let latestQueries = 0;
  const tick = () => new Promise((r) => setImmediate(r));
  const deps = {
    repos: {
      candles: {
        async latest(symbol: string) {
          latestQueries++;
          await tick();
          return stored.get(symbol)?.at(-1)?.time;
        },
        async upsert(symbol: string, _tf: string, bars: readonly Candle[]) {
          await tick();
          const byTime = new Map((stored.get(symbol) ?? []).map((b) => [b.time, b]));
          for (const b of bars) byTime.set(b.time, b);
          stored.set(
            symbol,
            [...byTime.values()].sort((a, b) => a.time - b.time),
          );
          return bars.length;
        },
        between: async () => [],
      },
    },
    broker: {
      async candles(symbol: string, _tf: string, from: number, to: number) {
        brokerCalls.push(`${symbol} ${(from - T0) / BAR}..${(to - T0) / BAR}`);
        await tick();
        const bars: Candle[] = [];
        for (let t = Math.ceil((from - T0) / BAR) * BAR + T0; t + BAR <= to; t += BAR) bars.push(bar(t));
        return bars;
      },
    },
  } as unknown as ActivityDeps;
  return { deps, stored, brokerCalls, latestQueries: () => latestQueries };
}

test('twenty accounts at the same bar: one broker fetch per symbol, the bars stored once', async () => {
  const w = world();
  const acts = createActivities(w.deps);
  const first = T0 + 100 * BAR;
  await acts.fetchMarketData({ symbols: ['TCS', 'INFY'], marketTime: first });
  expect(w.brokerCalls).toHaveLength(2); // the 21-day window of each symbol

  const next = first + BAR;
  const results = await Promise.all(
    Array.from({ length: 20 }, () => acts.fetchMarketData({ symbols: ['TCS', 'INFY'], marketTime: next })),
  );
  expect(w.brokerCalls.slice(2)).toEqual(['TCS 100..101', 'INFY 100..101']); // the new bar, once each
  expect(results.filter((r) => r.TCS === 1)).toHaveLength(1);
  expect(w.stored.get('TCS')?.at(-1)?.time).toBe(first);
  expect(w.stored.get('TCS')?.map((b) => b.time)).toEqual(w.stored.get('INFY')?.map((b) => b.time));

  // The bar is known stored: the next account at this bar asks neither the broker nor Postgres.
  const queries = w.latestQueries();
  await acts.fetchMarketData({ symbols: ['TCS'], marketTime: next });
  expect(w.latestQueries()).toBe(queries);
  expect(w.brokerCalls).toHaveLength(4);
});

test('a failed fetch fails its caller only; the next caller fetches again', async () => {
  const w = world();
  const acts = createActivities(w.deps);
  const broker = w.deps.broker as unknown as { candles: (...a: unknown[]) => Promise<Candle[]> };
  const real = broker.candles;
  broker.candles = async () => {
    throw new Error('503 from the broker');
  };
  await expect(acts.fetchMarketData({ symbols: ['TCS'], marketTime: T0 + 10 * BAR })).rejects.toThrow('503');
  broker.candles = real;
  // The whole lookback window (21 days of 5-minute bars) is fetched and stored.
  await expect(acts.fetchMarketData({ symbols: ['TCS'], marketTime: T0 + 10 * BAR })).resolves.toEqual({
    TCS: ANALYSIS_LOOKBACK_MS / BAR,
  });
});
