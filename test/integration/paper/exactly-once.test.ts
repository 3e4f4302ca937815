/**
 * Exactly-once paper orders under concurrency: the same correlation id placed from many concurrent
 * calls, and from two PaperBroker instances with their own connection pools on one database, gives
 * one order and one execution; concurrent orders never spend the same paper funds twice; two
 * brokers matching one resting order fill it once.
 */
import { type OrderIntent, type PlaceOrderResult } from '../../../broker/broker';
import { PaperBroker } from '../../../broker/paper';
import { istTime } from '../../../core/time';
import { openDatabase, type Database } from '../../../db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { FakeMarketData, minuteBar } from './fake-data';

const at = (hour: number, minute: number) => istTime('2026-06-19', hour, minute);

let db: TestDatabase;
let other: Database;
let data: FakeMarketData;
let now: number;

const brokerOn = (database: Database, capital = 1_000_000) =>
  new PaperBroker({ sequelize: database.sequelize, data, capital, now: () => now });

const intent: OrderIntent = {
  correlationId: 'claude-260619-0930-0',
  symbol: 'INFY',
  side: 'BUY',
  quantity: 5,
  orderType: 'MARKET',
  product: 'INTRADAY',
};

const rows = (sql: string) => db.sequelize.query<Record<string, unknown>>(sql, { type: 'SELECT' as never });

beforeEach(async () => {
  db = await createTestDatabase();
  other = openDatabase(db.url, { poolMax: 4 });
  data = new FakeMarketData();
  data.prices.INFY = 1500;
  now = at(9, 30);
});

afterEach(async () => {
  await other.close();
  await db.drop();
});

function expectOneOrder(results: readonly PlaceOrderResult[]): void {
  expect(results.filter((r) => !r.alreadyExisted)).toHaveLength(1);
  expect(new Set(results.map((r) => r.order.orderId)).size).toBe(1);
  expect(results.every((r) => r.order.status === 'TRADED')).toBe(true);
}

test('ten concurrent placements of one correlation id make one order and one execution', async () => {
  const broker = brokerOn(db);
  const results = await Promise.all(Array.from({ length: 10 }, () => broker.placeOrder(intent)));
  expectOneOrder(results);
  expect(await rows('SELECT correlation_id FROM paper_orders')).toEqual([{ correlation_id: intent.correlationId }]);
  expect(await rows('SELECT order_id FROM paper_trades')).toHaveLength(1);
});

test('two brokers on the same database, each with its own pool, make one order between them', async () => {
  const [a, b] = [brokerOn(db), brokerOn(other)];
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).placeOrder(intent)));
  expectOneOrder(results);
  expect(await rows('SELECT id FROM paper_orders')).toHaveLength(1);
  expect(await rows('SELECT id FROM paper_trades')).toHaveLength(1);
});

test('concurrent different orders never spend the same funds twice', async () => {
  // 100 000 buys 66 INFY at ~1500.45: two orders of 40 cannot both pass the funds check.
  const [a, b] = [brokerOn(db, 100_000), brokerOn(other, 100_000)];
  const results = await Promise.all(
    ['one', 'two', 'three', 'four'].map((id, i) =>
      (i % 2 ? a : b).placeOrder({ ...intent, correlationId: id, quantity: 40 }),
    ),
  );
  expect(results.map((r) => r.order.status).sort()).toEqual(['REJECTED', 'REJECTED', 'REJECTED', 'TRADED']);
  expect((await a.funds()).available).toBeGreaterThan(0);
});

test('two brokers matching the same resting order fill it once', async () => {
  const [a, b] = [brokerOn(db), brokerOn(other)];
  const { order } = await a.placeOrder({ ...intent, orderType: 'LIMIT', price: 1490 });
  expect(order.status).toBe('PENDING');
  data.setBars('INFY', '1m', [minuteBar(at(9, 31), 1499, 1500, 1488, 1491)]);
  now = at(9, 40);
  const seen = await Promise.all([a.sync(), b.sync(), a.getOrder(order.orderId), b.trades(order.orderId)]);
  expect(seen[2]).toMatchObject({ status: 'TRADED', averagePrice: 1490 });
  expect(await rows('SELECT price FROM paper_trades')).toEqual([{ price: 1490 }]);
});
