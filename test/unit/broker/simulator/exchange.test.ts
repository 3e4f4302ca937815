/**
 * The simulated exchange over the hand-made market of fixed-market.ts (previous close 1000, so
 * the circuit band is 900–1100; bars on 19 June: 09:15 O1000 H1004 L998 C1002 V10000,
 * 09:20 O1002 H1003 L995 C996 V500, 09:25 O996 H1001 L994 C1000 V20000).
 * Spread and slippage are 0 unless a test says otherwise; participation is 10 % of bar volume.
 */
import { type PlaceOrderRequest } from '../../../../broker/dhan/requests';
import { Exchange, OrderRefused, type ExchangeOptions } from '../../../../broker/simulator/exchange/exchange';
import { Market } from '../../../../broker/simulator/market/market';
import { fixedSource, ist } from './fixed-market';

const CLIENT = '1000000001';

function exchangeAt(start: string, options: Partial<ExchangeOptions> = {}, wall = () => 0) {
  const market = new Market(fixedSource());
  return new Exchange(
    market,
    { clientId: CLIENT, startingBalance: 100_000, spreadBps: 0, slippageBps: 0, participation: 0.1, ...options },
    ist(start),
    wall,
  );
}

function order(fields: Partial<PlaceOrderRequest>): PlaceOrderRequest {
  return {
    dhanClientId: CLIENT,
    transactionType: 'BUY',
    exchangeSegment: 'NSE_EQ',
    productType: 'INTRADAY',
    orderType: 'LIMIT',
    validity: 'DAY',
    securityId: '2885',
    quantity: 10,
    price: 997,
    ...fields,
  };
}

/** Places at `at` after syncing to it, as the HTTP layer does. */
function place(ex: Exchange, at: string, fields: Partial<PlaceOrderRequest>) {
  ex.sync(ist(at));
  return ex.place(order(fields), ist(at));
}

describe('order life cycle', () => {
  it('goes TRANSIT → PENDING → TRADED when a later bar reaches the limit, at the limit', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    const ack = place(ex, '2026-06-19 09:20', { correlationId: 'c-1' });
    expect(ack.orderStatus).toBe('TRANSIT');
    ex.sync(ist('2026-06-19 09:20'));
    // 997 is below the last price 1002: not marketable, it works.
    expect(ex.orderById(ack.orderId)).toMatchObject({ orderStatus: 'PENDING', filledQty: 0 });
    ex.sync(ist('2026-06-19 09:25'));
    // The 09:20 bar opened at 1002 and traded down to 995: the limit 997 was reached.
    expect(ex.orderById(ack.orderId)).toMatchObject({ orderStatus: 'TRADED', filledQty: 10, averageTradedPrice: 997 });
    expect(ex.tradesOf(ack.orderId)).toEqual([
      expect.objectContaining({ tradedQuantity: 10, tradedPrice: 997, exchangeTime: '2026-06-19 09:25:00' }),
    ]);
  });

  it('fills a large order in parts, capped at 10 % of each bar’s volume', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    const { orderId } = place(ex, '2026-06-19 09:20', { quantity: 80 });
    ex.sync(ist('2026-06-19 09:25'));
    // 09:20 bar: volume 500 → at most 50 shares, at the limit 997.
    expect(ex.orderById(orderId)).toMatchObject({ orderStatus: 'PART_TRADED', filledQty: 50, remainingQuantity: 30 });
    ex.sync(ist('2026-06-19 09:30'));
    // 09:25 bar opened at 996, already below the limit: the other 30 fill at the open.
    // Average (50 × 997 + 30 × 996) / 80 = 79 730 / 80 = 996.625 → 996.63 to the paisa.
    expect(ex.orderById(orderId)).toMatchObject({ orderStatus: 'TRADED', filledQty: 80, averageTradedPrice: 996.63 });
    expect(ex.tradesOf(orderId).map((t) => [t.tradedQuantity, t.tradedPrice])).toEqual([
      [50, 997],
      [30, 996],
    ]);
  });

  it('fills a market order at once at the last price, plus half the spread and the slippage', () => {
    const ex = exchangeAt('2026-06-19 09:20', { spreadBps: 20, slippageBps: 10 });
    const { orderId } = place(ex, '2026-06-19 09:20', { orderType: 'MARKET', price: undefined });
    ex.sync(ist('2026-06-19 09:20'));
    // Last price 1002 (09:15 close). Half spread 10 bps: 1002 × 1.001 = 1003.002 → up to the tick 1003.1.
    // Slippage 10 bps: 1003.1 × 1.001 = 1004.1031 → up to the tick 1004.2.
    expect(ex.orderById(orderId)).toMatchObject({ orderStatus: 'TRADED', averageTradedPrice: 1004.2, price: 0 });
  });

  it('triggers a stop-loss-market sell when a bar trades through the trigger', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    place(ex, '2026-06-19 09:20', { orderType: 'MARKET', price: undefined });
    const stop = place(ex, '2026-06-19 09:20', {
      transactionType: 'SELL',
      orderType: 'STOP_LOSS_MARKET',
      price: undefined,
      triggerPrice: 995.5,
    });
    ex.sync(ist('2026-06-19 09:20'));
    expect(ex.orderById(stop.orderId).orderStatus).toBe('PENDING');
    ex.sync(ist('2026-06-19 09:25'));
    // The 09:20 bar's low 995 crossed 995.5 after opening above it: filled at the trigger.
    expect(ex.orderById(stop.orderId)).toMatchObject({ orderStatus: 'TRADED', averageTradedPrice: 995.5 });
    // Bought 10 at 1002, sold 10 at 995.5: realised (995.5 − 1002) × 10 = −65.
    expect(ex.positions(ist('2026-06-19 09:25'))[0]).toMatchObject({
      netQty: 0,
      positionType: 'CLOSED',
      realizedProfit: -65,
    });
  });

  it('cancels an IOC order that cannot fill at once, and expires DAY orders at 15:30', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    const ioc = place(ex, '2026-06-19 09:20', { validity: 'IOC' });
    // CNC: intraday orders would already be cancelled by the 15:20 square-off.
    const day = place(ex, '2026-06-19 09:20', { price: 950, productType: 'CNC' });
    const intraday = place(ex, '2026-06-19 09:20', { price: 950 });
    ex.sync(ist('2026-06-19 09:20'));
    expect(ex.orderById(ioc.orderId).orderStatus).toBe('CANCELLED');
    ex.sync(ist('2026-06-19 15:30'));
    expect(ex.orderById(day.orderId).orderStatus).toBe('EXPIRED');
    expect(ex.orderById(intraday.orderId)).toMatchObject({
      orderStatus: 'CANCELLED',
      omsErrorDescription: 'Cancelled by RMS at auto square-off',
    });
  });

  it('stays TRANSIT until the wall-clock transit delay has passed', () => {
    let wall = 0;
    const ex = exchangeAt('2026-06-19 09:20', { transitMs: 50 }, () => wall);
    const { orderId } = place(ex, '2026-06-19 09:20', {});
    wall = 49;
    ex.sync(ist('2026-06-19 09:20'));
    expect(ex.orderById(orderId).orderStatus).toBe('TRANSIT');
    wall = 50;
    ex.sync(ist('2026-06-19 09:20'));
    expect(ex.orderById(orderId).orderStatus).toBe('PENDING');
  });
});

describe('refusals', () => {
  it.each([
    ['price off the tick', { price: 997.05 }, 'Price 997.05 is not a multiple of tick size 0.1'],
    ['price above the band', { price: 1100.1 }, 'outside the circuit band 900-1100'],
    ['quantity zero', { quantity: 0 }, 'Quantity should be greater than zero'],
    // 200 × 997 = 199 400 > 100 000 of cash.
    ['not enough cash', { quantity: 200 }, 'Insufficient funds: required 199400.00, available 100000.00'],
    [
      'a CNC sell without holdings',
      { productType: 'CNC' as const, transactionType: 'SELL' as const },
      'Insufficient holdings',
    ],
  ])('accepts, then rejects: %s', (_name, fields, reason) => {
    const ex = exchangeAt('2026-06-19 09:20');
    const { orderId } = place(ex, '2026-06-19 09:20', fields);
    ex.sync(ist('2026-06-19 09:20'));
    const rejected = ex.orderById(orderId);
    expect(rejected.orderStatus).toBe('REJECTED');
    expect(rejected.omsErrorDescription).toContain(reason);
  });

  it('rejects orders when the market is closed', () => {
    const ex = exchangeAt('2026-06-19 15:30');
    const { orderId } = place(ex, '2026-06-19 15:30', {});
    ex.sync(ist('2026-06-19 15:30'));
    expect(ex.orderById(orderId).omsErrorDescription).toContain('Markets are Offline or Blocked');
  });

  it('refuses at once with DH-906 in sync reject mode, recording nothing', () => {
    const ex = exchangeAt('2026-06-19 09:20', { rejectMode: 'sync' });
    expect(() => place(ex, '2026-06-19 09:20', { price: 997.05 })).toThrow(OrderRefused);
    expect(ex.orderBook()).toEqual([]);
  });

  it('refuses unknown instruments and unsupported products as bad input (DH-905)', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    const refusal = (fields: Partial<PlaceOrderRequest>) => {
      try {
        place(ex, '2026-06-19 09:20', fields);
      } catch (error) {
        return (error as OrderRefused).code;
      }
      return 'accepted';
    };
    expect(refusal({ securityId: '999999' })).toBe('DH-905');
    expect(refusal({ productType: 'MTF' })).toBe('DH-905');
  });
});

describe('modify and cancel', () => {
  it('modifies a working order into a marketable one, which then fills', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    const { orderId } = place(ex, '2026-06-19 09:20', { price: 950 });
    ex.sync(ist('2026-06-19 09:20'));
    ex.modify(
      orderId,
      { dhanClientId: CLIENT, orderId, orderType: 'LIMIT', validity: 'DAY', price: 1005 },
      ist('2026-06-19 09:20'),
    );
    // Last price 1002 ≤ 1005: fills at once at 1002 (no spread here).
    expect(ex.orderById(orderId)).toMatchObject({ orderStatus: 'TRADED', averageTradedPrice: 1002, price: 1005 });
    expect(() =>
      ex.modify(
        orderId,
        { dhanClientId: CLIENT, orderId, orderType: 'LIMIT', validity: 'DAY', price: 990 },
        ist('2026-06-19 09:20'),
      ),
    ).toThrow('is TRADED and cannot be modified');
  });

  it('allows 25 modifications per order and refuses the 26th', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    const { orderId } = place(ex, '2026-06-19 09:20', { price: 950 });
    ex.sync(ist('2026-06-19 09:20'));
    const modify = (price: number) =>
      ex.modify(
        orderId,
        { dhanClientId: CLIENT, orderId, orderType: 'LIMIT', validity: 'DAY', price },
        ist('2026-06-19 09:20'),
      );
    for (let i = 0; i < 25; i++) modify(950 + i / 10);
    expect(() => modify(940)).toThrow('limit of 25 modifications');
  });

  it('cancels a working order once; a second cancel is refused', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    const { orderId } = place(ex, '2026-06-19 09:20', { price: 950 });
    expect(ex.cancel(orderId, ist('2026-06-19 09:20'))).toEqual({ orderId, orderStatus: 'CANCELLED' });
    expect(() => ex.cancel(orderId, ist('2026-06-19 09:20'))).toThrow('is CANCELLED and cannot be cancelled');
  });

  it('finds the latest order of a correlation id and refuses unknown ones', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    place(ex, '2026-06-19 09:20', { correlationId: 'dup', price: 950 });
    const second = place(ex, '2026-06-19 09:20', { correlationId: 'dup', price: 951 });
    expect(ex.orderByCorrelationId('dup').orderId).toBe(second.orderId);
    expect(() => ex.orderByCorrelationId('nope')).toThrow('No order found for correlation id nope');
  });
});

describe('money', () => {
  it('blocks the margin and the charges of a fill in the fund limits', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    place(ex, '2026-06-19 09:20', {});
    ex.sync(ist('2026-06-19 09:25'));
    // Filled 10 @ 997 intraday: turnover 9 970. Charges (core/costs, Dhan intraday rates):
    // brokerage min(20, 0.03 % × 9970 = 2.991) → 2.99; exchange 0.296 → 0.30 plus IPFT 0.00997 → 0.01 = 0.31;
    // SEBI 0.00997 → 0.01; stamp 0.003 % = 0.2991 → ₹0; GST 18 % × (2.99 + 0.31 + 0.01) = 0.5958 → 0.60.
    // Total 3.91. Utilised = margin 9 970 + 3.91 = 9 973.91; available = 100 000 − 9 973.91 = 90 026.09.
    expect(ex.fundLimit()).toMatchObject({ sodLimit: 100_000, utilizedAmount: 9973.91, availabelBalance: 90026.09 });
  });

  it('squares off intraday positions at 15:20 and blocks new intraday entries after it', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    place(ex, '2026-06-19 09:20', { orderType: 'MARKET', price: undefined });
    ex.sync(ist('2026-06-19 15:20'));
    // The RMS sold the 10 shares at the last price 1000 (09:25 close): realised (1000 − 1002) × 10 = −20.
    const squareOff = ex.orderBook().find((o) => o.transactionType === 'SELL');
    expect(squareOff).toMatchObject({
      orderStatus: 'TRADED',
      quantity: 10,
      averageTradedPrice: 1000,
      correlationId: '',
    });
    expect(ex.positions(ist('2026-06-19 15:20'))[0]).toMatchObject({ netQty: 0, realizedProfit: -20 });
    const late = place(ex, '2026-06-19 15:25', { orderType: 'MARKET', price: undefined });
    ex.sync(ist('2026-06-19 15:25'));
    expect(ex.orderById(late.orderId).omsErrorDescription).toContain('after the auto square-off time');
  });

  it('moves a CNC buy into holdings (T1, then demat) and archives the day’s books', () => {
    const ex = exchangeAt('2026-06-19 09:20');
    place(ex, '2026-06-19 09:20', { productType: 'CNC', orderType: 'MARKET', price: undefined });
    ex.sync(ist('2026-06-22 09:15'));
    expect(ex.orderBook()).toEqual([]); // a new day's book
    expect(ex.allOrders()).toHaveLength(1);
    expect(ex.holdings(ist('2026-06-22 09:15'))).toEqual([
      expect.objectContaining({ securityId: '2885', t1Qty: 10, dpQty: 0, availableQty: 10, avgCostPrice: 1002 }),
    ]);
    // Delivery buy 10 @ 1002, turnover 10 020: brokerage 0; STT 0.1 % = 10.02 → ₹10; exchange 0.2976 → 0.30
    // plus IPFT 0.01; SEBI 0.01; stamp 0.015 % = 1.503 → ₹2; GST 18 % × (0 + 0.31 + 0.01) = 0.0576 → 0.06.
    // Charges 12.38, so the new day starts with 100 000 − 10 020 − 12.38 = 89 967.62.
    expect(ex.fundLimit().sodLimit).toBe(89_967.62);
    // A CNC sell is now covered by the T1 holding.
    const sell = place(ex, '2026-06-22 09:20', {
      productType: 'CNC',
      transactionType: 'SELL',
      orderType: 'MARKET',
      price: undefined,
    });
    ex.sync(ist('2026-06-22 09:20'));
    expect(ex.orderById(sell.orderId).orderStatus).toBe('TRADED');
  });
});
