/**
 * Market data, funds and profile through the real client and broker against the simulator.
 * Expected bars are read off test/fixtures/dhan/contract-market (see harness.ts).
 */
import { DhanInputError } from '../../../broker/dhan/errors';
import { istClock } from '../../../core/time';
import { ist, requestsTo, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => h && (await h.sim.close()));

describe('candles', () => {
  it('returns closed 5-minute bars in [from, to), in the Candle shape, and one more after a step', async () => {
    h = await startHarness({ sim: { clock: { mode: 'stepped', start: '2026-06-19 09:30' } } });
    const from = ist('2026-06-18 00:00');
    const to = ist('2026-06-20 00:00');
    const candles = await h.broker.candles('RELIANCE', '5m', from, to);
    // 18 June: 09:15, 09:20. 19 June at 09:30: 09:15, 09:20, 09:25 have closed; 09:30 is forming.
    expect(candles.map((c) => istClock(c.time))).toEqual(['09:15', '09:20', '09:15', '09:20', '09:25']);
    expect(candles[2]).toEqual({
      time: ist('2026-06-19 09:15'),
      open: 1000,
      high: 1004,
      low: 998,
      close: 1002,
      volume: 10_000,
    });
    h.sim.control.advance();
    expect(await h.broker.candles('RELIANCE', '5m', from, to)).toHaveLength(6);
  });

  it('aggregates to 15 minutes and to days (daily toDate exclusive, only complete sessions)', async () => {
    h = await startHarness({ sim: { clock: { mode: 'stepped', start: '2026-06-19 09:45' } } });
    const fifteen = await h.broker.candles('RELIANCE', '15m', ist('2026-06-19 09:15'), ist('2026-06-19 10:00'));
    // 09:15–09:30: O1000 H1004 L994 C1000 V30 500; 09:30–09:45: O1000 H1010 L999 C1003 V60 000.
    expect(fifteen).toEqual([
      { time: ist('2026-06-19 09:15'), open: 1000, high: 1004, low: 994, close: 1000, volume: 30_500 },
      { time: ist('2026-06-19 09:30'), open: 1000, high: 1010, low: 999, close: 1003, volume: 60_000 },
    ]);
    // The 19th has not closed yet: only the 18th (O990 H1001 L988 C1000 V14 000) is a daily bar.
    expect(await h.broker.candles('RELIANCE', '1d', ist('2026-06-01 00:00'), ist('2026-06-20 00:00'))).toEqual([
      { time: ist('2026-06-18 00:00'), open: 990, high: 1001, low: 988, close: 1000, volume: 14_000 },
    ]);
  });

  it('splits an intraday range over 90 days into several requests without duplicates', async () => {
    h = await startHarness();
    const candles = await h.client.intradayCandles({
      securityId: '11536',
      exchangeSegment: 'NSE_EQ',
      instrument: 'EQUITY',
      interval: 5,
      fromDate: '2026-01-01 09:15:00',
      toDate: '2026-07-20 15:30:00', // 200 days: 90 + 90 + 20
    });
    expect(requestsTo(h.sim, 'POST', '/charts/intraday')).toHaveLength(3);
    // TCS bars closed by 19 June 09:20: two on the 18th, one on the 19th.
    expect(candles.timestamp.map((t) => t * 1000)).toEqual([
      ist('2026-06-18 09:15'),
      ist('2026-06-18 09:20'),
      ist('2026-06-19 09:15'),
    ]);
    expect(candles.close).toEqual([2999, 3000, 3005]);
  });

  it('with a market clock, drops a bar Dhan sends before it has closed', async () => {
    // Live Dhan returns the forming bar; the simulator never does, so pretend our clock is behind it.
    h = await startHarness({
      sim: { clock: { mode: 'stepped', start: '2026-06-19 09:30' } },
      broker: { now: () => ist('2026-06-19 09:27') },
    });
    const candles = await h.broker.candles('RELIANCE', '5m', ist('2026-06-19 09:15'), ist('2026-06-19 10:00'));
    // The 09:25 bar closes at 09:30, after 09:27: dropped.
    expect(candles.map((c) => istClock(c.time))).toEqual(['09:15', '09:20']);
  });

  it('reads Dhan’s "no data present" answer as no bars', async () => {
    h = await startHarness();
    expect(await h.broker.candles('TCS', '5m', ist('2026-03-02 09:15'), ist('2026-03-03 09:15'))).toEqual([]);
  });

  it('refuses an interval the simulated market cannot build (1 minute from 5-minute files)', async () => {
    h = await startHarness();
    const error = await h.broker
      .candles('TCS', '1m', ist('2026-06-19 09:15'), ist('2026-06-19 10:00'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DhanInputError);
    expect((error as Error).message).toContain('5-minute bars');
  });
});

describe('quotes, funds, profile', () => {
  it('quotes last price, day OHLC, previous close and the circuit band', async () => {
    h = await startHarness({ sim: { clock: { mode: 'stepped', start: '2026-06-19 09:30' } } });
    const quotes = await h.broker.quotes(['RELIANCE', 'TCS']);
    // RELIANCE at 09:30: bars 09:15–09:25 closed → O1000 H1004 L994, last 1000, volume 30 500;
    // previous close 1000 (18 June) → band ±10 % = 900–1100.
    expect(quotes.RELIANCE).toMatchObject({
      symbol: 'RELIANCE',
      lastPrice: 1000,
      open: 1000,
      high: 1004,
      low: 994,
      previousClose: 1000,
      volume: 30_500,
      lowerCircuit: 900,
      upperCircuit: 1100,
      lastTradeTime: ist('2026-06-19 09:30'),
    });
    expect(quotes.TCS).toMatchObject({ lastPrice: 2992, previousClose: 3000, lowerCircuit: 2700, upperCircuit: 3300 });
  });

  it('answers the LTP and OHLC modes in Dhan’s nested shape', async () => {
    h = await startHarness();
    const ltp = await h.client.ltp({ NSE_EQ: [2885] });
    expect(ltp).toEqual({ data: { NSE_EQ: { '2885': { last_price: 1002 } } }, status: 'success' });
  });

  it('reports fund limits with Dhan’s field names, and the profile', async () => {
    h = await startHarness();
    expect(await h.client.fundLimit()).toEqual({
      dhanClientId: '1000000001',
      availabelBalance: 100_000,
      sodLimit: 100_000,
      collateralAmount: 0,
      receiveableAmount: 0,
      utilizedAmount: 0,
      blockedPayoutAmount: 0,
      withdrawableBalance: 100_000,
    });
    expect(await h.client.profile()).toMatchObject({ dhanClientId: '1000000001', dataPlan: 'Active' });
    expect(await h.client.holdings()).toEqual([]);
  });
});
