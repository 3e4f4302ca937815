import { z } from 'zod';
import { accountIdSchema } from '../../contracts/account';
import { SYMBOLS } from '../../core/instruments';
import { paged, pageQuery, rangeIsOrdered, rangeQuery, sideSchema, timestamp } from './common';
import { riskEventSchema } from './risk-events';

const symbolSchema = z.enum(SYMBOLS as [string, ...string[]]);
const ORDER_STATUSES = ['NEW', 'TRANSIT', 'PENDING', 'PART_TRADED', 'TRADED', 'REJECTED', 'CANCELLED', 'EXPIRED'];
const ORDER_SOURCES = ['llm', 'rules', 'manual', 'squareoff', 'risk'];

export const tradeSchema = z
  .strictObject({
    id: z.number().int(),
    correlationId: z.string().meta({ description: 'Idempotency key of the order, also sent to the broker.' }),
    brokerOrderId: z.string().nullable(),
    accountId: z.string(),
    cycleId: z.number().int().nullable(),
    symbol: z.string(),
    side: sideSchema,
    quantity: z.number().int(),
    orderType: z.string(),
    product: z.string(),
    price: z.number().nullable(),
    triggerPrice: z.number().nullable(),
    stopLoss: z.number().nullable(),
    takeProfit: z.number().nullable(),
    status: z.string(),
    filledQuantity: z.number().int(),
    averagePrice: z.number().nullable(),
    rejectionReason: z.string().nullable(),
    source: z.string().meta({ description: 'Who wanted it: llm, rules, manual, squareoff or risk.' }),
    strategy: z.string().nullable(),
    reason: z.string(),
    placedAt: timestamp.nullable(),
    completedAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Trade', description: 'An order the desk placed (or tried to), with its current status.' });

export const fillSchema = z
  .strictObject({
    id: z.number().int(),
    orderId: z.number().int(),
    tradeId: z.string(),
    accountId: z.string(),
    symbol: z.string(),
    side: sideSchema,
    quantity: z.number().int(),
    price: z.number(),
    brokerage: z.number(),
    stt: z.number(),
    exchangeCharge: z.number(),
    sebiFee: z.number(),
    stampDuty: z.number(),
    gst: z.number(),
    totalCharges: z.number(),
    filledAt: timestamp,
    createdAt: timestamp,
  })
  .meta({ id: 'Fill', description: 'One execution of an order, with its itemised Indian charges (rupees).' });

export const tradeListQuery = z
  .strictObject({
    account: accountIdSchema.optional().meta({ description: 'Account id.' }),
    symbol: symbolSchema.optional(),
    side: sideSchema.optional(),
    status: z.enum(ORDER_STATUSES as [string, ...string[]]).optional(),
    source: z.enum(ORDER_SOURCES as [string, ...string[]]).optional(),
    ...rangeQuery,
    ...pageQuery,
  })
  .superRefine(rangeIsOrdered);

export const tradeListSchema = paged(tradeSchema, 'TradeList');

export const tradeParams = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,30}$/, 'a numeric trade id or an order correlation id (1–30 of A-Z a-z 0-9 _ -)')
    .meta({ description: 'Numeric id, or the order correlation id.' }),
});

export const tradeDetailSchema = z
  .strictObject({
    trade: tradeSchema,
    fills: z.array(fillSchema),
    riskEvents: z.array(riskEventSchema),
  })
  .meta({ id: 'TradeDetail' });

const positivePrice = z.number().positive().max(1e7);
const PRICED = ['LIMIT', 'STOP_LOSS'];
const TRIGGERED = ['STOP_LOSS', 'STOP_LOSS_MARKET'];

export const manualTradeBody = z
  .strictObject({
    accountId: accountIdSchema,
    symbol: symbolSchema,
    side: sideSchema,
    quantity: z.number().int().positive().max(100_000).meta({ description: 'Whole shares.' }),
    orderType: z.enum(['MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LOSS_MARKET']).default('MARKET'),
    product: z.enum(['INTRADAY', 'CNC']).default('INTRADAY'),
    price: positivePrice.optional().meta({ description: 'Limit price (LIMIT, STOP_LOSS).' }),
    triggerPrice: positivePrice.optional().meta({ description: 'Trigger price (STOP_LOSS, STOP_LOSS_MARKET).' }),
    stopLoss: positivePrice.optional(),
    takeProfit: positivePrice.optional(),
    reason: z.string().min(1).max(500).default('manual trade through the API'),
  })
  .superRefine((t, ctx) => {
    const needsPrice = PRICED.includes(t.orderType);
    const needsTrigger = TRIGGERED.includes(t.orderType);
    if (needsPrice !== (t.price !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['price'],
        message: `${needsPrice ? 'required' : 'not allowed'} for ${t.orderType}`,
      });
    if (needsTrigger !== (t.triggerPrice !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['triggerPrice'],
        message: `${needsTrigger ? 'required' : 'not allowed'} for ${t.orderType}`,
      });
  })
  .meta({ id: 'ManualTrade', description: 'A manual order: it passes the same risk rules as any decision.' });

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 characters of A-Z a-z 0-9 _ -, unique per intended trade')
    .meta({ description: 'Repeat the same key to retry safely: the trade happens at most once.' }),
});

export const manualTradeResultSchema = z
  .strictObject({
    accountId: z.string(),
    idempotencyKey: z.string(),
    result: z.strictObject({
      orderKey: z.string().meta({ description: 'Correlation id of the order (the `Trade.correlationId`).' }),
      verdict: z.enum(['approve', 'adjust', 'reject']),
      rule: z.string(),
      reason: z.string(),
      status: z.string().optional(),
      quantity: z.number().optional(),
    }),
  })
  .meta({ id: 'ManualTradeResult', description: "The risk gate's verdict and the order's status." });
