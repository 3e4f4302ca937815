/** Dhan wire objects → the desk's plain data, using the documented fixtures. */
import {
  statusOf,
  symbolResolver,
  toBrokerFunds,
  toBrokerOrder,
  toBrokerPosition,
  toBrokerQuote,
  toBrokerTrade,
  toCandles,
} from '../../../broker/dhan/mapping';
import {
  dhanCandlesSchema,
  dhanFundLimitSchema,
  dhanPositionListSchema,
  dhanQuoteResponseSchema,
  dhanSingleOrderSchema,
  dhanTradeListSchema,
} from '../../../broker/dhan/responses';
import { INSTRUMENTS } from '../../../core/instruments';
import { dhanFixture } from '../../fixtures/dhan';

const symbolOf = symbolResolver(INSTRUMENTS);

describe('mapping Dhan answers', () => {
  it('maps an order, parsing its IST times', () => {
    const order = toBrokerOrder(dhanSingleOrderSchema.parse(dhanFixture('order-by-id'))!, symbolOf);
    expect(order).toMatchObject({
      orderId: '112111182198',
      symbol: 'RELIANCE',
      side: 'BUY',
      quantity: 10,
      filledQuantity: 6,
      remainingQuantity: 4,
      averagePrice: 1400.25,
      price: 1400.5,
      status: 'PART_TRADED',
    });
    expect(order.triggerPrice).toBeUndefined(); // 0 on the wire means "none"
    expect(order.createdAt).toBe(Date.UTC(2026, 5, 19, 3, 50, 3)); // 09:20:03 IST
  });

  it('maps Dhan status words, keeping unknown ones visible', () => {
    expect(statusOf('TRADED')).toBe('TRADED');
    expect(statusOf('TRIGGERED')).toBe('PENDING');
    expect(statusOf('INACTIVE')).toBe('UNKNOWN');
  });

  it('falls back to Dhan’s trading symbol for instruments the desk does not know', () => {
    expect(symbolOf('99999', 'SBIN')).toBe('SBIN');
    expect(symbolOf('99999')).toBe('99999');
  });

  it('maps trades, positions and funds', () => {
    const [trade] = dhanTradeListSchema.parse(dhanFixture('trades')).map((t) => toBrokerTrade(t, symbolOf));
    expect(trade).toMatchObject({ tradeId: '15765', symbol: 'RELIANCE', quantity: 4, price: 1400.5 });
    const [long, closed] = dhanPositionListSchema
      .parse(dhanFixture('positions'))
      .map((p) => toBrokerPosition(p, symbolOf));
    expect(long).toMatchObject({ symbol: 'RELIANCE', quantity: 6, avgPrice: 1400.25, unrealizedPnl: 10.5 });
    expect(closed).toMatchObject({ symbol: 'TCS', quantity: 0, avgPrice: 0, realizedPnl: 21 });
    expect(toBrokerFunds(dhanFundLimitSchema.parse(dhanFixture('fundlimit')))).toMatchObject({
      available: 98440.5,
      startOfDay: 113642,
      utilized: 15202,
    });
  });

  it('maps a full quote; the 1980 "never traded" time means no time', () => {
    const entry = dhanQuoteResponseSchema.parse(dhanFixture('quote-full')).data.NSE_EQ!['2885']!;
    expect(toBrokerQuote('RELIANCE', entry)).toMatchObject({
      lastPrice: 1401.3,
      previousClose: 1398.2,
      upperCircuit: 1538,
      lastTradeTime: Date.UTC(2026, 5, 19, 5, 1, 7), // 10:31:07 IST
    });
    expect(toBrokerQuote('X', { ...entry, last_trade_time: '01/01/1980 00:00:00' }).lastTradeTime).toBeUndefined();
  });

  it('turns parallel arrays into candles with epoch-ms times', () => {
    const [first] = toCandles(dhanCandlesSchema.parse(dhanFixture('intraday')));
    expect(first).toEqual({
      time: 1328845500000,
      open: 1400.5,
      high: 1402,
      low: 1399.5,
      close: 1401.1,
      volume: 120500,
    });
  });
});
