import { z } from 'zod';
import { accountIdSchema, accountSpecSchema, riskLimitsSchema } from '../../contracts/account';
import { type AccountStatusView, type ConfigPatch } from '../../contracts/workflows';
import { timestamp } from './common';

export const accountSpecBody = accountSpecSchema.meta({
  id: 'AccountSpec',
  description: 'A new account: its model, capital share, stocks, strategies and risk limits.',
});

export const accountParams = z.strictObject({ id: accountIdSchema.meta({ description: 'Account id.' }) });

// A patch names only what changes: the risk fields without their defaults, so an absent one is kept.
const riskShape = riskLimitsSchema.shape;
const riskPatch = z.strictObject({
  riskPerTradePct: riskShape.riskPerTradePct.unwrap().optional(),
  maxOpenPositions: riskShape.maxOpenPositions.unwrap().optional(),
  maxPositionsPerSymbol: riskShape.maxPositionsPerSymbol.unwrap().optional(),
  dailyLossLimitPct: riskShape.dailyLossLimitPct.unwrap().optional(),
  intradayLeverage: riskShape.intradayLeverage.unwrap().optional(),
});

export const configPatchBody = z
  .strictObject({
    model: accountSpecSchema.shape.model.optional(),
    stocks: accountSpecSchema.shape.stocks.optional(),
    strategies: accountSpecSchema.shape.strategies.optional(),
    risk: riskPatch.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'name at least one of model, stocks, strategies, risk')
  .meta({ id: 'ConfigPatch', description: 'What to change; absent fields stay as they are.' });

// The contract's ConfigPatch and this schema must describe the same thing.
const _patchMatchesContract: ConfigPatch = {} as z.infer<typeof configPatchBody>;

export const workflowRefSchema = z
  .strictObject({
    workflowId: z.string(),
    runId: z.string().nullable(),
    status: z.string().meta({ description: 'Temporal execution status, e.g. RUNNING, COMPLETED, TERMINATED.' }),
    url: z.string().nullable().meta({ description: 'The execution in the Temporal Web UI, when its URL is known.' }),
  })
  .meta({ id: 'WorkflowRef' });

export const accountSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    model: z.string(),
    capitalSharePct: z.number(),
    allocatedCapital: z.number().meta({ description: 'Rupees.' }),
    stocks: z.array(z.string()),
    strategies: z.array(z.string()),
    mode: z.enum(['paper', 'live']),
    status: z
      .enum(['created', 'running', 'paused', 'stopped', 'killed'])
      .meta({ description: 'As last recorded in Postgres by the account workflow.' }),
    riskState: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    riskLimits: z.record(z.string(), z.unknown()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Account' });

export const accountListSchema = z.strictObject({ items: z.array(accountSchema) }).meta({ id: 'AccountList' });

const statusViewSchema = z
  .strictObject({
    accountId: z.string(),
    status: z.enum(['running', 'paused', 'stopping', 'stopped', 'killed']),
    riskState: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    spec: accountSpecSchema,
    mode: z.enum(['paper', 'live']),
    cash: z.number(),
    equity: z.number(),
    dayPnl: z.number(),
    positions: z.array(z.strictObject({ symbol: z.string(), quantity: z.number(), avgPrice: z.number() })).readonly(),
    cycles: z.number(),
    lastCycle: z
      .strictObject({ marketTime: z.number(), workflowId: z.string(), outcome: z.string() })
      .optional()
      .meta({ description: 'Market time in epoch ms.' }),
    nextTick: z.number().optional().meta({ description: 'Market time of the next tick, epoch ms.' }),
    stopReason: z.string().optional(),
  })
  .meta({ id: 'AccountStatusView', description: "The account workflow's own view (its `status` query)." });

// Keep the schema and the contract's interface in step: same fields, and the schema's shape fits it.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const _viewMatchesContract: AccountStatusView = {} as z.infer<typeof statusViewSchema>;
const _sameFieldsAsContract: SameKeys<AccountStatusView, z.infer<typeof statusViewSchema>> = true;

export const accountDetailSchema = z
  .strictObject({
    account: accountSchema,
    workflow: workflowRefSchema.nullable().meta({ description: 'The latest run of the account workflow, if any.' }),
    live: statusViewSchema.nullable().meta({ description: 'Null when the workflow is not running or did not answer.' }),
  })
  .meta({ id: 'AccountDetail' });

export const accountCreatedSchema = z
  .strictObject({ account: accountSchema, workflow: workflowRefSchema })
  .meta({ id: 'AccountCreated' });

export const accountPatchedSchema = z
  .strictObject({
    account: accountSchema,
    appliedBy: z
      .enum(['workflow', 'database'])
      .meta({ description: '`workflow`: the running workflow accepted it; `database`: applied at the next start.' }),
  })
  .meta({ id: 'AccountPatched' });

export const controlActions = ['start', 'pause', 'resume', 'stop', 'kill'] as const;
export type ControlAction = (typeof controlActions)[number];

export const reasonBody = z.strictObject({
  reason: z.string().min(1).max(200).optional().meta({ description: 'Recorded with the action.' }),
});
export const stopBody = reasonBody.extend({
  flatten: z.boolean().optional().meta({ description: 'Close open positions first (default true).' }),
});
export const killBody = z.strictObject({
  reason: z.string().min(1).max(200).meta({ description: 'Why the account is killed (required).' }),
});

export const controlResultSchema = z
  .strictObject({
    accountId: z.string(),
    action: z.enum(controlActions),
    outcome: z
      .enum(['started', 'signalled', 'already_running', 'already_killed'])
      .meta({ description: '`started`: a new workflow run; `signalled`: the running workflow was told.' }),
    workflow: workflowRefSchema,
  })
  .meta({ id: 'ControlResult' });
