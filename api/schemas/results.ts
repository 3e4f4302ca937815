import { z } from 'zod';
import { accountIdSchema } from '../../contracts/account';
import { SYMBOLS } from '../../core/instruments';
import { paged, pageQuery, rangeIsOrdered, rangeQuery, sideSchema, timestamp } from './common';
import { fillSchema } from './trades';

/* What the accounts achieved: the leaderboard, their round trips and their fills. */

const symbolSchema = z.enum(SYMBOLS as [string, ...string[]]);
const rupees = (description: string) => z.number().meta({ description: `${description}, rupees.` });

const llmCostSchema = z
  .strictObject({
    todayInr: z.number(),
    todayUsd: z.number(),
    totalInr: z.number(),
    totalUsd: z.number(),
  })
  .meta({ id: 'LlmCost', description: "Decisions' LLM cost; today is the IST day of the market time." });

export const leaderboardSchema = z
  .strictObject({
    asOf: timestamp.meta({ description: 'Market time of the answer (the simulator clock in simulator mode).' }),
    today: z.string().meta({ description: 'The IST date "today" refers to, YYYY-MM-DD.' }),
    accounts: z.array(
      z.strictObject({
        accountId: z.string(),
        name: z.string(),
        model: z.string(),
        mode: z.enum(['paper', 'live']),
        status: z.string().meta({ description: 'As recorded in Postgres by the account workflow.' }),
        riskState: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
        allocatedCapital: rupees('Capital allocated to the account'),
        equity: rupees('Latest equity (allocated capital before the first cycle)'),
        returnPct: z.number().meta({ description: 'Equity against allocated capital, in percent.' }),
        realisedPnl: rupees('Realised P&L'),
        unrealisedPnl: rupees('Unrealised P&L of open positions'),
        charges: rupees('Brokerage, taxes and fees paid'),
        maxDrawdown: z.number().meta({ description: 'Deepest fall below the running equity peak, fraction 0..1.' }),
        closedTrades: z.number().int().meta({ description: 'Closed round trips.' }),
        winningTrades: z.number().int().meta({ description: 'Round trips with a positive P&L after charges.' }),
        winRate: z
          .number()
          .nullable()
          .meta({ description: 'Winning / closed round trips, 0..1; null before the first one closes.' }),
        filledOrders: z.number().int(),
        cycles: z.number().int(),
        decisions: z.number().int(),
        llmCost: llmCostSchema,
        lastSnapshotAt: timestamp.nullable().meta({ description: 'Market time of the latest snapshot.' }),
      }),
    ),
  })
  .meta({ id: 'Leaderboard', description: 'Every account side by side, for the arena view.' });

export const closedTradeSchema = z
  .strictObject({
    id: z.number().int(),
    accountId: z.string(),
    symbol: z.string(),
    direction: z.enum(['LONG', 'SHORT']),
    quantity: z.number().int(),
    entryPrice: z.number(),
    exitPrice: z.number(),
    openedAt: timestamp,
    closedAt: timestamp,
    grossPnl: z.number(),
    charges: z.number(),
    netPnl: z.number().meta({ description: 'Gross P&L minus charges, rupees.' }),
    exitOrderKey: z.string().meta({ description: 'Correlation id of the order whose fill closed it.' }),
    strategy: z.string().nullable(),
  })
  .meta({ id: 'ClosedTrade', description: 'A round trip: a position opened and closed by fills.' });

export const closedTradeListQuery = z
  .strictObject({
    account: accountIdSchema.optional(),
    symbol: symbolSchema.optional(),
    ...rangeQuery,
    ...pageQuery,
  })
  .superRefine(rangeIsOrdered);

export const closedTradeListSchema = paged(closedTradeSchema, 'ClosedTradeList');

export const fillListQuery = z
  .strictObject({
    account: accountIdSchema.optional(),
    symbol: symbolSchema.optional(),
    side: sideSchema.optional(),
    ...rangeQuery,
    ...pageQuery,
  })
  .superRefine(rangeIsOrdered);

export const fillListSchema = paged(fillSchema, 'FillList');
