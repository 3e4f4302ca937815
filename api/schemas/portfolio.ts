import { z } from 'zod';
import { accountIdSchema } from '../../contracts/account';
import { queryTime, rangeIsOrdered, timestamp } from './common';

export const performanceQuery = z
  .strictObject({
    from: queryTime.optional(),
    to: queryTime.optional(),
    account: accountIdSchema.optional(),
    points: z.coerce
      .number()
      .int()
      .min(2)
      .max(5000)
      .default(500)
      .meta({ description: 'Most points per account; longer series are thinned evenly (the newest is kept).' }),
  })
  .superRefine(rangeIsOrdered);

const equityPoint = z
  .strictObject({ time: timestamp, equity: z.number(), cash: z.number(), drawdown: z.number() })
  .meta({ id: 'EquityPoint' });

export const performanceSchema = z
  .strictObject({
    accounts: z.array(
      z.strictObject({
        accountId: z.string(),
        name: z.string(),
        model: z.string(),
        allocatedCapital: z.number(),
        equity: z.number().meta({ description: 'Latest equity (allocated capital before the first cycle).' }),
        returnPct: z.number().meta({ description: 'Latest equity against allocated capital, in percent.' }),
        points: z.array(equityPoint),
      }),
    ),
  })
  .meta({ id: 'Performance', description: 'Equity time series of every account, for the leaderboard chart.' });

export const portfolioParams = z.strictObject({ accountId: accountIdSchema });

export const portfolioSchema = z
  .strictObject({
    accountId: z.string(),
    name: z.string(),
    model: z.string(),
    mode: z.enum(['paper', 'live']),
    status: z.string(),
    riskState: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    riskLimits: z.record(z.string(), z.unknown()),
    allocatedCapital: z.number(),
    asOf: timestamp.nullable().meta({ description: 'Market time of the snapshot; null before the first cycle.' }),
    cash: z.number(),
    equity: z.number(),
    realisedPnl: z.number(),
    unrealisedPnl: z.number(),
    charges: z.number(),
    totalPnl: z.number().meta({ description: 'Equity minus allocated capital, rupees.' }),
    returnPct: z.number(),
    dayPnl: z.number().meta({ description: "Equity change since the previous IST session's last snapshot." }),
    peakEquity: z.number(),
    drawdown: z.number().meta({ description: 'Fraction below the peak, 0..1.' }),
    positions: z.array(
      z.strictObject({
        symbol: z.string(),
        quantity: z.number().int().meta({ description: 'Negative: intraday short.' }),
        avgPrice: z.number(),
        realisedPnl: z.number(),
        stopLoss: z.number().nullable(),
        takeProfit: z.number().nullable(),
        strategy: z.string().nullable(),
        openedAt: timestamp.nullable(),
      }),
    ),
  })
  .meta({ id: 'Portfolio' });
