import { exitOnBar, fillMarketAt, fillOnBar, fillOnBars, type FillModelOptions } from '../../../core/fills';
import { type Candle } from '../../../core/types';

const T0 = Date.UTC(2026, 5, 19, 4, 0); // 09:30 IST
const noSlip: FillModelOptions = { tickSize: 0.1, slippageBps: 0 };

function bar(open: number, high: number, low: number, close = open, i = 0): Candle {
  return { time: T0 + i * 300_000, open, high, low, close, volume: 1000 };
}

describe('market orders', () => {
  it('fill at the next bar open without slippage', () => {
    expect(fillOnBar({ side: 'BUY', orderType: 'MARKET' }, bar(1400, 1402, 1399), noSlip)).toEqual({
      status: 'filled',
      fill: { price: 1400, time: T0, at: 'open' },
    });
  });

  it('slip against the trader and round to the tick against the trader', () => {
    const opts = { tickSize: 0.1, slippageBps: 3 };
    // buy: 1400 × 1.0003 = 1400.42 → up to 1400.5; sell: 1400 × 0.9997 = 1399.58 → down to 1399.5
    expect(fillOnBar({ side: 'BUY', orderType: 'MARKET' }, bar(1400, 1402, 1399), opts)).toMatchObject({
      fill: { price: 1400.5 },
    });
    expect(fillOnBar({ side: 'SELL', orderType: 'MARKET' }, bar(1400, 1402, 1399), opts)).toMatchObject({
      fill: { price: 1399.5 },
    });
  });

  it('fill at a given next price when there is no bar', () => {
    expect(fillMarketAt('BUY', 1412.3, T0, noSlip)).toEqual({ price: 1412.3, time: T0, at: 'open' });
  });
});

describe('limit orders', () => {
  const buy = { side: 'BUY', orderType: 'LIMIT', price: 1398 } as const;
  const sell = { side: 'SELL', orderType: 'LIMIT', price: 1405 } as const;

  it('fill at the limit when the bar trades through it', () => {
    expect(fillOnBar(buy, bar(1400, 1401, 1397), noSlip)).toMatchObject({ fill: { price: 1398, at: 'level' } });
    expect(fillOnBar(sell, bar(1400, 1406, 1399), noSlip)).toMatchObject({ fill: { price: 1405, at: 'level' } });
  });

  it('fill at the open when the bar gaps through the limit favourably', () => {
    expect(fillOnBar(buy, bar(1396, 1399, 1395), noSlip)).toMatchObject({ fill: { price: 1396, at: 'open' } });
    expect(fillOnBar(sell, bar(1407, 1408, 1404), noSlip)).toMatchObject({ fill: { price: 1407, at: 'open' } });
  });

  it('stay pending when the bar does not reach the limit', () => {
    expect(fillOnBar(buy, bar(1400, 1401, 1398.5), noSlip)).toEqual({ status: 'pending' });
  });

  it('fill on a touch by default, but not when a trade-through is required', () => {
    const touch = bar(1400, 1401, 1398);
    expect(fillOnBar(buy, touch, noSlip)).toMatchObject({ fill: { price: 1398 } });
    expect(fillOnBar(buy, touch, { ...noSlip, requireTradeThrough: true })).toEqual({ status: 'pending' });
  });

  it('need a price', () => {
    expect(() => fillOnBar({ side: 'BUY', orderType: 'LIMIT' }, bar(1400, 1401, 1399), noSlip)).toThrow(/price/);
  });
});

describe('stop orders', () => {
  const sellStop = { side: 'SELL', orderType: 'STOP_LOSS_MARKET', triggerPrice: 1395 } as const;
  const buyStop = { side: 'BUY', orderType: 'STOP_LOSS_MARKET', triggerPrice: 1405 } as const;

  it('fill at the trigger when the bar reaches it', () => {
    expect(fillOnBar(sellStop, bar(1398, 1399, 1394), noSlip)).toMatchObject({ fill: { price: 1395, at: 'level' } });
    expect(fillOnBar(buyStop, bar(1402, 1406, 1401), noSlip)).toMatchObject({ fill: { price: 1405, at: 'level' } });
  });

  it('fill at the open when the bar gaps through the trigger', () => {
    expect(fillOnBar(sellStop, bar(1390, 1392, 1388), noSlip)).toMatchObject({ fill: { price: 1390, at: 'open' } });
    expect(fillOnBar(buyStop, bar(1408, 1409, 1407), noSlip)).toMatchObject({ fill: { price: 1408, at: 'open' } });
  });

  it('slip like a market order once triggered: 1395 × (1 − 0.001) = 1393.605 → 1393.6', () => {
    const opts = { tickSize: 0.1, slippageBps: 10 };
    expect(fillOnBar(sellStop, bar(1398, 1399, 1394), opts)).toMatchObject({ fill: { price: 1393.6 } });
  });

  it('stay pending until triggered', () => {
    expect(fillOnBar(sellStop, bar(1398, 1399, 1395.1), noSlip)).toEqual({ status: 'pending' });
  });

  describe('stop-limit', () => {
    const stopLimit = { side: 'BUY', orderType: 'STOP_LOSS', triggerPrice: 1405, price: 1406 } as const;

    it('fills at the trigger when triggered inside the bar', () => {
      expect(fillOnBar(stopLimit, bar(1402, 1407, 1401), noSlip)).toMatchObject({ fill: { price: 1405 } });
    });

    it('only triggers when the open gaps past its limit, then rests as a limit on later bars', () => {
      const gap = bar(1408, 1409, 1407, 1408, 0);
      expect(fillOnBar(stopLimit, gap, noSlip)).toEqual({ status: 'triggered' });
      // Next bar opens 1407 (above the 1406 limit) and trades down to 1405.5: filled at the limit.
      const result = fillOnBars(stopLimit, [gap, bar(1407, 1407.5, 1405.5, 1406, 1)], noSlip);
      expect(result).toEqual({ fill: { price: 1406, time: T0 + 300_000, at: 'level' }, barIndex: 1 });
    });
  });
});

describe('walking bars', () => {
  it('returns the first bar that fills, or undefined', () => {
    const order = { side: 'BUY', orderType: 'LIMIT', price: 1398 } as const;
    const bars = [bar(1400, 1401, 1399, 1400, 0), bar(1400, 1400, 1397.5, 1398, 1)];
    expect(fillOnBars(order, bars, noSlip)).toMatchObject({ barIndex: 1, fill: { price: 1398 } });
    expect(fillOnBars(order, bars.slice(0, 1), noSlip)).toBeUndefined();
  });
});

describe('bracket exits (stop and target on an open position)', () => {
  const long = { direction: 'LONG', stopLoss: 1395, takeProfit: 1410 } as const;
  const short = { direction: 'SHORT', stopLoss: 1405, takeProfit: 1390 } as const;

  it('takes the stop first when one bar touches both', () => {
    expect(exitOnBar(long, bar(1400, 1411, 1394), noSlip)).toMatchObject({ exit: 'stop', price: 1395, at: 'level' });
    expect(exitOnBar(short, bar(1400, 1406, 1389), noSlip)).toMatchObject({ exit: 'stop', price: 1405 });
  });

  it('exits at the open when the bar gaps through the stop', () => {
    expect(exitOnBar(long, bar(1392, 1396, 1391), noSlip)).toMatchObject({ exit: 'stop', price: 1392, at: 'open' });
    expect(exitOnBar(short, bar(1407, 1408, 1400), noSlip)).toMatchObject({ exit: 'stop', price: 1407, at: 'open' });
  });

  it('exits at the open when the bar gaps through the target, even if it later touches the stop', () => {
    expect(exitOnBar(long, bar(1412, 1413, 1394), noSlip)).toMatchObject({ exit: 'target', price: 1412, at: 'open' });
  });

  it('exits at the target price when only the target is reached', () => {
    expect(exitOnBar(long, bar(1405, 1411, 1399), noSlip)).toMatchObject({ exit: 'target', price: 1410, at: 'level' });
    expect(exitOnBar(short, bar(1395, 1399, 1389.5), noSlip)).toMatchObject({ exit: 'target', price: 1390 });
  });

  it('slips the stop exit but not the target', () => {
    const opts = { tickSize: 0.1, slippageBps: 10 };
    expect(exitOnBar(long, bar(1400, 1401, 1394), opts)).toMatchObject({ price: 1393.6 }); // 1395 × 0.999 → 1393.6
    expect(exitOnBar(long, bar(1405, 1411, 1399), opts)).toMatchObject({ price: 1410 });
  });

  it('stays in the trade when neither is reached, and works without a target', () => {
    expect(exitOnBar(long, bar(1400, 1409, 1396), noSlip)).toBeUndefined();
    expect(exitOnBar({ direction: 'LONG', stopLoss: 1395 }, bar(1400, 1420, 1396), noSlip)).toBeUndefined();
  });
});
