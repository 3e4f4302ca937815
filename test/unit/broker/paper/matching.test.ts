/** Paper fills at placement (against the last price) and on later bars, through the core fill model. */
import { matchAtPrice, matchOnBars, type MatchableOrder } from '../../../../broker/paper/matching';
import { type Candle } from '../../../../core/types';

const options = { tickSize: 0.1, spreadBps: 2, slippageBps: 1 };
const T = Date.UTC(2026, 5, 19, 4, 0); // 09:30 IST

const order = (o: Partial<MatchableOrder> & Pick<MatchableOrder, 'side' | 'orderType'>): MatchableOrder => ({
  triggered: false,
  ...o,
});

const bar = (minute: number, open: number, high: number, low: number, close: number): Candle => ({
  time: T + minute * 60_000,
  open,
  high,
  low,
  close,
  volume: 1000,
});

describe('matchAtPrice: a new order meets the last traded price', () => {
  it('fills a market buy at the offer, slipped up: 1400 → touch 1400.2 → 1400.4', () => {
    expect(matchAtPrice(order({ side: 'BUY', orderType: 'MARKET' }), 1400, T, options)).toEqual({
      fill: { price: 1400.4, time: T, at: 'open' },
      triggered: false,
    });
  });

  it('fills a market sell at the bid, slipped down: 1400 → touch 1399.8 → 1399.6', () => {
    expect(matchAtPrice(order({ side: 'SELL', orderType: 'MARKET' }), 1400, T, options).fill?.price).toBe(1399.6);
  });

  it('leaves a limit below the offer resting, and fills one above it at the offer (never worse)', () => {
    expect(matchAtPrice(order({ side: 'BUY', orderType: 'LIMIT', price: 1399 }), 1400, T, options)).toEqual({
      triggered: false,
    });
    expect(matchAtPrice(order({ side: 'BUY', orderType: 'LIMIT', price: 1401 }), 1400, T, options).fill?.price).toBe(
      1400.2,
    );
    expect(matchAtPrice(order({ side: 'SELL', orderType: 'LIMIT', price: 1399 }), 1400, T, options).fill?.price).toBe(
      1399.8,
    );
  });

  it('triggers a stop-market only when the price has reached the trigger', () => {
    const stop = order({ side: 'SELL', orderType: 'STOP_LOSS_MARKET', triggerPrice: 1395 });
    expect(matchAtPrice(stop, 1400, T, options)).toEqual({ triggered: false });
    // 1394 → bid 1393.8 → slipped 1393.6.
    expect(matchAtPrice(stop, 1394, T, options)).toEqual({
      fill: { price: 1393.6, time: T, at: 'open' },
      triggered: true,
    });
  });

  it('triggers a stop-limit whose limit the market has already passed, without filling it', () => {
    const stop = order({ side: 'BUY', orderType: 'STOP_LOSS', triggerPrice: 1405, price: 1406 });
    expect(matchAtPrice(stop, 1410, T, options)).toEqual({ triggered: true });
    expect(matchAtPrice(stop, 1405.5, T, options).fill?.price).toBe(1405.7);
  });
});

describe('matchOnBars: a resting order meets each later bar', () => {
  it('fills a buy limit at its price in the first bar that trades down to it', () => {
    const limit = order({ side: 'BUY', orderType: 'LIMIT', price: 1398 });
    const bars = [bar(1, 1400, 1401, 1399, 1400), bar(2, 1400, 1400.5, 1397.5, 1398.2), bar(3, 1398, 1399, 1390, 1391)];
    expect(matchOnBars(limit, bars, options)).toEqual({
      fill: { price: 1398, time: bars[1]!.time, at: 'level' },
      triggered: false,
    });
  });

  it('fills a sell stop at the trigger slipped, in the bar that reaches it', () => {
    const stop = order({ side: 'SELL', orderType: 'STOP_LOSS_MARKET', triggerPrice: 1395 });
    const bars = [bar(1, 1400, 1401, 1396, 1397), bar(2, 1398, 1398, 1394, 1394.5)];
    // 1395 × (1 − 0.0001) = 1394.8605 → floored to the tick: 1394.8.
    expect(matchOnBars(stop, bars, options)).toEqual({
      fill: { price: 1394.8, time: bars[1]!.time, at: 'level' },
      triggered: true,
    });
  });

  it('fills a stop at the open, slipped, when the bar gaps through the trigger', () => {
    const stop = order({ side: 'SELL', orderType: 'STOP_LOSS_MARKET', triggerPrice: 1395 });
    // 1380 × 0.9999 = 1379.862 → 1379.8.
    expect(matchOnBars(stop, [bar(1, 1380, 1382, 1379, 1381)], options).fill).toEqual({
      price: 1379.8,
      time: T + 60_000,
      at: 'open',
    });
  });

  it('carries a stop-limit that gapped past its limit on as a limit, and fills it when a later bar comes back', () => {
    const stop = order({ side: 'SELL', orderType: 'STOP_LOSS', triggerPrice: 1395, price: 1394 });
    const gap = bar(1, 1390, 1392, 1388, 1391);
    expect(matchOnBars(stop, [gap], options)).toEqual({ triggered: true });
    const back = bar(2, 1391, 1396, 1390, 1395);
    expect(matchOnBars(stop, [gap, back], options)).toEqual({
      fill: { price: 1394, time: back.time, at: 'level' },
      triggered: true,
    });
    // Stored as triggered, the next call needs only the later bar.
    expect(matchOnBars({ ...stop, triggered: true }, [back], options).fill?.price).toBe(1394);
  });

  it('changes nothing without bars', () => {
    expect(matchOnBars(order({ side: 'BUY', orderType: 'LIMIT', price: 1 }), [], options)).toEqual({
      triggered: false,
    });
  });
});
