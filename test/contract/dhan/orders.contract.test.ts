/**
 * Orders through the real DhanClient / DhanBroker against the simulator over HTTP.
 * Prices come from the hand-made market described in harness.ts.
 */
import { type OrderIntent } from '../../../broker/broker';
import { DhanOrderError } from '../../../broker/dhan/errors';
import { type PlaceOrderInput } from '../../../broker/dhan/client';
import { requestsTo, startHarness, WIRE_LIMIT_BUY, type Harness } from './harness';

const limitBuy: PlaceOrderInput = { ...WIRE_LIMIT_BUY, quantity: 10, price: 997 };

const intent: OrderIntent = {
  correlationId: 'claude-20260619-001-0',
  symbol: 'RELIANCE',
  side: 'BUY',
  quantity: 10,
  orderType: 'LIMIT',
  product: 'INTRADAY',
  price: 997,
};

let h: Harness;
afterEach(async () => h && (await h.sim.close()));

describe('order life cycle', () => {
  it('goes TRANSIT → PENDING → TRADED, with one trade and a consistent position and funds', async () => {
    h = await startHarness();
    const ack = await h.client.placeOrder({ ...limitBuy, correlationId: 'life-1' });
    expect(ack.orderStatus).toBe('TRANSIT');
    // 997 < last price 1002: the order works.
    expect(await h.client.order(ack.orderId)).toMatchObject({
      orderStatus: 'PENDING',
      filledQty: 0,
      correlationId: 'life-1',
    });
    h.sim.control.advance(); // the 09:20 bar (O1002 L995) closes at 09:25 and reaches 997
    const order = await h.broker.getOrder(ack.orderId);
    expect(order).toMatchObject({ status: 'TRADED', filledQuantity: 10, remainingQuantity: 0, averagePrice: 997 });
    expect(await h.broker.trades(ack.orderId)).toEqual([
      expect.objectContaining({ symbol: 'RELIANCE', side: 'BUY', quantity: 10, price: 997 }),
    ]);
    // At 09:25 the last closed bar is 09:20's, closing at 996: unrealised 10 × (996 − 997) = −10.
    expect(await h.broker.positions()).toEqual([
      expect.objectContaining({
        symbol: 'RELIANCE',
        product: 'INTRADAY',
        quantity: 10,
        avgPrice: 997,
        unrealizedPnl: -10,
      }),
    ]);
    // Margin 9 970 + charges 3.91 (worked out in test/unit/broker/simulator/exchange.test.ts).
    expect(await h.broker.funds()).toMatchObject({ startOfDay: 100_000, utilized: 9973.91, available: 90026.09 });
  });

  it('fills a large order in parts: PART_TRADED, then TRADED, one trade row per fill', async () => {
    h = await startHarness();
    const ack = await h.client.placeOrder({ ...limitBuy, quantity: 80 });
    h.sim.control.advance();
    // 09:20 bar volume 500 → at most 10 % = 50 shares.
    expect(await h.client.order(ack.orderId)).toMatchObject({
      orderStatus: 'PART_TRADED',
      filledQty: 50,
      remainingQuantity: 30,
    });
    h.sim.control.advance();
    // 09:25 bar opens at 996, under the limit: the other 30 fill at 996.
    expect(await h.client.order(ack.orderId)).toMatchObject({ orderStatus: 'TRADED', filledQty: 80 });
    expect((await h.client.tradesOfOrder(ack.orderId)).map((t) => [t.tradedQuantity, t.tradedPrice])).toEqual([
      [50, 997],
      [30, 996],
    ]);
    expect(await h.client.tradeBook()).toHaveLength(2);
  });

  it('modifies a working order, and cancels another; cancelling twice returns the cancelled order', async () => {
    h = await startHarness();
    const a = await h.client.placeOrder({ ...limitBuy, price: 950 });
    const b = await h.client.placeOrder({ ...limitBuy, price: 951 });
    await h.client.modifyOrder(a.orderId, { orderType: 'LIMIT', validity: 'DAY', quantity: 10, price: 1005 });
    // 1005 ≥ last price 1002: it fills at once at 1002.
    expect(await h.broker.getOrder(a.orderId)).toMatchObject({ status: 'TRADED', averagePrice: 1002, price: 1005 });
    expect(await h.broker.cancelOrder(b.orderId)).toMatchObject({ status: 'CANCELLED', filledQuantity: 0 });
    expect(await h.broker.cancelOrder(b.orderId)).toMatchObject({ status: 'CANCELLED' });
    await expect(h.client.cancelOrder(b.orderId)).rejects.toMatchObject({
      name: 'DhanOrderError',
      code: 'DH-906',
      status: 400,
    });
  });

  it('triggers a stop-loss-market exit placed through the broker', async () => {
    h = await startHarness();
    await h.broker.placeOrder({ ...intent, orderType: 'MARKET', price: undefined, correlationId: 'entry' });
    const stop = await h.broker.placeOrder({
      ...intent,
      correlationId: 'stop',
      side: 'SELL',
      orderType: 'STOP_LOSS_MARKET',
      price: undefined,
      triggerPrice: 995.5,
    });
    expect(stop.order.status).toBe('PENDING');
    h.sim.control.advance(); // the 09:20 bar trades down to 995
    expect(await h.broker.getOrder(stop.order.orderId)).toMatchObject({ status: 'TRADED', averagePrice: 995.5 });
    // Bought 10 at 1002 (market, no spread), sold 10 at 995.5: realised −65.
    expect(await h.broker.positions()).toEqual([expect.objectContaining({ quantity: 0, realizedPnl: -65 })]);
  });
});

describe('refusals', () => {
  it('accepts an off-tick price, then shows it REJECTED with Dhan’s reason field', async () => {
    h = await startHarness();
    // The broker would refuse 997.05 itself; the raw client lets it through to the exchange.
    const ack = await h.client.placeOrder({ ...limitBuy, price: 997.05 });
    expect(ack.orderStatus).toBe('TRANSIT');
    const order = await h.broker.getOrder(ack.orderId);
    expect(order).toMatchObject({ status: 'REJECTED', rawStatus: 'REJECTED' });
    expect(order?.rejectionReason).toBe('Price 997.05 is not a multiple of tick size 0.1');
  });

  it('rejects orders when the market is closed and for insufficient funds', async () => {
    h = await startHarness();
    const poor = await h.broker.placeOrder({ ...intent, correlationId: 'poor', quantity: 200 });
    // 200 × 997 = 199 400 > 100 000.
    expect(poor.order).toMatchObject({ status: 'REJECTED' });
    expect(poor.order.rejectionReason).toContain('Insufficient funds');
    h.sim.control.setTime('2026-06-19 15:30');
    const late = await h.broker.placeOrder({ ...intent, correlationId: 'late' });
    expect(late.order.rejectionReason).toContain('Markets are Offline or Blocked');
  });

  it('answers 400 DH-906 at once in the synchronous reject mode', async () => {
    h = await startHarness({ sim: { exchange: { rejectMode: 'sync' } } });
    const error = await h.broker.placeOrder({ ...intent, quantity: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DhanOrderError);
    expect(error).toMatchObject({ code: 'DH-906', status: 400, retryable: false });
    expect((error as Error).message).toContain('Insufficient funds: required 199400.00, available 100000.00');
    expect(h.sim.control.orders()).toHaveLength(0);
  });
});

describe('idempotent placement by correlation id', () => {
  it('looks the id up first and never re-POSTs a placed order', async () => {
    h = await startHarness();
    const first = await h.broker.placeOrder(intent);
    const second = await h.broker.placeOrder(intent);
    expect(first.alreadyExisted).toBe(false);
    expect(second).toMatchObject({ alreadyExisted: true, order: { orderId: first.order.orderId } });
    expect(h.sim.control.orders()).toHaveLength(1);
    expect(requestsTo(h.sim, 'POST', '/orders')).toHaveLength(1);
    expect(requestsTo(h.sim, 'GET', `/orders/external/${intent.correlationId}`)).toHaveLength(2);
  });

  it('places one order for concurrent calls with the same id', async () => {
    h = await startHarness();
    const results = await Promise.all(Array.from({ length: 5 }, () => h.broker.placeOrder(intent)));
    expect(new Set(results.map((r) => r.order.orderId)).size).toBe(1);
    expect(results.filter((r) => !r.alreadyExisted)).toHaveLength(1);
    expect(h.sim.control.orders()).toHaveLength(1);
  });

  it('refuses a malformed intent without sending anything', async () => {
    h = await startHarness();
    await expect(h.broker.placeOrder({ ...intent, correlationId: 'bad id!' })).rejects.toMatchObject({
      name: 'BrokerInputError',
    });
    expect(h.sim.control.requests()).toHaveLength(0);
  });
});
