import { z } from 'zod';
import { timestamp } from './common';
import { workflowRefSchema } from './accounts';

export const systemStatusSchema = z
  .strictObject({
    mode: z.enum(['paper', 'live']),
    marketData: z.string(),
    market: z
      .strictObject({
        clock: z
          .string()
          .meta({ description: 'Whose time: the market-data source (`simulator`, `dhan`), or `wall` if it is down.' }),
        now: timestamp,
        open: z.boolean(),
        phase: z.enum(['closed', 'opening', 'entry', 'no-new-entries', 'square-off']),
        nextTick: timestamp.meta({ description: 'Next 5-minute cycle on the NSE grid.' }),
        nextOpen: timestamp,
      })
      .meta({ description: 'The NSE session at the market time (IST).' }),
    temporal: z.strictObject({ namespace: z.string(), uiUrl: z.string().nullable() }),
    accounts: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        model: z.string(),
        status: z.string().meta({ description: 'As recorded in Postgres.' }),
        workflow: workflowRefSchema.nullable(),
        live: z
          .strictObject({
            status: z.string(),
            riskState: z.string(),
            equity: z.number(),
            dayPnl: z.number(),
            cycles: z.number(),
            nextTick: timestamp.nullable(),
          })
          .nullable()
          .meta({ description: "The workflow's `status` query; null when not running or not answering." }),
      }),
    ),
  })
  .meta({ id: 'SystemStatus' });

export const tradingResultSchema = z
  .strictObject({
    results: z.array(
      z.strictObject({
        accountId: z.string(),
        outcome: z.enum(['started', 'signalled', 'already_running', 'skipped', 'failed']),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'TradingResult', description: 'What happened to each account.' });

export const stopTradingBody = z.strictObject({
  reason: z.string().min(1).max(200).optional(),
  flatten: z.boolean().optional().meta({ description: 'Close open positions first (default true).' }),
});
