/**
 * Every error class, produced by the simulator over HTTP and read by the real client: what Dhan
 * says, how it is classified (retry or not), and that a refused request changed nothing.
 */
import { DhanClient } from '../../../broker/dhan/client';
import {
  DhanAccessError,
  DhanAuthError,
  DhanCancelledError,
  DhanInputError,
  DhanNetworkError,
  DhanOrderError,
  DhanRateLimitError,
  DhanServerError,
  DhanTimeoutError,
} from '../../../broker/dhan/errors';
import { DhanHttp } from '../../../broker/dhan/http';
import { dhanProfileSchema } from '../../../broker/dhan/responses';
import { Secret } from '../../../config/secret';
import { CLIENT_ID, startHarness, TOKEN, WIRE_LIMIT_BUY as order, type Harness } from './harness';

let h: Harness;
afterEach(async () => h && (await h.sim.close()));

async function failure(call: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await call;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the call to fail');
}

describe('errors Dhan answers', () => {
  it('DH-901: a wrong token is an auth error, not retried', async () => {
    h = await startHarness();
    const stranger = new DhanClient({
      baseUrl: h.sim.url,
      clientId: CLIENT_ID,
      accessToken: new Secret('not-the-token'),
    });
    const error = await failure(stranger.profile());
    expect(error).toBeInstanceOf(DhanAuthError);
    expect(error).toMatchObject({ code: 'DH-901', status: 401, retryable: false, endpoint: 'GET /profile' });
  });

  it('808: a wrong client id on the market-quote API is an auth error in the Data-API shape', async () => {
    h = await startHarness();
    const wrongId = new DhanClient({ baseUrl: h.sim.url, clientId: '999', accessToken: new Secret(TOKEN) });
    expect(await failure(wrongId.ltp({ NSE_EQ: [2885] }))).toMatchObject({
      name: 'DhanAuthError',
      code: '808',
      status: 401,
    });
  });

  it('DH-904: too many requests are refused with 429 and retryable', async () => {
    // The client's own limiter is off, so the simulator's limit (1 quote per second) is what answers.
    h = await startHarness({ client: { rateLimiter: null } });
    await h.client.ltp({ NSE_EQ: [2885] });
    const error = await failure(h.client.ltp({ NSE_EQ: [2885] }));
    expect(error).toBeInstanceOf(DhanRateLimitError);
    expect(error).toMatchObject({ code: 'DH-904', status: 429, retryable: true });
  });

  it('the client’s limiter keeps it under Dhan’s limit: two quotes a second apart both succeed', async () => {
    h = await startHarness();
    const started = Date.now();
    await h.client.ltp({ NSE_EQ: [2885] });
    await h.client.ltp({ NSE_EQ: [2885] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.sim.control.requests().map((r) => r.status)).toEqual([200, 200]);
  });

  it('DH-905: input Dhan refuses is an input error; the client refuses what it can check before sending', async () => {
    h = await startHarness();
    const unknown = await failure(h.client.placeOrder({ ...order, securityId: '999999' }));
    expect(unknown).toBeInstanceOf(DhanInputError);
    expect(unknown).toMatchObject({ code: 'DH-905', status: 400, retryable: false });
    const local = await failure(h.client.placeOrder({ ...order, orderType: 'LIMIT', price: undefined }));
    expect(local).toBeInstanceOf(DhanInputError);
    expect(local.message).toContain('price: price > 0 is required for LIMIT orders');
    expect(local.status).toBeUndefined(); // never sent
    expect(h.sim.control.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('DH-906: an order Dhan will not process is an order error', async () => {
    h = await startHarness();
    const ack = await h.client.placeOrder(order);
    await h.client.cancelOrder(ack.orderId);
    const error = await failure(h.client.modifyOrder(ack.orderId, { orderType: 'LIMIT', validity: 'DAY', price: 991 }));
    expect(error).toBeInstanceOf(DhanOrderError);
    expect(error).toMatchObject({ code: 'DH-906', status: 400, retryable: false });
    expect(error.message).toContain('is CANCELLED and cannot be modified');
  });

  it('DH-902 and DH-911: no data plan, or an order from a non-whitelisted IP, are access errors', async () => {
    h = await startHarness();
    h.sim.control.setAccess({ dataPlan: false, staticIpWhitelisted: false });
    expect(await failure(h.client.ltp({ NSE_EQ: [2885] }))).toMatchObject({ name: 'DhanAccessError', code: 'DH-902' });
    const ip = await failure(h.client.placeOrder(order));
    expect(ip).toBeInstanceOf(DhanAccessError);
    expect(ip).toMatchObject({ code: 'DH-911', retryable: false });
    expect(h.sim.control.orders()).toHaveLength(0);
  });

  it('an unknown path gets Spring’s 404 body and a non-retryable error', async () => {
    h = await startHarness();
    const http = new DhanHttp({
      baseUrl: h.sim.url,
      clientId: CLIENT_ID,
      accessToken: new Secret(TOKEN),
      rateLimiter: null,
    });
    const error = await failure(http.call({ method: 'GET', path: '/profiles', schema: dhanProfileSchema }));
    expect(error).toMatchObject({ name: 'DhanInputError', status: 404, retryable: false });
    expect(error.message).toContain('Not Found (/v2/profiles)');
  });

  it('more than 1000 instruments: the client refuses before sending; the simulator answers 804', async () => {
    h = await startHarness();
    const ids = Array.from({ length: 1001 }, (_, i) => i + 1);
    const local = await failure(h.client.quote({ NSE_EQ: ids }));
    expect(local).toBeInstanceOf(DhanInputError);
    expect(h.sim.control.requests()).toHaveLength(0);
    const response = await fetch(`${h.sim.url}/marketfeed/quote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'access-token': TOKEN, 'client-id': CLIENT_ID },
      body: JSON.stringify({ NSE_EQ: ids }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status: 'failed',
      data: { '804': 'Requested number of instruments exceeds limit' },
    });
  });

  it('a malformed JSON body gets DH-905 from the simulator', async () => {
    h = await startHarness();
    const response = await fetch(`${h.sim.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'access-token': TOKEN },
      body: '{"quantity": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorType: 'Input_Exception', errorCode: 'DH-905' });
  });
});

describe('failures on the way (injected faults)', () => {
  it('5xx: a server error is retryable', async () => {
    h = await startHarness();
    h.sim.control.addFault({ kind: 'error5xx', path: '/fundlimit', times: 1 });
    expect(await failure(h.client.fundLimit())).toMatchObject({
      name: 'DhanServerError',
      code: 'DH-908',
      status: 500,
      retryable: true,
    });
    // The fault fired once; the next call is answered.
    expect((await h.client.fundLimit()).availabelBalance).toBe(100_000);
  });

  it('429 injected: rate-limit error, retryable', async () => {
    h = await startHarness();
    h.sim.control.addFault({ kind: 'rateLimit', times: 1 });
    expect(await failure(h.client.positions())).toBeInstanceOf(DhanRateLimitError);
  });

  it('timeout: a hanging request fails after the client timeout, retryable', async () => {
    h = await startHarness({ client: { timeoutMs: 300 } });
    h.sim.control.addFault({ kind: 'hang', path: '/orders', method: 'GET' });
    const started = Date.now();
    const error = await failure(h.client.orderBook());
    expect(error).toBeInstanceOf(DhanTimeoutError);
    expect(error).toMatchObject({ retryable: true, endpoint: 'GET /orders' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('dropped connection: a network error, retryable, with a plain summary as its cause', async () => {
    h = await startHarness();
    h.sim.control.addFault({ kind: 'drop', path: '/positions' });
    const error = await failure(h.client.positions());
    expect(error).toBeInstanceOf(DhanNetworkError);
    expect(error.retryable).toBe(true);
    expect((error.cause as Error).name).toBe('NetworkCause');
    expect((error.cause as Error).message).toContain('fetch failed');
  });

  it('cancellation: the caller’s AbortSignal ends a slow call with a non-retryable error', async () => {
    h = await startHarness();
    h.sim.control.addFault({ kind: 'latency', ms: 1000, path: '/holdings' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(h.client.holdings(controller.signal));
    expect(error).toBeInstanceOf(DhanCancelledError);
    expect(error.retryable).toBe(false);
  });

  it('faults can be set over the control API, and bad rules are refused', async () => {
    h = await startHarness();
    const base = h.sim.url.replace(/\/v2$/, '/sim');
    const set = await fetch(`${base}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ kind: 'error5xx', path: '/profile', times: 1 }] }),
    });
    expect(set.status).toBe(200);
    expect(await failure(h.client.profile())).toBeInstanceOf(DhanServerError);
    const bad = await fetch(`${base}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ kind: 'explode' }] }),
    });
    expect(bad.status).toBe(400);
  });
});
