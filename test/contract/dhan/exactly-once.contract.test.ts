/**
 * Exactly-once order placement under the failures that make it hard: answers lost after the order
 * was applied, requests that never arrived, lookups that fail, retries and concurrency.
 * "Retry" here is what Temporal does: call `placeOrder` again with the same intent.
 */
import { type OrderIntent } from '../../../broker/broker';
import { DhanNetworkError, DhanTimeoutError } from '../../../broker/dhan/errors';
import { requestsTo, startHarness, WIRE_LIMIT_BUY, type Harness } from './harness';

const intent: OrderIntent = {
  correlationId: 'claude-20260619-007-0',
  symbol: 'RELIANCE',
  side: 'BUY',
  quantity: 5,
  orderType: 'LIMIT',
  product: 'INTRADAY',
  price: 990,
};

let h: Harness;
afterEach(async () => h && (await h.sim.close()));

/** Orders the simulator holds for a correlation id. */
const ordersFor = (correlationId: string) => h.sim.control.orders().filter((o) => o.correlationId === correlationId);

describe('exactly one order per correlation id', () => {
  it('a retry after a timeout whose order did reach Dhan returns that order and creates no second one', async () => {
    h = await startHarness({ client: { timeoutMs: 300 } });
    // The simulator applies the POST, then holds the answer past the client's timeout.
    h.sim.control.addFault({ kind: 'applyThenDelay', method: 'POST', path: '/orders', ms: 1500, times: 1 });
    const attempt1 = await h.client
      .placeOrder({ ...WIRE_LIMIT_BUY, correlationId: intent.correlationId, quantity: 5 })
      .catch((e: unknown) => e);
    expect(attempt1).toBeInstanceOf(DhanTimeoutError);
    expect(ordersFor(intent.correlationId)).toHaveLength(1); // it did land

    const attempt2 = await h.broker.placeOrder(intent);
    expect(attempt2.alreadyExisted).toBe(true);
    expect(attempt2.order).toMatchObject({ correlationId: intent.correlationId, quantity: 5, status: 'PENDING' });
    expect(ordersFor(intent.correlationId)).toHaveLength(1);
    expect(requestsTo(h.sim, 'POST', '/orders')).toHaveLength(1);
  });

  it('a dropped answer is reconciled inside the same call: the order is returned, nothing is re-sent', async () => {
    h = await startHarness();
    h.sim.control.addFault({ kind: 'applyThenDrop', method: 'POST', path: '/orders', times: 1 });
    const result = await h.broker.placeOrder(intent);
    expect(result).toMatchObject({ alreadyExisted: true, order: { correlationId: intent.correlationId } });
    expect(ordersFor(intent.correlationId)).toHaveLength(1);
    expect(requestsTo(h.sim, 'POST', '/orders')).toHaveLength(1);
  });

  it('a request that never arrived fails retryably, and the retry places exactly one order', async () => {
    h = await startHarness({ client: { timeoutMs: 300 } });
    h.sim.control.addFault({ kind: 'hang', method: 'POST', path: '/orders', times: 1 });
    const attempt1 = await h.broker.placeOrder(intent).catch((e: unknown) => e);
    expect(attempt1).toBeInstanceOf(DhanTimeoutError);
    expect((attempt1 as DhanTimeoutError).retryable).toBe(true);
    expect(ordersFor(intent.correlationId)).toHaveLength(0);

    const attempt2 = await h.broker.placeOrder(intent);
    expect(attempt2.alreadyExisted).toBe(false);
    expect(ordersFor(intent.correlationId)).toHaveLength(1);
  });

  it('a failed lookup before the POST sends nothing; the retry places exactly one order', async () => {
    h = await startHarness();
    h.sim.control.addFault({ kind: 'error5xx', method: 'GET', path: '/orders/external/*', times: 1 });
    const attempt1 = await h.broker.placeOrder(intent).catch((e: unknown) => e);
    expect(attempt1).toMatchObject({ name: 'DhanServerError', retryable: true });
    expect(requestsTo(h.sim, 'POST', '/orders')).toHaveLength(0);

    await h.broker.placeOrder(intent);
    expect(ordersFor(intent.correlationId)).toHaveLength(1);
  });

  it('a lost answer whose reconciling lookup also fails rethrows the retryable error; the retry finds the order', async () => {
    h = await startHarness();
    h.sim.control.setFaults([
      { kind: 'applyThenDrop', method: 'POST', path: '/orders', times: 1 },
      // Let the lookup before the POST through, fail the one after it.
      { kind: 'error5xx', method: 'GET', path: '/orders/external/*', skip: 1, times: 1 },
    ]);
    const attempt1 = await h.broker.placeOrder(intent).catch((e: unknown) => e);
    expect(attempt1).toBeInstanceOf(DhanNetworkError);
    expect((attempt1 as DhanNetworkError).retryable).toBe(true);
    expect(ordersFor(intent.correlationId)).toHaveLength(1);

    const attempt2 = await h.broker.placeOrder(intent);
    expect(attempt2.alreadyExisted).toBe(true);
    expect(ordersFor(intent.correlationId)).toHaveLength(1);
    expect(requestsTo(h.sim, 'POST', '/orders')).toHaveLength(1);
  });

  it('survives random faults and retries for many intents placed concurrently: one order each', async () => {
    h = await startHarness({ client: { timeoutMs: 400 }, sim: { faultSeed: 2026 } });
    h.sim.control.setFaults([
      { kind: 'applyThenDrop', method: 'POST', path: '/orders', rate: 0.3 },
      { kind: 'applyThenDelay', method: 'POST', path: '/orders', rate: 0.2, ms: 800 },
      { kind: 'error5xx', method: 'GET', path: '/orders/external/*', rate: 0.2 },
      { kind: 'drop', rate: 0.05 },
    ]);
    const intents = Array.from({ length: 12 }, (_, i) => ({ ...intent, correlationId: `stress-${i}` }));
    let attempts = 0;
    const placeWithRetries = async (one: OrderIntent) => {
      for (let attempt = 1; attempt <= 30; attempt++) {
        attempts++;
        try {
          return await h.broker.placeOrder(one);
        } catch (error) {
          if (!(error as { retryable?: boolean }).retryable) throw error;
        }
      }
      throw new Error(`${one.correlationId} never placed`);
    };
    const results = await Promise.all(intents.map(placeWithRetries));
    expect(attempts).toBeGreaterThan(intents.length); // the faults did force retries
    for (const [i, result] of results.entries()) {
      expect(result.order.correlationId).toBe(`stress-${i}`);
      expect(ordersFor(`stress-${i}`)).toHaveLength(1);
    }
    expect(h.sim.control.orders()).toHaveLength(intents.length);
  }, 30_000);
});
