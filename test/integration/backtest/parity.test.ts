/**
 * Parity of live and backtest: one account trades a simulated session through the real Temporal
 * workflows (worker, dev server, Postgres, the Dhan simulator over HTTP, rules decider); a backtest
 * then replays the same bars (the simulator's seeded market, read without running it) from the cycle
 * the account joined at. Both must place the same orders (keys, symbols, sides, quantities, fill
 * prices) and end the day with the same equity.
 */
import { QueryTypes } from 'sequelize';
import { loadBars } from '../../../backtest/data';
import { runBacktest, type BacktestRun } from '../../../backtest/engine/run';
import { parseBacktestSpec } from '../../../backtest/spec';
import { accountWorkflowId, ACCOUNT_WORKFLOW_TYPE } from '../../../contracts/workflows';
import { istTime } from '../../../core/time';
import { coreSize, createRulesDecider } from '../../../llm/rules-decider';
import { startTestDesk, type TestDesk } from '../../support/desk';
import { eventually } from '../api/harness';

const DAY = '2026-06-01';
const CLOSE = istTime(DAY, 15, 30);
const SEED = 7;
const ACCOUNT = 'claude';

let desk: TestDesk;
let run: BacktestRun;
let live: { key: string; symbol: string; side: string; quantity: number; price: number }[];
let liveEquity: number;

const rows = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  desk.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

beforeAll(async () => {
  // The afternoon only (keeps the test short): the entries, the exits and the 15:15 square-off.
  desk = await startTestDesk({
    simulator: { market: { kind: 'synthetic', seed: SEED }, clock: { mode: 'stepped', start: `${DAY} 13:30` } },
  });
  await desk.client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
    workflowId: accountWorkflowId(ACCOUNT),
    taskQueue: desk.taskQueue,
    args: [{ accountId: ACCOUNT }],
  });
  await eventually(async () => {
    const [r] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM cycles WHERE account_id = :ACCOUNT AND market_time = :close AND status = 'completed'`,
      { ACCOUNT, close: new Date(CLOSE) },
    );
    return r?.n === 1 ? true : undefined;
  }, 120_000);
  await desk.client.workflow.getHandle(accountWorkflowId(ACCOUNT)).terminate('day over');

  live = (
    await rows<{ key: string; symbol: string; side: string; quantity: number; price: string }>(
      `SELECT o.correlation_id AS key, o.symbol, o.side, f.quantity, f.price
         FROM orders o JOIN fills f ON f.order_id = o.id
        WHERE o.account_id = :ACCOUNT ORDER BY o.correlation_id`,
      { ACCOUNT },
    )
  ).map((r) => ({ ...r, price: Number(r.price) }));
  const [snapshot] = await rows<{ equity: string }>(
    `SELECT equity FROM portfolio_snapshots WHERE account_id = :ACCOUNT AND market_time = :close`,
    { ACCOUNT, close: new Date(CLOSE) },
  );
  liveEquity = Number(snapshot!.equity);
  const [joined] = await rows<{ t: Date }>(`SELECT min(market_time) AS t FROM cycles WHERE account_id = :ACCOUNT`, {
    ACCOUNT,
  });
  const [account] = await rows<{ capital: string }>(
    `SELECT allocated_capital AS capital FROM accounts WHERE id = :ACCOUNT`,
    {
      ACCOUNT,
    },
  );

  const spec = parseBacktestSpec({
    account: desk.config.accounts.find((a) => a.id === ACCOUNT),
    capital: Number(account!.capital),
    from: DAY,
    to: DAY,
    data: `simulator (seed ${SEED})`,
  });
  const bars = await loadBars({ kind: 'simulator', seed: SEED, start: DAY }, spec.account.stocks, DAY, DAY);
  run = await runBacktest({
    spec,
    bars,
    decider: createRulesDecider(coreSize),
    firstCycleAt: new Date(joined!.t).getTime(),
  });
}, 180_000);

afterAll(() => desk?.close());

test('the live session traded (the comparison is not between two empty days)', () => {
  expect(live.length).toBeGreaterThan(0);
});

test('the backtest places the orders the live session placed: same keys, symbols, sides, quantities', () => {
  const mine = run.orders.map((o) => ({ key: o.key, symbol: o.symbol, side: o.side, quantity: o.quantity }));
  expect(mine).toEqual(live.map(({ key, symbol, side, quantity }) => ({ key, symbol, side, quantity })));
});

test('and fills them at the same prices', () => {
  expect(run.orders.map((o) => [o.key, o.price])).toEqual(live.map((o) => [o.key, o.price]));
});

test('the day ends with the same equity', () => {
  expect(run.equity.at(-1)!.equity).toBeCloseTo(liveEquity, 2);
});
