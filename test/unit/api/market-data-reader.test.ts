import { DhanServerError } from '../../../broker/dhan/errors';
import { HttpError } from '../../../api/errors';
import { MarketDataReader } from '../../../api/market-data/reader';
import { MarketDataUnavailable, type MarketDataSource } from '../../../api/market-data/source';
import { type Candle, type Timeframe } from '../../../core/types';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-19T05:30:00Z');

/** A source that records what it was asked and answers from a fixed list of bars. */
function fakeSource(bars: Candle[]) {
  const asked: { timeframe: Timeframe; from: number; to: number }[] = [];
  const source: MarketDataSource = {
    name: 'fake',
    now: async () => NOW,
    candles: async (_symbol, timeframe, from, to) => {
      asked.push({ timeframe, from, to });
      return bars.filter((b) => b.time >= from && b.time < to);
    },
    quote: async (symbol) => ({ symbol, lastPrice: 1400 }),
  };
  return { source, asked };
}

const bar = (time: number, close: number): Candle => ({
  time,
  open: close,
  high: close + 1,
  low: close - 1,
  close,
  volume: 100,
});

test('asks for enough calendar days to hold the bars, and keeps the last `limit`', async () => {
  const bars = [1, 2, 3, 4].map((i) => bar(NOW - i * 5 * 60_000, 100 + i)).reverse();
  const { source, asked } = fakeSource(bars);
  const { candles, quote } = await new MarketDataReader(source).recent('TCS', '5m', 3);
  // 3 five-minute bars: ceil(3/75) + 1 = 2 sessions → ceil(2·7/5) + 10 = 13 calendar days back.
  expect(asked).toEqual([{ timeframe: '5m', from: NOW - 13 * DAY, to: NOW }]);
  expect(candles.map((c) => c.close)).toEqual([103, 102, 101]);
  expect(quote).toEqual({ symbol: 'TCS', lastPrice: 1400 });

  await new MarketDataReader(source).recent('TCS', '1d', 100);
  // 100 daily bars: 101 sessions → ceil(101·7/5) + 10 = 142 + 10 = 152 days.
  expect(asked.at(-1)).toEqual({ timeframe: '1d', from: NOW - 152 * DAY, to: NOW });
});

test('unknown symbols are 404 before anything is asked', async () => {
  const { source, asked } = fakeSource([]);
  await expect(new MarketDataReader(source).recent('WIPRO', '5m', 1)).rejects.toMatchObject({ status: 404 });
  expect(asked).toEqual([]);
});

test('broker and source failures become a 502 and are counted by code', async () => {
  const codes: string[] = [];
  const failing = (error: Error): MarketDataSource => ({
    name: 'failing',
    now: async () => NOW,
    candles: async () => {
      throw error;
    },
    quote: async () => null,
  });
  const dhan = new DhanServerError('boom', { endpoint: 'POST /charts/intraday', code: 'DH-908', status: 500 });
  const e1 = await new MarketDataReader(failing(dhan), (c) => codes.push(c)).recent('TCS', '5m', 1).catch((e) => e);
  expect(e1).toBeInstanceOf(HttpError);
  expect([e1.status, e1.message]).toEqual([502, 'The market-data source failed (DH-908); try again later.']);
  const down = new MarketDataUnavailable('simulator_unreachable', 'no simulator');
  await new MarketDataReader(failing(down), (c) => codes.push(c)).indicators('TCS').catch(() => undefined);
  expect(codes).toEqual(['DH-908', 'simulator_unreachable']);
  // Anything else is not a market-data outage: it propagates as it is (a 500).
  const bug = new TypeError('bug');
  await expect(new MarketDataReader(failing(bug)).recent('TCS', '5m', 1)).rejects.toBe(bug);
});

test('no bars yet: no indicators', async () => {
  expect(await new MarketDataReader(fakeSource([]).source).indicators('TCS')).toBeNull();
});

test("the market's time is the source's clock, or unknown when the source is down", async () => {
  expect(await new MarketDataReader(fakeSource([]).source).marketTime()).toBe(NOW);
  const down: MarketDataSource = {
    name: 'down',
    now: () => Promise.reject(new MarketDataUnavailable('simulator_unreachable', 'no simulator')),
    candles: async () => [],
    quote: async () => null,
  };
  expect(await new MarketDataReader(down).marketTime()).toBeUndefined();
});
