import { z } from 'zod';
import { accountIdSchema } from '../../contracts/account';
import { paged, pageQuery, rangeIsOrdered, rangeQuery, sideSchema, timestamp, workflowLink } from './common';
import { riskEventSchema } from './risk-events';
import { tradeSchema } from './trades';

/* Invocations (decisions) and cycles (ticks): what each account decided, when, and why. */

export const invocationSummarySchema = z
  .strictObject({
    id: z.number().int(),
    invocationKey: z.string(),
    accountId: z.string(),
    cycleId: z.number().int().nullable(),
    decider: z.string().meta({ description: 'llm, rules, fallback, …' }),
    model: z.string().nullable(),
    promptVersion: z.string().nullable(),
    toolCallCount: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number(),
    costInr: z.number(),
    latencyMs: z.number().int(),
    error: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'InvocationSummary' });

export const invocationSchema = invocationSummarySchema
  .extend({
    messages: z.array(z.unknown()).meta({ description: 'The prompt as sent (system, user, tool messages).' }),
    tools: z.array(z.unknown()).meta({ description: 'The tools offered.' }),
    rawResponse: z.unknown(),
    toolCalls: z.array(z.unknown()).meta({ description: 'The tool calls the model made, with arguments.' }),
    marketTime: z.string().nullable(),
    stopReason: z.string().nullable(),
    proposals: z.array(z.unknown()).nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'Invocation', description: 'A decision with its whole audit record.' });

export const invocationListQuery = z
  .strictObject({
    account: accountIdSchema.optional(),
    model: z.string().min(1).max(100).optional().meta({ description: 'Exact model id.' }),
    decider: z.enum(['llm', 'rules', 'fallback', 'manual', 'protect']).optional(),
    ...rangeQuery,
    ...pageQuery,
  })
  .superRefine(rangeIsOrdered);

export const invocationListSchema = paged(invocationSummarySchema, 'InvocationList');

export const cycleSchema = z
  .strictObject({
    id: z.number().int(),
    accountId: z.string(),
    workflowId: z.string(),
    runId: z.string().nullable(),
    marketTime: timestamp,
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    status: z.string().meta({ description: 'running, completed, failed or skipped.' }),
    stepTimings: z.record(z.string(), z.number()).meta({ description: 'Milliseconds per step.' }),
    decision: z.string().nullable(),
    ordersPlaced: z.number().int(),
    error: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Cycle' });

export const cycleListQuery = z
  .strictObject({
    account: accountIdSchema.optional(),
    status: z.enum(['running', 'completed', 'failed', 'skipped']).optional(),
    ...rangeQuery,
    ...pageQuery,
  })
  .superRefine(rangeIsOrdered);

export const cycleListSchema = paged(cycleSchema, 'CycleList');

export const signalSchema = z
  .strictObject({
    id: z.number().int(),
    symbol: z.string(),
    strategy: z.string(),
    timeframe: z.string(),
    kind: z.string(),
    side: sideSchema,
    strength: z.number(),
    entry: z.number(),
    stop: z.number(),
    target: z.number().nullable(),
    reason: z.string(),
    marketTime: timestamp,
  })
  .meta({ id: 'Signal' });

export const cycleDetailSchema = z
  .strictObject({
    cycle: cycleSchema,
    temporal: workflowLink,
    signals: z.array(signalSchema),
    invocations: z.array(invocationSummarySchema),
    trades: z.array(tradeSchema),
    riskEvents: z.array(riskEventSchema),
  })
  .meta({ id: 'CycleDetail' });
