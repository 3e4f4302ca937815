/**
 * The worker's bar cache returns exactly what reading the window from the store returns, whatever
 * the order of appends, rewrites of the newest bar and (concurrent) reads, and shares reads between
 * the callers that arrive together.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { barCache, type ReadBars } from '../../../activities/bar-cache';
import { type Candle } from '../../../core/types';

const BAR = 300_000;
const T0 = Date.UTC(2026, 5, 1, 3, 45);

/** A store of bars with the candle repository's `between`, answering after a turn of the event loop. */
function store() {
  const bars = new Map<string, Candle[]>();
  let reads = 0;
  const direct = (symbol: string, from: number, to: number) =>
    (bars.get(symbol) ?? []).filter((b) => b.time >= from && b.time < to).map((b) => ({ ...b }));
  const read: ReadBars = async (symbol, _tf, from, to) => {
    reads++;
    const answer = direct(symbol, from, to); // the rows as of the query
    await new Promise((r) => setImmediate(r));
    return answer;
  };
  return {
    read,
    direct,
    reads: () => reads,
    /** Appends bars after the newest, as fetchMarketData does. */
    append(symbol: string, n: number, price: number) {
      const list = bars.get(symbol) ?? [];
      const start = list.at(-1)?.time ?? T0;
      for (let i = 1; i <= n; i++) {
        const p = price + i;
        list.push({ time: start + i * BAR, open: p, high: p + 1, low: p - 1, close: p, volume: 100 * i });
      }
      bars.set(symbol, list);
    },
    /** Rewrites the newest bar (two workers storing the same bar with different values). */
    rewriteNewest(symbol: string, close: number) {
      const list = bars.get(symbol);
      const last = list?.at(-1);
      if (list && last) list[list.length - 1] = { ...last, close };
    },
    newest: (symbol: string) => bars.get(symbol)?.at(-1)?.time ?? T0,
  };
}

type Step =
  | { kind: 'append'; symbol: string; n: number; price: number }
  | { kind: 'rewrite'; symbol: string; close: number }
  | { kind: 'read'; symbol: string; back: number; ahead: number; span: number; together: number };

const symbol = fc.constantFrom('TCS', 'INFY');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), symbol, n: fc.integer({ min: 0, max: 5 }), price: fc.nat(500) }),
  fc.record({ kind: fc.constant('rewrite' as const), symbol, close: fc.nat(500) }),
  fc.record({
    kind: fc.constant('read' as const),
    symbol,
    back: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 })), // window end, bars before the newest
    ahead: fc.integer({ min: 0, max: 2 }), // or after it
    span: fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 12 })), // window length in bars (mostly a cycle's)
    together: fc.integer({ min: 1, max: 3 }), // concurrent callers
  }),
);

test('every window equals a direct read of the store, for any order of appends, rewrites and reads', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
      const s = store();
      const cache = barCache(s.read);
      for (const st of steps) {
        if (st.kind === 'append') s.append(st.symbol, st.n, st.price);
        else if (st.kind === 'rewrite') s.rewriteNewest(st.symbol, st.close);
        else {
          const to = s.newest(st.symbol) + (st.ahead - st.back) * BAR + 1;
          const from = to - st.span * BAR;
          const expected = s.direct(st.symbol, from, to);
          const got = await Promise.all(Array.from({ length: st.together }, () => cache.window(st.symbol, from, to)));
          // A thrown error, not expect(): fast-check shrinks on it and reports the smallest failing sequence.
          for (const g of got)
            if (!isDeepStrictEqual(g, expected))
              throw new Error(
                `window [${from}, ${to}) of ${st.symbol}: ${JSON.stringify(g)} ≠ ${JSON.stringify(expected)}`,
              );
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('bars stored while a read is under way are in the window of a caller who asked after storing them', async () => {
  const s = store();
  const cache = barCache(s.read);
  s.append('TCS', 10, 100);
  const first = cache.window('TCS', T0, T0 + 100 * BAR);
  while (s.reads() === 0) await Promise.resolve(); // its read has taken the rows as of now
  s.append('TCS', 2, 200); // stored after that read started
  const second = cache.window('TCS', T0, T0 + 100 * BAR);
  expect((await first).length).toBe(10);
  expect(await second).toEqual(s.direct('TCS', T0, T0 + 100 * BAR));
  expect((await second).length).toBe(12);
});

test('a rewrite of the newest bar is seen by the next window', async () => {
  const s = store();
  const cache = barCache(s.read);
  s.append('TCS', 5, 100);
  const to = s.newest('TCS') + 1;
  await cache.window('TCS', T0, to);
  s.rewriteNewest('TCS', 42);
  const window = await cache.window('TCS', T0, to);
  expect(window.at(-1)?.close).toBe(42);
  expect(window).toEqual(s.direct('TCS', T0, to));
});

test('callers arriving together share one read, and a later cycle reads only from the newest bar', async () => {
  const s = store();
  const cache = barCache(s.read);
  s.append('TCS', 1500, 100);
  const to = s.newest('TCS') + 1;
  await Promise.all(Array.from({ length: 20 }, () => cache.window('TCS', to - 1500 * BAR, to)));
  expect(s.reads()).toBe(1);

  s.append('TCS', 1, 300);
  const spy = jest.fn(s.read);
  const cache2 = barCache(spy);
  await cache2.window('TCS', to - 1500 * BAR, to); // fills the cache
  await cache2.window('TCS', to - 1499 * BAR, to + BAR); // the next bar's window
  // From the newest cached bar (which starts at `to - 1`), not the window's 21 days.
  expect(spy).toHaveBeenLastCalledWith('TCS', '5m', to - 1, to + BAR);
  expect(spy).toHaveBeenCalledTimes(2);
});

test('a failed read reaches its callers and the next call reads again', async () => {
  const s = store();
  let fail = true;
  const cache = barCache(async (...args) => {
    if (fail) throw new Error('connection reset');
    return s.read(...args);
  });
  s.append('TCS', 3, 100);
  await expect(cache.window('TCS', T0, T0 + 10 * BAR)).rejects.toThrow('connection reset');
  fail = false;
  expect(await cache.window('TCS', T0, T0 + 10 * BAR)).toEqual(s.direct('TCS', T0, T0 + 10 * BAR));
});
