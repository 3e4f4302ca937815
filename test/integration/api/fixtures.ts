import { QueryTypes } from 'sequelize';
import { type TestDatabase } from '../../support/database';

/*
 * Rows as the workers write them, inserted directly for the read routes, the event stream and the
 * metrics. Each helper returns the new row's id.
 */

async function insert(db: TestDatabase, sql: string, replacements: Record<string, unknown>): Promise<number> {
  const rows = await db.sequelize.query<{ id: number }>(`${sql} RETURNING id`, {
    replacements,
    type: QueryTypes.SELECT,
  });
  return rows[0]!.id;
}

export function insertCycle(
  db: TestDatabase,
  c: {
    accountId: string;
    marketTime: string;
    status?: string;
    startedAt?: string;
    finishedAt?: string | null;
    runId?: string | null;
  },
): Promise<number> {
  return insert(
    db,
    `INSERT INTO cycles (account_id, workflow_id, run_id, market_time, started_at, finished_at, status, step_timings,
                         decision, orders_placed, created_at, updated_at)
     VALUES (:accountId, :workflowId, :runId, :marketTime, :startedAt, :finishedAt, :status, '{"decide": 1200}',
             'hold', 0, now(), now())`,
    {
      accountId: c.accountId,
      workflowId: `cycle-${c.accountId}-${c.marketTime}`,
      runId: c.runId === undefined ? 'run-1' : c.runId,
      marketTime: c.marketTime,
      startedAt: c.startedAt ?? c.marketTime,
      finishedAt: c.finishedAt === undefined ? null : c.finishedAt,
      status: c.status ?? 'completed',
    },
  );
}

export function insertInvocation(
  db: TestDatabase,
  i: {
    accountId: string;
    cycleId?: number | null;
    key: string;
    decider?: string;
    model?: string;
    inputTokens?: number;
    outputTokens?: number;
    costUsd?: number;
    costInr?: number;
    latencyMs?: number;
    createdAt?: string;
  },
): Promise<number> {
  return insert(
    db,
    `INSERT INTO invocations (invocation_key, account_id, cycle_id, decider, model, prompt_version, messages, tools,
                              tool_calls, input_tokens, output_tokens, cost_usd, cost_inr, latency_ms, created_at)
     VALUES (:key, :accountId, :cycleId, :decider, :model, 'v1', CAST(:messages AS jsonb), '[]',
             CAST(:toolCalls AS jsonb), :inputTokens, :outputTokens, :costUsd, :costInr, :latencyMs, :createdAt)`,
    {
      key: i.key,
      accountId: i.accountId,
      cycleId: i.cycleId ?? null,
      decider: i.decider ?? 'llm',
      model: i.model ?? 'anthropic/claude-3.5-sonnet',
      messages: JSON.stringify([{ role: 'user', content: 'RELIANCE above VWAP' }]),
      toolCalls: JSON.stringify([{ name: 'buy_stock', arguments: { symbol: 'RELIANCE', quantity: 5 } }]),
      inputTokens: i.inputTokens ?? 1000,
      outputTokens: i.outputTokens ?? 100,
      costUsd: i.costUsd ?? 0.01,
      costInr: i.costInr ?? 0.84,
      latencyMs: i.latencyMs ?? 1500,
      createdAt: i.createdAt ?? new Date().toISOString(),
    },
  );
}

export function insertOrder(
  db: TestDatabase,
  o: { accountId: string; key: string; cycleId?: number | null; status?: string; symbol?: string; quantity?: number },
): Promise<number> {
  return insert(
    db,
    `INSERT INTO orders (correlation_id, account_id, cycle_id, symbol, side, quantity, order_type, product, status,
                         source, reason, created_at, updated_at)
     VALUES (:key, :accountId, :cycleId, :symbol, 'BUY', :quantity, 'MARKET', 'INTRADAY', :status, 'llm',
             'fixture', now(), now())`,
    {
      key: o.key,
      accountId: o.accountId,
      cycleId: o.cycleId ?? null,
      symbol: o.symbol ?? 'RELIANCE',
      quantity: o.quantity ?? 5,
      status: o.status ?? 'PENDING',
    },
  );
}

export function insertFill(
  db: TestDatabase,
  f: { orderId: number; accountId: string; quantity: number; price: number },
) {
  return insert(
    db,
    `INSERT INTO fills (order_id, trade_id, account_id, symbol, side, quantity, price, total_charges, filled_at)
     VALUES (:orderId, :tradeId, :accountId, 'RELIANCE', 'BUY', :quantity, :price, 1.5, now())`,
    { ...f, tradeId: `t-${f.orderId}-${f.quantity}` },
  );
}

export function insertRiskEvent(
  db: TestDatabase,
  r: { accountId: string; key: string; rule: string; verdict: string; cycleId?: number | null },
): Promise<number> {
  return insert(
    db,
    `INSERT INTO risk_events (event_key, account_id, cycle_id, rule, verdict, detail, proposal, market_time)
     VALUES (:key, :accountId, :cycleId, :rule, :verdict, 'fixture', '{"symbol": "RELIANCE"}', now())`,
    { ...r, cycleId: r.cycleId ?? null },
  );
}

export function insertSnapshot(
  db: TestDatabase,
  s: { accountId: string; marketTime: string; cash: number; equity: number; peak?: number; drawdown?: number },
): Promise<number> {
  return insert(
    db,
    `INSERT INTO portfolio_snapshots (account_id, market_time, cash, equity, realised_pnl, unrealised_pnl, charges,
                                      peak_equity, drawdown)
     VALUES (:accountId, :marketTime, :cash, :equity, 0, 0, 0, :peak, :drawdown)`,
    { ...s, peak: s.peak ?? s.equity, drawdown: s.drawdown ?? 0 },
  );
}

export async function insertPosition(
  db: TestDatabase,
  p: { accountId: string; symbol: string; quantity: number; avgPrice: number },
): Promise<void> {
  await db.sequelize.query(
    `INSERT INTO positions (account_id, symbol, quantity, avg_price, created_at, updated_at)
     VALUES (:accountId, :symbol, :quantity, :avgPrice, now(), now())`,
    { replacements: p },
  );
}

export function insertSignal(db: TestDatabase, s: { accountId: string; cycleId: number; marketTime: string }) {
  return insert(
    db,
    `INSERT INTO signals (account_id, cycle_id, symbol, strategy, timeframe, kind, side, strength, entry, stop, reason,
                          market_time)
     VALUES (:accountId, :cycleId, 'RELIANCE', 'vwap', '5m', 'entry', 'BUY', 0.8, 1400, 1395, 'above VWAP', :marketTime)`,
    s,
  );
}

export function insertClosedTrade(
  db: TestDatabase,
  t: { accountId: string; symbol: string; netPnl: number; closedAt: string; seq: number },
) {
  return insert(
    db,
    `INSERT INTO closed_trades (account_id, symbol, direction, quantity, entry_price, exit_price, opened_at, closed_at,
                                gross_pnl, charges, net_pnl, exit_order_key, fill_seq, strategy)
     VALUES (:accountId, :symbol, 'LONG', 10, 100, 100, :closedAt, :closedAt, :gross, 20, :netPnl, :key, :seq, 'vwap')`,
    { ...t, gross: t.netPnl + 20, key: `${t.accountId}-x${t.seq}` },
  );
}
