/**
 * A whole simulated trading day for both default accounts, through the real worker, the real
 * Temporal dev server, real Postgres and the Dhan simulator over HTTP, with the rules decider; then
 * the backtester replays the same bars and must place the same orders and end with the same equity.
 */
import { QueryTypes } from 'sequelize';
import { accountWorkflowId, ACCOUNT_WORKFLOW_TYPE, statusQuery } from '../../../contracts/workflows';
import { istTime } from '../../../core/time';
import { DESK_SIMULATOR_SEED, startTestDesk, type TestDesk } from '../../support/desk';
import { liveAndBacktest, type Parity } from '../../support/parity';

const DAY = '2026-06-01';
const CLOSE = istTime(DAY, 15, 30);
let desk: TestDesk;

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const rows = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  desk.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

beforeAll(async () => {
  desk = await startTestDesk();
  for (const accountId of ['claude', 'gpt'])
    await desk.client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
      workflowId: accountWorkflowId(accountId),
      taskQueue: desk.taskQueue,
      args: [{ accountId }],
    });
  // Both accounts reach the day's last bar close (15:30): 75 cycles each.
  await eventually(
    'both accounts to finish the day',
    async () => {
      const [r] = await rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM cycles WHERE market_time = :close AND status = 'completed'`,
        { close: new Date(CLOSE) },
      );
      return r && r.n === 2 ? true : undefined;
    },
    240_000,
  );
}, 300_000);

afterAll(async () => {
  for (const accountId of ['claude', 'gpt'])
    await desk.client.workflow
      .getHandle(accountWorkflowId(accountId))
      .terminate('test over')
      .catch(() => undefined);
  await desk?.close();
});

test('cycles run on the 5-minute grid, once each, from the first bar after the account joined to 15:30 IST', async () => {
  for (const accountId of ['claude', 'gpt']) {
    const cycles = await rows<{ market_time: Date; workflow_id: string; status: string }>(
      `SELECT market_time, workflow_id, status FROM cycles WHERE account_id = :accountId AND market_time <= :close ORDER BY market_time`,
      { accountId, close: new Date(CLOSE) },
    );
    // An account joins the shared simulated market at its current bar (the other account may have
    // moved it on already while this one's first task waited on a busy machine): from then on, no gaps.
    const first = new Date(cycles[0]!.market_time).getTime();
    expect(first).toBeGreaterThanOrEqual(istTime(DAY, 9, 20));
    expect(first).toBeLessThanOrEqual(istTime(DAY, 10, 30));
    const expected = Array.from({ length: (CLOSE - first) / 300_000 + 1 }, (_, i) => first + i * 300_000);
    expect(cycles.map((c) => new Date(c.market_time).getTime())).toEqual(expected);
    expect(cycles.every((c) => c.status === 'completed')).toBe(true);
  }
  const [first] = await rows<{ workflow_id: string }>(
    `SELECT workflow_id FROM cycles ORDER BY market_time, id LIMIT 1`,
  );
  expect(first?.workflow_id).toMatch(/^cycle-(claude|gpt)-20260601-0920$/);
});

test('every cycle recorded its decision, its signals step and its snapshot', async () => {
  const [r] = await rows<{ cycles: number; decided: number; snapshots: number }>(
    `SELECT (SELECT count(*)::int FROM cycles WHERE market_time <= :close) AS cycles,
            (SELECT count(DISTINCT i.cycle_id)::int FROM invocations i JOIN cycles c ON c.id = i.cycle_id WHERE c.market_time <= :close) AS decided,
            (SELECT count(*)::int FROM portfolio_snapshots WHERE market_time <= :close) AS snapshots`,
    { close: new Date(CLOSE) },
  );
  expect(r!.cycles).toBeGreaterThanOrEqual(2 * 60);
  expect(r).toEqual({ cycles: r!.cycles, decided: r!.cycles, snapshots: r!.cycles });
});

test("orders in Postgres are exactly the simulator's orders: none duplicated, none lost", async () => {
  const ours = await rows<{ correlation_id: string; broker_order_id: string | null; status: string }>(
    `SELECT correlation_id, broker_order_id, status FROM orders ORDER BY correlation_id`,
  );
  const theirs = desk.sim.control.orders();
  // Every order at the broker is one of ours (the simulator never had to square off for us at 15:20).
  expect(theirs.filter((o) => !o.correlationId)).toEqual([]);
  const byKey = new Map<string, number>();
  for (const o of theirs) byKey.set(String(o.correlationId), (byKey.get(String(o.correlationId)) ?? 0) + 1);
  expect([...byKey.values()].every((n) => n === 1)).toBe(true);
  expect(
    ours
      .filter((o) => o.broker_order_id !== null)
      .map((o) => o.correlation_id)
      .sort(),
  ).toEqual([...byKey.keys()].sort());
  expect(ours.length).toBeGreaterThan(0);
});

test('every simulator trade is one fill in Postgres', async () => {
  const [r] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM fills`);
  expect(r?.n).toBe(desk.sim.control.trades().length);
});

test('positions are flat after the 15:15 square-off', async () => {
  const snapshots = await rows<{ account_id: string; positions: unknown[] }>(
    `SELECT account_id, positions FROM portfolio_snapshots WHERE market_time = :close`,
    { close: new Date(CLOSE) },
  );
  expect(snapshots).toHaveLength(2);
  for (const s of snapshots) expect(s.positions).toEqual([]);
  const [open] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM positions WHERE quantity <> 0`);
  expect(open?.n).toBe(0);
});

test('each account continued as new at the end of the day and keeps running', async () => {
  for (const accountId of ['claude', 'gpt']) {
    const handle = desk.client.workflow.getHandle(accountWorkflowId(accountId));
    // The last cycle's row is written by its final activity, a moment before the account continues as new.
    const description = await eventually(
      `${accountId} to continue as new`,
      async () => {
        const d = await handle.describe();
        return d.runId !== d.raw.workflowExecutionInfo?.firstRunId ? d : undefined;
      },
      30_000,
    );
    expect(description.status.name).toBe('RUNNING');
    const view = await handle.query(statusQuery);
    expect(view.cycles).toBeGreaterThanOrEqual(60);
    expect(view.status).toBe('running');
  }
});

test('a Web UI list filter finds the cycles of claude that day that placed an order', async () => {
  const placed = await rows<{ workflow_id: string }>(
    `SELECT workflow_id FROM cycles WHERE account_id = 'claude' AND orders_placed > 0 ORDER BY workflow_id`,
  );
  expect(placed.length).toBeGreaterThan(0);
  // The filter a user types in the Web UI's workflow list (visibility catches up within a second or two).
  const query = `WorkflowType = "cycleWorkflow" AND AccountId = "claude" AND OrdersPlaced > 0 AND CycleMarketTime >= "${new Date(istTime(DAY, 9, 15)).toISOString()}"`;
  const listed = await eventually(
    'the visibility store to list every placing cycle',
    async () => {
      const ids: string[] = [];
      for await (const w of desk.client.workflow.list({ query })) ids.push(w.workflowId);
      return ids.length >= placed.length ? ids.sort() : undefined;
    },
    20_000,
  );
  expect(listed).toEqual(placed.map((c) => c.workflow_id));
});

describe.each(['claude', 'gpt'])('parity of live and backtest for %s over the whole day', (accountId) => {
  // The backtester replays the same simulator bars through the same core and decider functions.
  let cached: Promise<Parity> | undefined;
  const parity = () =>
    (cached ??= liveAndBacktest(desk, { accountId, day: DAY, close: CLOSE, seed: DESK_SIMULATOR_SEED }));

  test('the live day traded (the comparison is not between two empty days)', async () => {
    expect((await parity()).live.orders.length).toBeGreaterThan(0);
  });

  test('the backtest places the same orders (keys, symbols, sides, quantities) and fills them at the same prices', async () => {
    const { live, backtest } = await parity();
    expect(
      backtest.orders.map((o) => ({
        key: o.key,
        symbol: o.symbol,
        side: o.side,
        quantity: o.quantity,
        price: o.price,
      })),
    ).toEqual(live.orders);
  });

  test('the day ends with the same equity', async () => {
    const { live, backtest } = await parity();
    expect(backtest.equity.at(-1)!.equity).toBeCloseTo(live.equity, 2);
  });
});
