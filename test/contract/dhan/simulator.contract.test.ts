/**
 * The simulator's own surface: the `/sim` control API over HTTP, Dhan's exact auth error body, the
 * real-time clock over the synthetic market, and a whole stepped trading day.
 */
import { DhanClient } from '../../../broker/dhan/client';
import { DhanBroker } from '../../../broker/dhan/dhan-broker';
import { startDhanSimulator } from '../../../broker/simulator';
import { Secret } from '../../../config/secret';
import { CLIENT_ID, ist, startHarness, TOKEN, type Harness } from './harness';

let h: Harness;
afterEach(async () => h && (await h.sim.close()));

const controlUrl = () => h.sim.url.replace(/\/v2$/, '/sim');
async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${controlUrl()}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('control API', () => {
  it('reads, steps and sets the clock; the close steps to the next trading day; time never goes back', async () => {
    h = await startHarness();
    expect((await control('GET', '/clock')).body).toMatchObject({
      mode: 'stepped',
      ist: '2026-06-19 09:20',
      marketOpen: true,
    });
    expect((await control('POST', '/clock/advance', { steps: 2 })).body).toMatchObject({ ist: '2026-06-19 09:30' });
    expect((await control('POST', '/clock/set', { time: '2026-06-19 15:30' })).body).toMatchObject({
      marketOpen: false,
    });
    // 20–21 June 2026 is a weekend; the replay's next day is Monday the 22nd.
    expect((await control('POST', '/clock/advance', {})).body).toMatchObject({ ist: '2026-06-22 09:15' });
    const back = await control('POST', '/clock/set', { time: ist('2026-06-19 10:00') });
    expect(back.status).toBe(400);
    expect((back.body.error as { message: string }).message).toContain('cannot go back');
    expect((await control('POST', '/clock/advance', { steps: 0 })).status).toBe(400);
  });

  it('holds an arrival open until the barrier lets the clock reach its time, or until waitMs', async () => {
    h = await startHarness();
    const t0 = (await control('GET', '/clock')).body.now as number;
    const next = t0 + 5 * 60_000;
    // Two accounts at the barrier: "a" is ready for the next bar, "b" is still at the current one.
    await control('POST', '/clock/arrive', { participant: 'b', time: t0 });
    const started = Date.now();
    const timedOut = await control('POST', '/clock/arrive', { participant: 'a', time: next, waitMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(timedOut.body.now).toBe(t0);

    const waiting = control('POST', '/clock/arrive', { participant: 'a', time: next, waitMs: 5_000 });
    await new Promise((r) => setTimeout(r, 100));
    // "b" catches up: the clock moves, and the held arrival answers with the new time at once.
    const moved = Date.now();
    expect((await control('POST', '/clock/arrive', { participant: 'b', time: next })).body.now).toBe(next);
    expect((await waiting).body.now).toBe(next);
    expect(Date.now() - moved).toBeLessThan(2_000);
    expect((await control('POST', '/clock/arrive', { participant: 'a', time: next, waitMs: 5_001 })).status).toBe(400);
  });

  it('counts orders and requests, and switches access', async () => {
    h = await startHarness();
    await h.broker.placeOrder({
      correlationId: 'count-1',
      symbol: 'TCS',
      side: 'BUY',
      quantity: 1,
      orderType: 'LIMIT',
      product: 'CNC',
      price: 2900,
    });
    const orders = await control('GET', '/orders');
    expect(orders.body).toMatchObject({ count: 1, orders: [{ correlationId: 'count-1', securityId: '11536' }] });
    const requests = (await control('GET', '/requests')).body.requests as { method: string; path: string }[];
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /orders/external/count-1',
      'POST /orders',
      expect.stringMatching(/^GET \/orders\/\d+$/),
    ]);
    expect((await control('PUT', '/access', { dataPlan: false })).body).toEqual({
      dataPlan: false,
      staticIpWhitelisted: true,
    });
    expect((await control('PUT', '/access', { dataPlan: 'no' })).status).toBe(400);
  });

  it('answers a missing token with Dhan’s exact DH-901 body and status', async () => {
    h = await startHarness();
    const response = await fetch(`${h.sim.url}/fundlimit`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errorType: 'Invalid_Authentication',
      errorCode: 'DH-901',
      errorMessage: 'Client ID or user generated access token is invalid or expired.',
    });
  });
});

describe('a whole stepped trading day', () => {
  it('runs 09:20 → 15:30 in steps: the RMS squares the intraday position off at 15:20 and the book closes', async () => {
    h = await startHarness();
    const entry = await h.broker.placeOrder({
      correlationId: 'day-1',
      symbol: 'RELIANCE',
      side: 'BUY',
      quantity: 10,
      orderType: 'MARKET',
      product: 'INTRADAY',
    });
    // Market order at the last price 1002 (no spread in the harness).
    expect(entry.order).toMatchObject({ status: 'TRADED', averagePrice: 1002 });
    const resting = await h.broker.placeOrder({
      correlationId: 'day-2',
      symbol: 'TCS',
      side: 'BUY',
      quantity: 1,
      orderType: 'LIMIT',
      product: 'CNC',
      price: 2900,
    });
    const state = h.sim.control.advance(74); // 09:20 + 74 × 5 min = 15:30
    expect(state.ist).toBe('2026-06-19 15:30');
    // The RMS sold at the last price of the day, 1003 (the 09:40 bar is the file's last): realised 10 × 1 = 10.
    expect(await h.broker.positions()).toEqual([
      expect.objectContaining({ symbol: 'RELIANCE', quantity: 0, realizedPnl: 10 }),
    ]);
    const book = await h.client.orderBook();
    expect(book.map((o) => [o.transactionType, o.orderStatus, o.correlationId ?? ''])).toEqual([
      ['BUY', 'TRADED', 'day-1'],
      ['BUY', 'EXPIRED', 'day-2'],
      ['SELL', 'TRADED', ''],
    ]);
    expect((await h.broker.getOrder(resting.order.orderId))?.status).toBe('EXPIRED');
  });
});

describe('real-time clock over the synthetic market', () => {
  it('trades at wall-clock speed (shifted to a session) and refuses to be stepped', async () => {
    const sim = await startDhanSimulator({
      accessToken: TOKEN,
      clientId: CLIENT_ID,
      market: { kind: 'synthetic', seed: 5 },
      clock: { mode: 'realtime', offsetMs: ist('2026-06-19 11:00') - Date.now() },
    });
    try {
      const client = new DhanClient({ baseUrl: sim.url, clientId: CLIENT_ID, accessToken: new Secret(TOKEN) });
      const broker = new DhanBroker(client);
      expect(sim.control.clock()).toMatchObject({ mode: 'realtime', marketOpen: true });
      const { RELIANCE: quote } = await broker.quotes(['RELIANCE']);
      expect(quote?.lastPrice).toBeGreaterThan(0);
      const placed = await broker.placeOrder({
        correlationId: 'rt-1',
        symbol: 'RELIANCE',
        side: 'BUY',
        quantity: 1,
        orderType: 'MARKET',
        product: 'INTRADAY',
      });
      expect(placed.order.status).toBe('TRADED');
      // 09:15–11:00 is 105 minutes: 21 closed 5-minute bars today (the 11:00 one is still forming).
      const today = await broker.candles('RELIANCE', '5m', ist('2026-06-19 09:15'), ist('2026-06-19 15:30'));
      expect(today).toHaveLength(21);
      expect(() => sim.control.advance()).toThrow('real-time mode');
    } finally {
      await sim.close();
    }
  });
});
