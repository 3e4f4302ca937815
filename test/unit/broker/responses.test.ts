/**
 * The response parsers read Dhan's documented shapes (the hand-written fixtures) and the quirks seen
 * on the wire: numbers as strings, empty strings for absent values, one object or a one-element array.
 */
import {
  dhanCandlesSchema,
  dhanFundLimitSchema,
  dhanHoldingListSchema,
  dhanOrderAckSchema,
  dhanOrderListSchema,
  dhanPositionListSchema,
  dhanProfileSchema,
  dhanQuoteResponseSchema,
  dhanSingleOrderSchema,
  dhanTradeListSchema,
} from '../../../broker/dhan/responses';
import { dhanFixture } from '../../fixtures/dhan';

describe('Dhan response fixtures', () => {
  it('reads the place-order answer', () => {
    expect(dhanOrderAckSchema.parse(dhanFixture('place-order'))).toEqual({
      orderId: '112111182198',
      orderStatus: 'TRANSIT',
    });
  });

  it('reads a single order given as an object, with nulls as absent', () => {
    const order = dhanSingleOrderSchema.parse(dhanFixture('order-by-id'));
    expect(order).toMatchObject({
      orderId: '112111182198',
      correlationId: 'claude-20260619-042-0',
      orderStatus: 'PART_TRADED',
      quantity: 10,
      filledQty: 6,
      remainingQuantity: 4,
      averageTradedPrice: 1400.25,
    });
    expect(order?.omsErrorDescription).toBeUndefined();
  });

  it('reads a single order given as a one-element array, with empty strings as absent', () => {
    const order = dhanSingleOrderSchema.parse(dhanFixture('order-by-correlation-id'));
    expect(order).toMatchObject({ orderId: '112111182199', orderStatus: 'TRANSIT', triggerPrice: 755.05 });
    expect(order?.exchangeOrderId).toBeUndefined();
    expect(order?.omsErrorDescription).toBeUndefined();
  });

  it('reads "no order" as null from an empty array, an empty body or null', () => {
    expect(dhanSingleOrderSchema.parse([])).toBeNull();
    expect(dhanSingleOrderSchema.parse('')).toBeNull();
    expect(dhanSingleOrderSchema.parse(null)).toBeNull();
  });

  it('refuses an array of two orders for a single-order endpoint', () => {
    const one = dhanFixture('order-by-id');
    expect(dhanSingleOrderSchema.safeParse([one, one]).success).toBe(false);
  });

  it('reads the order book with a rejection reason', () => {
    const [rejected, traded] = dhanOrderListSchema.parse(dhanFixture('order-book'));
    expect(rejected?.omsErrorDescription).toBe('Insufficient funds: required 300000.00, available 12000.00');
    expect(rejected?.correlationId).toBe('claude-20260619-043-0');
    expect(traded?.correlationId).toBeUndefined();
    expect(traded?.averageTradedPrice).toBe(1201.3);
  });

  it('reads trades, positions, holdings and the profile', () => {
    const trades = dhanTradeListSchema.parse(dhanFixture('trades'));
    expect(trades.map((t) => [t.exchangeTradeId, t.tradedQuantity, t.tradedPrice])).toEqual([
      ['15765', 4, 1400.5],
      ['15790', 2, 1399.75],
    ]);
    const positions = dhanPositionListSchema.parse(dhanFixture('positions'));
    expect(positions.map((p) => [p.securityId, p.positionType, p.netQty, p.realizedProfit])).toEqual([
      ['2885', 'LONG', 6, 0],
      ['11536', 'CLOSED', 0, 21],
    ]);
    const [holding] = dhanHoldingListSchema.parse(dhanFixture('holdings'));
    expect(holding).toMatchObject({ securityId: '1594', dpQty: 10, t1Qty: 5, lastTradedPrice: 1201.3 });
    expect(dhanProfileSchema.parse(dhanFixture('profile')).dataPlan).toBe('Active');
  });

  it('reads the misspelt availabelBalance, and the corrected spelling too', () => {
    expect(dhanFundLimitSchema.parse(dhanFixture('fundlimit'))).toMatchObject({
      availabelBalance: 98440.5,
      sodLimit: 113642,
      receiveableAmount: 0,
      utilizedAmount: 15202,
    });
    expect(dhanFundLimitSchema.parse({ availableBalance: '250.75' }).availabelBalance).toBe(250.75);
  });

  it('reads candles as parallel arrays and refuses arrays of different lengths', () => {
    const daily = dhanCandlesSchema.parse(dhanFixture('historical'));
    expect(daily.timestamp).toEqual([1326220200, 1326306600, 1326393000]);
    expect(daily.close).toEqual([3879.85, 3915.9, 3950.6]);
    const broken = { ...(dhanFixture('intraday') as object), close: [1] };
    expect(dhanCandlesSchema.safeParse(broken).success).toBe(false);
  });

  it('reads the three market-quote modes', () => {
    const ltp = dhanQuoteResponseSchema.parse(dhanFixture('quote-ltp'));
    expect(ltp.data.NSE_FNO?.['49082']?.last_price).toBe(694.35);
    const ohlc = dhanQuoteResponseSchema.parse(dhanFixture('quote-ohlc'));
    expect(ohlc.data.NSE_EQ?.['11536']?.ohlc).toEqual({ open: 4521.45, close: 4507.85, high: 4530, low: 4500 });
    const full = dhanQuoteResponseSchema.parse(dhanFixture('quote-full'));
    expect(full.data.NSE_EQ?.['2885']).toMatchObject({
      upper_circuit_limit: 1538,
      lower_circuit_limit: 1260.1,
      last_trade_time: '19/06/2026 10:31:07',
    });
    expect(full.data.NSE_EQ?.['2885']?.depth?.buy).toHaveLength(5);
  });
});

describe('Dhan response quirks', () => {
  const order = {
    orderId: 112111182198, // a number where Dhan documents a string
    orderStatus: 'PENDING',
    transactionType: 'BUY',
    exchangeSegment: 'NSE_EQ',
    productType: 'CNC',
    orderType: 'LIMIT',
    securityId: '2885',
    quantity: '7', // a number sent as a string
    price: '1400.50',
    triggerPrice: '',
    filledQty: null,
  };

  it('reads numbers sent as strings, ids sent as numbers, "" and null as absent', () => {
    const parsed = dhanSingleOrderSchema.parse(order);
    expect(parsed).toMatchObject({ orderId: '112111182198', quantity: 7, price: 1400.5 });
    expect(parsed?.triggerPrice).toBeUndefined();
    expect(parsed?.filledQty).toBeUndefined();
  });

  it('keeps an unknown status word instead of failing', () => {
    expect(dhanSingleOrderSchema.parse({ ...order, orderStatus: 'INACTIVE' })?.orderStatus).toBe('INACTIVE');
  });

  it('refuses a non-numeric string where a number is required', () => {
    expect(dhanSingleOrderSchema.safeParse({ ...order, quantity: 'ten' }).success).toBe(false);
  });
});
