/**
 * Broker error bodies through the order activities: a loopback server plays a Dhan that answers
 * with refusals, HTML error pages, truncated or wrongly shaped JSON. The real Dhan client, broker
 * adapter, activities and Postgres decide what is recorded. Each answer must give a clear outcome
 * (a recorded refusal with Dhan's reason, or an error the activity retries) and must never book a
 * fill, a position or a second order; when the broker did take the order, the desk must know it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { QueryTypes } from 'sequelize';
import { createActivities } from '../../../activities';
import { type AccountRef, type PlacedOrder } from '../../../activities/types';
import { DhanClient } from '../../../broker/dhan/client';
import { DhanBroker } from '../../../broker/dhan/dhan-broker';
import { Secret } from '../../../config/secret';
import { DEFAULT_ACCOUNTS } from '../../../contracts/account';
import { orderKey } from '../../../contracts/orders';
import { istTime } from '../../../core/time';
import { type OrderProposal } from '../../../core/types';
import { seed } from '../../../db';
import { createRepositories } from '../../../db/repositories';
import { createLogger } from '../../../platform/logger';
import { dhanFixture, dhanFixtureText } from '../../fixtures/dhan';
import { createTestDatabase, type TestDatabase } from '../../support/database';

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly type?: string;
}

const NO_ORDER: Answer = { status: 200, body: '[]', type: 'application/json' };

/**
 * A Dhan stand-in: `POST /orders` gets `placeAnswer`; lookups by correlation id get the queued
 * `lookupAnswers` one by one, then "no such order".
 */
class HostileDhan {
  placeAnswer: Answer = { status: 500, body: '' };
  readonly lookupAnswers: Answer[] = [];
  readonly placed: string[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const answer =
      req.method === 'POST' && req.url === '/v2/orders'
        ? (this.placed.push(body), this.placeAnswer)
        : req.url?.startsWith('/v2/orders/external/')
          ? (this.lookupAnswers.shift() ?? NO_ORDER)
          : { status: 404, body: '{"status":404,"error":"Not Found"}', type: 'application/json' };
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'text/html' }).end(answer.body);
  }

  close(): Promise<void> {
    return new Promise((r) => this.server?.close(() => r()) ?? r());
  }
}

const spec = DEFAULT_ACCOUNTS[0]!;
const account: AccountRef = { accountId: spec.id, spec, capital: 600_000, mode: 'paper' };
const marketTime = istTime('2026-06-01', 10, 0);
const buy: OrderProposal = {
  symbol: 'TCS',
  side: 'BUY',
  quantity: 5,
  orderType: 'MARKET',
  product: 'INTRADAY',
  stopLoss: 3400,
  strategy: 'vwap',
  reason: 'bad-input test entry',
  source: 'rules',
};

let db: TestDatabase;
let dhan: HostileDhan;
let acts: ReturnType<typeof createActivities>;
let cycleId: number;
let n = 0;
const env = new MockActivityEnvironment();

const count = async (table: string) =>
  (await db.sequelize.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`, { type: QueryTypes.SELECT }))[0]!
    .n;
const orderRow = async (key: string) =>
  (
    await db.sequelize.query<{ status: string; rejection_reason: string | null; broker_order_id: string | null }>(
      `SELECT status, rejection_reason, broker_order_id FROM orders WHERE correlation_id = :key`,
      { type: QueryTypes.SELECT, replacements: { key } },
    )
  )[0];

/** Places one order through the activity and returns its outcome (or the error it threw). */
async function place(): Promise<{ key: string; result?: PlacedOrder; error?: Error }> {
  const key = orderKey(account.accountId, marketTime, n++);
  try {
    const result: PlacedOrder = await env.run(() =>
      acts.placeOrder({ account, cycleId, orderKey: key, proposal: buy, validUntil: Date.now() + 60_000 }),
    );
    return { key, result };
  } catch (error) {
    return { key, error: error as Error };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.models, { accounts: DEFAULT_ACCOUNTS, totalCapital: 1_000_000, mode: 'paper' });
  dhan = new HostileDhan();
  const baseUrl = await dhan.start();
  const client = new DhanClient({
    baseUrl,
    clientId: '1000000001',
    accessToken: new Secret('bad-input-test-token-0001'),
    timeoutMs: 2_000,
    rateLimiter: null,
  });
  acts = createActivities({
    repos: createRepositories(db),
    broker: new DhanBroker(client, { reconcileDelayMs: 10 }),
    market: { now: async () => marketTime, advanceTo: async () => marketTime },
    clockSpec: { kind: 'nse' },
    deciderFor: () => {
      throw new Error('no decisions in this test');
    },
    deciderLabel: () => 'rules',
    log: createLogger('silent'),
    wallNow: Date.now,
  });
  cycleId = await env.run(() =>
    acts.startCycle({ accountId: account.accountId, workflowId: 'bad-input-broker', marketTime }),
  );
});

afterAll(async () => {
  await dhan?.close();
  await db?.drop();
});

const json = (status: number, body: unknown): Answer => ({
  status,
  body: JSON.stringify(body),
  type: 'application/json',
});

const fixture = (status: number, name: string): Answer => ({
  status,
  body: dhanFixtureText(name),
  type: 'application/json',
});

test.each([
  ['DH-905 input refusal', fixture(400, 'error-dh905-no-data'), /DH-905/],
  ['DH-906 order refusal', fixture(400, 'error-dh906'), /DH-906.*Markets are Offline/],
  ['DH-901 expired token', fixture(401, 'error-dh901'), /DH-901/],
])('%s: the order is recorded as REJECTED with Dhan’s reason; nothing is booked', async (_, answer, reason) => {
  const before = { fills: await count('fills'), positions: await count('positions') };
  dhan.placeAnswer = answer;
  const { key, result, error } = await place();
  expect(error).toBeUndefined();
  expect(result).toMatchObject({ status: 'REJECTED', alreadyPlaced: false });
  expect(result!.reason).toMatch(reason);
  expect(await orderRow(key)).toMatchObject({ status: 'REJECTED', broker_order_id: null });
  expect((await orderRow(key))!.rejection_reason).toMatch(reason);
  expect({ fills: await count('fills'), positions: await count('positions') }).toEqual(before);
  // The token never enters a record.
  expect(JSON.stringify(await orderRow(key))).not.toContain('bad-input-test-token-0001');
});

test.each([
  ['an HTML 502 page', { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }],
  ['a 503 with an empty body', { status: 503, body: '' }],
])(
  '%s: outcome unknown, so the activity fails for a retry and the order stays NEW (never REJECTED)',
  async (_, answer) => {
    dhan.placeAnswer = answer;
    const { key, error } = await place();
    expect(error?.name).toBe('DhanServerError');
    expect(error?.message).toMatch(/POST \/orders/);
    expect((error as { retryable?: boolean }).retryable).toBe(true);
    expect(await orderRow(key)).toMatchObject({ status: 'NEW', broker_order_id: null });
  },
);

test('the retry of an order whose answer was lost finds it by correlation id and places nothing twice', async () => {
  dhan.placeAnswer = { status: 502, body: '<html>502</html>' };
  const sentBefore = dhan.placed.length;
  const { key, error } = await place();
  expect(error?.name).toBe('DhanServerError');
  // Dhan did take it: the lookup by correlation id now finds the order.
  const [landed] = dhanFixture('order-by-correlation-id') as Record<string, unknown>[];
  dhan.lookupAnswers.push(json(200, [{ ...landed, correlationId: key, orderId: '5524060112345' }]));
  try {
    const again = await env.run(() =>
      acts.placeOrder({ account, cycleId, orderKey: key, proposal: buy, validUntil: Date.now() + 60_000 }),
    );
    expect(again).toMatchObject({ orderKey: key, brokerOrderId: '5524060112345', alreadyPlaced: true });
    expect(dhan.placed.length).toBe(sentBefore + 1); // the retry sent nothing
    expect(await orderRow(key)).toMatchObject({ broker_order_id: '5524060112345' });
  } finally {
    dhan.lookupAnswers.length = 0;
  }
});

test.each([
  ['truncated JSON', { status: 200, body: '{"orderId":"55', type: 'application/json' }],
  ['an HTML page with status 200', { status: 200, body: '<html>maintenance</html>' }],
  ['JSON without an order id', json(200, { orderStatus: 'PENDING' })],
])(
  'a 2xx with %s: the order may exist, so it is not REJECTED but retried, and nothing is booked',
  async (_, answer) => {
    const before = { fills: await count('fills'), positions: await count('positions') };
    dhan.placeAnswer = answer;
    const { key, error } = await place();
    expect(error?.message).toMatch(/POST \/orders answered HTTP 200 with an unexpected shape.*the order may exist/);
    expect((error as { retryable?: boolean }).retryable).toBe(true);
    expect(await orderRow(key)).toMatchObject({ status: 'NEW', broker_order_id: null });
    expect({ fills: await count('fills'), positions: await count('positions') }).toEqual(before);
  },
);

test('a 2xx with an unreadable body for an order Dhan did take: the desk finds and records it at once', async () => {
  dhan.placeAnswer = { status: 200, body: '<html>ok</html>' };
  const key = orderKey(account.accountId, marketTime, n);
  const [landed] = dhanFixture('order-by-correlation-id') as Record<string, unknown>[];
  // The first lookup (before sending) finds nothing; the one after the unreadable answer finds the order.
  dhan.lookupAnswers.push(NO_ORDER, json(200, [{ ...landed, correlationId: key, orderId: '5524060199999' }]));
  try {
    const { result, error } = await place();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ orderKey: key, brokerOrderId: '5524060199999' });
    expect(await orderRow(key)).toMatchObject({ broker_order_id: '5524060199999' });
  } finally {
    dhan.lookupAnswers.length = 0;
  }
});
