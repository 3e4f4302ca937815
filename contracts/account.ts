import { z } from 'zod';
import { SYMBOLS } from '../core/instruments';
import { STRATEGY_IDS } from '../core/strategy-ids';

/**
 * What an account is allowed to do. The risk rules enforce these; the LLM can never override them.
 * Shared by config (ACCOUNTS), the API (create/patch) and the account workflow's update validator.
 */
export const riskLimitsSchema = z
  .object({
    /** Per-trade risk as a percentage of the account's allocated capital. */
    riskPerTradePct: z.number().gt(0).max(5).default(2),
    maxOpenPositions: z.number().int().min(1).max(10).default(3),
    maxPositionsPerSymbol: z.number().int().min(1).max(3).default(1),
    /** Loss for the day, as a percentage of allocated capital, that halts new entries and flattens. */
    dailyLossLimitPct: z.number().gt(0).max(50).default(10),
    /** Intraday (MIS) buying power as a multiple of cash. 1 = no leverage. */
    intradayLeverage: z.number().min(1).max(5).default(1),
  })
  .strict();
export type RiskLimits = z.infer<typeof riskLimitsSchema>;

/** Account ids appear in workflow ids and in broker correlation ids (≤ 30 chars), so they stay short. */
export const accountIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,11}$/, 'lower-case letters and digits, starting with a letter, at most 12 characters');

const symbolSchema = z.enum(SYMBOLS as [string, ...string[]]);
const strategySchema = z.enum(STRATEGY_IDS);

function unique<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

export const accountSpecSchema = z
  .object({
    id: accountIdSchema,
    name: z.string().min(1).max(60).optional(),
    /** OpenRouter model id, e.g. `anthropic/claude-3.5-sonnet`. */
    model: z.string().min(1).max(100),
    /** Share of the desk's total capital, in percent. */
    capitalSharePct: z.number().gt(0).max(100),
    stocks: z.array(symbolSchema).min(1).max(10).refine(unique, 'stocks must not repeat'),
    strategies: z.array(strategySchema).min(1).refine(unique, 'strategies must not repeat'),
    risk: riskLimitsSchema.default(riskLimitsSchema.parse({})),
  })
  .strict();
export type AccountSpec = z.infer<typeof accountSpecSchema>;

export const accountSpecsSchema = z
  .array(accountSpecSchema)
  .min(1)
  .refine((a) => unique(a.map((x) => x.id)), 'account ids must be unique')
  .refine(
    (a) => a.reduce((sum, x) => sum + x.capitalSharePct, 0) <= 100 + 1e-9,
    'capital shares must add up to at most 100',
  );

/** The two accounts of the original design. */
export const DEFAULT_ACCOUNTS: readonly AccountSpec[] = accountSpecsSchema.parse([
  {
    id: 'claude',
    name: 'Claude 3.5 Sonnet',
    model: 'anthropic/claude-3.5-sonnet',
    capitalSharePct: 60,
    stocks: ['RELIANCE', 'TCS', 'INFY'],
    strategies: ['vwap', 'ema'],
  },
  {
    id: 'gpt',
    name: 'GPT-4 Turbo',
    model: 'openai/gpt-4-turbo',
    capitalSharePct: 40,
    stocks: ['HDFCBANK', 'ICICIBANK'],
    strategies: ['rsi', 'smc'],
  },
]);
