/**
 * The real desk in paper mode on "Dhan" market data (MARKET_DATA=dhan), where Dhan is the simulator's
 * HTTP API at DHAN_BASE_URL, used only as a data source: the real worker, Temporal dev server and
 * Postgres run an account's cycles on the simulator's stepped clock; its orders go to the paper
 * broker's tables, and the simulator's own order book stays empty.
 */
import { QueryTypes } from 'sequelize';
import { loadConfig } from '../../../config';
import {
  accountWorkflowId,
  ACCOUNT_WORKFLOW_TYPE,
  executeTradeUpdate,
  statusQuery,
} from '../../../contracts/workflows';
import { cycleWorkflowId } from '../../../contracts/orders';
import { immediateMarketFill } from '../../../core/fills';
import { istTime } from '../../../core/time';
import { createLogger } from '../../../platform/logger';
import { createTradingWorker, type TradingWorker } from '../../../workers/create-worker';
import { simulatorClock } from '../../../workers/market-clock';
import { SIMULATOR_ACCESS_TOKEN, SIMULATOR_CLIENT_ID, simulatorUrls } from '../../../workers/simulator';
import { requiredTestEnv, TEST_ENV } from '../../setup/test-env';
import { startTestDesk, workflowBundle, type TestDesk } from '../../support/desk';

const DAY = '2026-06-01';
const ACCOUNT = 'paperdesk';
const env = {
  TICK_SECONDS: '0.05',
  LOG_LEVEL: 'silent',
  ACCOUNTS: JSON.stringify([
    { id: ACCOUNT, model: 'test/rules', capitalSharePct: 50, stocks: ['RELIANCE', 'TCS'], strategies: ['vwap', 'ema'] },
  ]),
};

let desk: TestDesk;
let worker: TradingWorker;

const rows = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  desk.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const lastMarketTime = async () =>
  (await desk.client.workflow.getHandle(accountWorkflowId(ACCOUNT)).query(statusQuery)).lastCycle?.marketTime ?? 0;

beforeAll(async () => {
  // The desk's database, Temporal task queue and simulator, without its simulator-mode worker.
  desk = await startTestDesk({ env, inProcessWorker: false });
  const config = loadConfig({
    ...env,
    TEMPORAL_TASK_QUEUE: desk.taskQueue,
    TRADING_MODE: 'paper',
    MARKET_DATA: 'dhan',
    DHAN_BASE_URL: desk.sim.url,
    DHAN_CLIENT_ID: SIMULATOR_CLIENT_ID,
    DHAN_ACCESS_TOKEN: SIMULATOR_ACCESS_TOKEN,
  });
  worker = await createTradingWorker({
    config,
    databaseUrl: desk.db.url,
    temporal: { address: requiredTestEnv(TEST_ENV.temporalAddress), namespace: desk.namespace },
    log: createLogger('silent'),
    workflowBundle: { code: (await workflowBundle()).code },
    taskQueue: desk.taskQueue,
    market: {
      clock: simulatorClock(simulatorUrls(desk.sim.url).control),
      spec: { kind: 'simulated', tickMs: config.trading.simulatedTickMs },
    },
  });
  const handle = await desk.client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
    workflowId: accountWorkflowId(ACCOUNT),
    taskQueue: desk.taskQueue,
    args: [{ accountId: ACCOUNT }],
  });
  // New entries open at 09:30: trade by hand once past it, then let the account run to 09:50.
  await eventually('cycles past 09:35', async () =>
    (await lastMarketTime()) >= istTime(DAY, 9, 35) ? true : undefined,
  );
  const manual = await handle.executeUpdate(executeTradeUpdate, {
    args: [{ idempotencyKey: 'paper-desk-0001', symbol: 'TCS', side: 'BUY', quantity: 3, stopLoss: 1, reason: 'test' }],
  });
  expect(manual.verdict).not.toBe('reject');
  await eventually('cycles past 09:50', async () =>
    (await lastMarketTime()) >= istTime(DAY, 9, 50) ? true : undefined,
  );
}, 120_000);

afterAll(async () => {
  await desk?.client.workflow
    .getHandle(accountWorkflowId(ACCOUNT))
    .terminate('test over')
    .catch(() => undefined);
  await worker?.shutdown().catch(() => undefined);
  await desk?.close();
});

test('cycles run on the 5-minute grid and complete, 09:20 to 09:50 IST', async () => {
  const ids = Array.from({ length: 7 }, (_, i) => cycleWorkflowId(ACCOUNT, istTime(DAY, 9, 20) + i * 300_000));
  const cycles = await rows<{ workflow_id: string; status: string }>(
    'SELECT workflow_id, status FROM cycles WHERE workflow_id IN (:ids) ORDER BY market_time',
    { ids },
  );
  expect(cycles.map((c) => [c.workflow_id, c.status])).toEqual(ids.map((id) => [id, 'completed']));
});

test("every order the desk sent is a paper order, and the simulator's own order book is empty", async () => {
  const ours = await rows<{ correlation_id: string; broker_order_id: string; status: string }>(
    'SELECT correlation_id, broker_order_id, status FROM orders WHERE broker_order_id IS NOT NULL ORDER BY id',
  );
  const paper = await rows<{ correlation_id: string; id: number; status: string }>(
    'SELECT correlation_id, id, status FROM paper_orders ORDER BY id',
  );
  expect(ours.length).toBeGreaterThan(0);
  expect(ours.map((o) => [o.correlation_id, o.broker_order_id, o.status])).toEqual(
    paper.map((p) => [p.correlation_id, `paper-${p.id}`, p.status]),
  );
  expect(ours.some((o) => o.status === 'TRADED')).toBe(true);
  expect(desk.sim.control.orders()).toEqual([]);
  expect(desk.sim.control.trades()).toEqual([]);
});

test('each paper execution was booked once into the account, with its price and the cost model', async () => {
  const fills = await rows<{ trade_id: string; price: number; quantity: number }>(
    'SELECT trade_id, price, quantity FROM fills ORDER BY trade_id',
  );
  const trades = await rows<{ id: number; price: number; quantity: number }>(
    'SELECT id, price, quantity FROM paper_trades ORDER BY id',
  );
  expect(fills.map((f) => [f.trade_id, f.price, f.quantity]).sort()).toEqual(
    trades.map((t) => [`paper-trade-${t.id}`, t.price, t.quantity]).sort(),
  );
});

test('"Dhan" served only market data: no request ever reached an order, trade, position or fund endpoint', () => {
  const paths = new Set(
    desk.sim.control.requests().map((r) => `${r.method} ${r.path.replace(/\/[^/]*\d[^/]*$/, '/…')}`),
  );
  expect([...paths].filter((p) => !/^POST \/(charts\/intraday|marketfeed\/quote)$/.test(p))).toEqual([]);
  expect(paths).toContain('POST /marketfeed/quote');
});

test('the manual trade filled at the simulated market price of its time, plus half the spread and the slippage', async () => {
  const [order] = await rows<{ created_at: Date; average_price: number; status: string }>(
    'SELECT created_at, average_price, status FROM paper_orders WHERE correlation_id LIKE :key',
    { key: `${ACCOUNT}-m-%` },
  );
  expect(order?.status).toBe('TRADED');
  const lastPrice = desk.sim.control.simulator.market.lastPrice('TCS', new Date(order!.created_at).getTime());
  const expected = immediateMarketFill('BUY', lastPrice!, 0, { tickSize: 0.1, spreadBps: 2, slippageBps: 1 }).price;
  expect(order!.average_price).toBe(expected);
});
