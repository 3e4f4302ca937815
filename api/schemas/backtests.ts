import { z } from 'zod';
import { CSV_FOLDER_NAME } from '../../backtest/csv-folder-name';
import { accountIdSchema, accountSpecSchema } from '../../contracts/account';
import { workflowRefSchema } from './accounts';
import { paged, pageQuery, timestamp } from './common';

/* Backtests: runs of an account's strategies and decider over past sessions, with their results. */

const statusSchema = z.enum(['running', 'completed', 'failed']);

export const backtestSummarySchema = z
  .strictObject({
    id: z.number().int(),
    runKey: z.string().meta({ description: 'Business key of the run (Temporal workflow id or CLI run id).' }),
    name: z.string().nullable(),
    accountId: z.string(),
    status: statusSchema,
    fromDate: z.string().meta({ description: 'First IST session, YYYY-MM-DD.' }),
    toDate: z.string().meta({ description: 'Last IST session, YYYY-MM-DD.' }),
    decider: z.string().meta({ description: '`rules` or the LLM model id.' }),
    data: z.string().meta({ description: 'Where the bars came from.' }),
    progress: z.number().meta({ description: 'Share of the cycles done, 0–1.' }),
    cycles: z.number().int().nullable(),
    orders: z.number().int().nullable(),
    tradesCount: z.number().int().nullable(),
    netPnl: z.number().nullable().meta({ description: 'Rupees, after charges.' }),
    totalReturn: z.number().nullable().meta({ description: 'A fraction (0.05 = 5 %).' }),
    sharpe: z.number().nullable().meta({ description: 'Annualised Sharpe ratio of daily returns.' }),
    maxDrawdown: z.number().nullable().meta({ description: 'A fraction ≤ 0.' }),
    error: z.string().nullable(),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'BacktestSummary' });

const ratio = z.number().nullable();

export const backtestMetricsSchema = z
  .strictObject({
    startEquity: z.number(),
    endEquity: z.number(),
    netPnl: z.number(),
    totalReturn: z.number(),
    cagr: ratio.meta({ description: 'Years = sessions / 248.' }),
    sessions: z.number().int(),
    sharpe: ratio.meta({ description: 'Daily returns, sample std, × √248, r_f = 0.' }),
    sortino: ratio.meta({ description: 'Daily returns, downside over all days, × √248.' }),
    maxDrawdown: z.number().meta({ description: 'A fraction ≤ 0, on the equity after every cycle.' }),
    longestUnderwaterCycles: z.number().int(),
    calmar: ratio,
    trades: z.number().int(),
    wins: z.number().int(),
    losses: z.number().int(),
    winRate: ratio.meta({ description: 'Trades with P&L > 0 over all trades.' }),
    profitFactor: ratio.meta({ description: 'Null without a losing trade (∞) or without trades.' }),
    expectancy: ratio.meta({ description: 'Mean net P&L per trade, rupees.' }),
    expectancyR: ratio,
    averageWin: ratio,
    averageLoss: ratio,
    exposure: z.number().meta({ description: 'Share of cycles that ended with an open position.' }),
    meanDeployed: z.number(),
    orders: z.number().int(),
    charges: z.number(),
    llm: z.strictObject({ calls: z.number().int(), tokens: z.number().int(), costInr: z.number() }),
  })
  .meta({ id: 'BacktestMetrics', description: 'As defined in the backtesting notes (strategies.md §3).' });

export const backtestTradeSchema = z
  .strictObject({
    symbol: z.string(),
    direction: z.enum(['LONG', 'SHORT']),
    quantity: z.number().int(),
    openedAt: timestamp,
    closedAt: timestamp,
    entryPrice: z.number(),
    exitPrice: z.number(),
    stopLoss: z.number().nullable(),
    grossPnl: z.number(),
    charges: z.number(),
    netPnl: z.number(),
    rMultiple: z.number().nullable(),
    strategy: z.string().nullable(),
    exitOrderKey: z.string(),
  })
  .meta({ id: 'BacktestTrade' });

export const backtestSchema = backtestSummarySchema
  .extend({
    bars: z.number().int().nullable(),
    spec: z.record(z.string(), z.unknown()).meta({ description: 'The backtest spec as run.' }),
    metrics: backtestMetricsSchema.nullable(),
    dailyEquity: z.array(z.strictObject({ date: z.string(), equity: z.number() })).nullable(),
    equityCurve: z
      .array(z.strictObject({ time: timestamp, equity: z.number(), drawdown: z.number() }))
      .nullable()
      .meta({ description: 'Equity after the cycles (at most about 2,000 points), drawdown as a fraction ≤ 0.' }),
    trades: z.array(backtestTradeSchema).nullable(),
    warnings: z.array(z.string()).nullable(),
    summary: z.string().nullable().meta({ description: 'The summary the command line printed.' }),
    files: z
      .strictObject({ dir: z.string(), tradesCsv: z.string(), chartPng: z.string(), html: z.string() })
      .nullable()
      .meta({ description: 'Where the run wrote its trades CSV, chart PNG and HTML report.' }),
  })
  .meta({ id: 'Backtest', description: 'A backtest with its spec, metrics, equity curves and trades.' });

export const backtestListQuery = z.strictObject({
  account: accountIdSchema.optional(),
  status: statusSchema.optional(),
  ...pageQuery,
});

export const backtestListSchema = paged(backtestSummarySchema, 'BacktestList');

/* Starting a backtest as a Temporal workflow, and following it. */

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD (IST)');

export const backtestDataBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('simulator'),
      seed: z.number().int().optional().meta({ description: 'Default: SIMULATOR_SEED.' }),
      start: dateKey.optional().meta({ description: "The synthetic market's first day (default: `from`)." }),
    }),
    z.strictObject({ kind: z.literal('db').meta({ description: "The desk's candles table." }) }),
    z.strictObject({
      kind: z.literal('csv'),
      folder: z
        .string()
        .regex(CSV_FOLDER_NAME, 'a folder name under BACKTEST_CSV_ROOT (letters, digits, . _ -), not a path')
        .meta({ description: 'A sub-folder of the CSV root configured on the desk, e.g. `nse`.' }),
    }),
  ])
  .meta({ id: 'BacktestDataSource', description: 'Where the worker reads the bars: never a client-chosen path.' });

const deciderBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rules') }),
  z.strictObject({
    kind: z.literal('llm'),
    model: z.string().min(1).max(100).optional().meta({ description: "Default: the account's model." }),
    promptVersion: z.string().min(1).max(32).optional(),
    maxTokens: z.number().int().positive().optional().meta({ description: 'Default 2,000,000.' }),
    maxInr: z.number().positive().optional().meta({ description: 'Rupees; default 500.' }),
    whenExhausted: z.enum(['rules', 'hold']).optional(),
  }),
]);

export const startBacktestBody = z
  .strictObject({
    account: accountIdSchema.meta({ description: 'The account whose stocks, strategies and risk limits run.' }),
    from: dateKey.meta({ description: 'First IST session.' }),
    to: dateKey.meta({ description: 'Last IST session (inclusive).' }),
    data: backtestDataBody,
    decider: deciderBody.default({ kind: 'rules' }),
    stocks: accountSpecSchema.shape.stocks.optional().meta({ description: "Default: the account's." }),
    strategies: accountSpecSchema.shape.strategies.optional().meta({ description: "Default: the account's." }),
    capital: z.number().positive().optional().meta({ description: "Rupees; default: the account's allocation." }),
    analysis: z.enum(['stream', 'window']).optional(),
    name: z.string().min(1).max(100).optional(),
  })
  .meta({ id: 'BacktestRequest' });
export type StartBacktestBody = z.output<typeof startBacktestBody>;

export const backtestRunParams = z.strictObject({
  runKey: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, 'a run key (the workflow id)')
    .meta({ description: 'The run key (workflow id) POST /api/backtests answered.' }),
});

export const backtestStartedSchema = z
  .strictObject({
    runKey: z.string().meta({ description: 'The workflow id, derived from the Idempotency-Key.' }),
    started: z.boolean().meta({ description: 'False: a retry; the run this key started earlier is reported.' }),
    workflow: workflowRefSchema,
    links: z.strictObject({
      self: z.string().meta({ description: 'Progress, then the stored backtest: GET this.' }),
      cancel: z.string(),
    }),
  })
  .meta({ id: 'BacktestStarted' });

export const backtestRunSchema = z
  .strictObject({
    runKey: z.string(),
    workflow: workflowRefSchema.nullable().meta({ description: 'Null when Temporal no longer has the run.' }),
    progress: z
      .strictObject({
        attempt: z.number().int(),
        done: z.number().int().meta({ description: 'Cycles replayed.' }),
        total: z.number().int().nullable(),
        fraction: z.number().nullable().meta({ description: 'done / total, 0–1.' }),
        marketTime: timestamp.nullable().meta({ description: 'Market time of the last cycle replayed.' }),
      })
      .nullable()
      .meta({ description: "The running attempt's last heartbeat." }),
    error: z.string().nullable().meta({ description: 'Why a failed run failed.' }),
    backtest: backtestSummarySchema.nullable().meta({ description: 'The stored backtest, once the run recorded it.' }),
  })
  .meta({ id: 'BacktestRun' });

export const backtestIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 characters of A-Z a-z 0-9 _ -, unique per intended backtest')
    .meta({ description: 'Repeat the same key to retry safely: the backtest starts at most once.' }),
});
