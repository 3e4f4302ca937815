import { z } from 'zod';
import { accountIdSchema } from '../../contracts/account';
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
