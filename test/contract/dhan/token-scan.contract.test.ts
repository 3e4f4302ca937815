/**
 * The access token never leaks: the client is run through success and every error path with a
 * recognisable fake token, and everything it logged (pino, trace level) and every error it threw —
 * message, stack, JSON, util.inspect with hidden fields, the cause chain, and the failure Temporal
 * would write into a workflow history — is searched for the token.
 */
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { DefaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import pino from 'pino';
import { type OrderIntent } from '../../../broker/broker';
import { DhanClient } from '../../../broker/dhan/client';
import { DhanBroker } from '../../../broker/dhan/dhan-broker';
import { DhanHttp } from '../../../broker/dhan/http';
import { dhanProfileSchema } from '../../../broker/dhan/responses';
import { startDhanSimulator, type RunningDhanSimulator } from '../../../broker/simulator';
import { Secret } from '../../../config/secret';
import { CLIENT_ID, MARKET_FOLDER, WIRE_LIMIT_BUY as wire } from './harness';

const TOKEN = 'SCAN-TOKEN-4f1c9e7a2b-never-print-me';

/** Every text form of an error and of each error in its cause chain. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    out.push(String(e), inspect(e, { depth: Infinity, showHidden: true, getters: true }));
    try {
      out.push(JSON.stringify(e, Object.getOwnPropertyNames(e)));
      out.push(JSON.stringify(e));
    } catch {
      // circular: inspect above already covered it
    }
    if (e instanceof Error) out.push(e.message, e.stack ?? '');
    e = (e as { cause?: unknown }).cause;
  }
  out.push(JSON.stringify(new DefaultFailureConverter().errorToFailure(error, defaultPayloadConverter)));
  return out;
}

/** A hostile Dhan: echoes every request header back, in an error body and in a wrongly shaped 200. */
async function startEchoServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const echoed = JSON.stringify(req.headers);
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('error')) {
      res.statusCode = 400;
      res.end(
        JSON.stringify({ errorType: 'Input_Exception', errorCode: 'DH-905', errorMessage: `bad request ${echoed}` }),
      );
    } else {
      res.end(JSON.stringify({ dhanClientId: 42, echoed: req.headers, tokenValidity: [echoed] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`, server };
}

describe('token scan', () => {
  let sim: RunningDhanSimulator;
  let echo: { url: string; server: Server };
  const logs: string[] = [];
  const errors: unknown[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });

  beforeAll(async () => {
    sim = await startDhanSimulator({
      accessToken: TOKEN,
      clientId: CLIENT_ID,
      market: { kind: 'replay', folder: MARKET_FOLDER },
      clock: { mode: 'stepped', start: '2026-06-19 09:20' },
      rateLimits: false,
    });
    echo = await startEchoServer();
  });

  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  const clientFor = (baseUrl: string, timeoutMs = 300) =>
    new DhanClient({
      baseUrl,
      clientId: CLIENT_ID,
      accessToken: new Secret(TOKEN),
      timeoutMs,
      logger,
      rateLimiter: null,
    });

  /** Runs a call that must fail and keeps its error. */
  async function failing(call: () => Promise<unknown>): Promise<void> {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    if (error === undefined) throw new Error('expected the call to fail');
    errors.push(error);
  }

  it('runs the success paths and every error path', async () => {
    const client = clientFor(sim.url);
    const broker = new DhanBroker(client, { reconcileDelayMs: 1 });
    const intent: OrderIntent = {
      correlationId: 'scan-1',
      symbol: 'RELIANCE',
      side: 'BUY',
      quantity: 1,
      orderType: 'LIMIT',
      product: 'INTRADAY',
      price: 990,
    };
    // Success.
    await client.profile();
    await broker.funds();
    const placed = await broker.placeOrder(intent);
    await broker.placeOrder(intent);
    await broker.getOrder(placed.order.orderId);
    await broker.positions();
    await broker.quotes(['RELIANCE']);
    await broker.candles('RELIANCE', '5m', Date.UTC(2026, 5, 18), Date.UTC(2026, 5, 20));
    await broker.cancelOrder(placed.order.orderId);

    // Errors from Dhan.
    const stranger = new DhanClient({
      baseUrl: sim.url,
      clientId: '7',
      accessToken: new Secret(TOKEN),
      logger,
      rateLimiter: null,
    });
    await failing(() => stranger.ltp({ NSE_EQ: [2885] })); // 808
    await failing(() => client.cancelOrder(placed.order.orderId)); // DH-906
    await failing(() => client.placeOrder({ ...wire, securityId: '999999' })); // DH-905 from the server
    await failing(() => client.placeOrder({ ...wire, price: undefined })); // DH-905 before sending
    await failing(() => broker.placeOrder({ ...intent, correlationId: 'bad id' })); // BrokerInputError
    sim.control.addFault({ kind: 'rateLimit', times: 1 });
    await failing(() => client.positions()); // DH-904
    sim.control.addFault({ kind: 'error5xx', times: 1 });
    await failing(() => client.positions()); // DH-908
    sim.control.addFault({ kind: 'hang', times: 1, ms: 2000 });
    await failing(() => client.positions()); // timeout
    sim.control.addFault({ kind: 'drop', times: 1 });
    await failing(() => client.positions()); // dropped connection
    sim.control.addFault({ kind: 'applyThenDrop', method: 'POST', path: '/orders', times: 1 });
    sim.control.addFault({ kind: 'drop', method: 'GET', path: '/orders/external/*', skip: 1, times: 1 });
    await failing(() => broker.placeOrder({ ...intent, correlationId: 'scan-2' })); // lost answer, failed reconcile
    sim.control.setAccess({ staticIpWhitelisted: false });
    await failing(() => client.placeOrder(wire)); // DH-911
    sim.control.setAccess({ staticIpWhitelisted: true });
    const controller = new AbortController();
    sim.control.addFault({ kind: 'latency', ms: 500, times: 1 });
    setTimeout(() => controller.abort(new Error(`aborted by a caller who knows ${'nothing'}`)), 20);
    await failing(() => client.holdings(controller.signal)); // cancelled
    const wrongToken = new DhanClient({
      baseUrl: sim.url,
      clientId: CLIENT_ID,
      accessToken: new Secret(`${TOKEN}-x`),
      logger,
    });
    await failing(() => wrongToken.profile()); // DH-901 (the token sent contains TOKEN)
    await failing(() =>
      new DhanHttp({ baseUrl: sim.url, clientId: CLIENT_ID, accessToken: new Secret(TOKEN), logger }).call({
        method: 'GET',
        path: '/nowhere',
        schema: dhanProfileSchema,
      }),
    ); // Spring 404

    // A hostile server that echoes the headers back.
    await failing(() => clientFor(echo.url).profile()); // wrongly shaped 200 → DhanResponseError
    await failing(() =>
      new DhanHttp({ baseUrl: `${echo.url}/error`, clientId: CLIENT_ID, accessToken: new Secret(TOKEN), logger }).call({
        method: 'GET',
        path: '/profile',
        schema: dhanProfileSchema,
      }),
    ); // 400 whose message contains the token
    // Nothing listening.
    await failing(() => clientFor('http://127.0.0.1:9/v2').profile()); // ECONNREFUSED

    expect(errors.map((e) => (e as Error).name)).toEqual([
      'DhanAuthError',
      'DhanOrderError',
      'DhanInputError',
      'DhanInputError',
      'BrokerInputError',
      'DhanRateLimitError',
      'DhanServerError',
      'DhanTimeoutError',
      'DhanNetworkError',
      'DhanNetworkError',
      'DhanAccessError',
      'DhanCancelledError',
      'DhanAuthError',
      'DhanInputError',
      'DhanResponseError',
      'DhanInputError',
      'DhanNetworkError',
    ]);
  }, 20_000);

  it('finds the token in none of the logs, errors or client objects', () => {
    const client = clientFor(sim.url);
    const texts = [
      ...logs,
      ...errors.flatMap(renderings),
      inspect(client, { depth: Infinity, showHidden: true }),
      inspect(new DhanBroker(client), { depth: Infinity, showHidden: true }),
    ];
    expect(logs.length).toBeGreaterThan(20); // the client did log, at debug and warn
    const leaks = texts.filter((t) => t.includes(TOKEN));
    expect(leaks).toEqual([]);
  });

  it('would notice a leak (the scan itself works)', () => {
    const leaky = new Error(`token=${TOKEN}`, { cause: { header: TOKEN } });
    expect(renderings(leaky).some((t) => t.includes(TOKEN))).toBe(true);
    expect(renderings(new Error('x', { cause: new Error(`deep ${TOKEN}`) })).some((t) => t.includes(TOKEN))).toBe(true);
    // The echo server really does send the token back, so the scrub had something to remove.
    expect(errors.some((e) => (e as { dhanMessage?: string }).dhanMessage?.includes('[redacted]'))).toBe(true);
  });
});
