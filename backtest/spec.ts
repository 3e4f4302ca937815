/**
 * What a backtest runs: an account (stocks, strategies, risk limits), its capital, a date range, a
 * decider and the paper fill model's spread and slippage. Validated once, with every bad field named.
 */
import { z } from 'zod';
import { accountSpecSchema } from '../contracts/account';
import { DEFAULT_SLIPPAGE_BPS, DEFAULT_SPREAD_BPS } from '../core/fills';

const dateKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD (IST)')
  // Date.parse rolls 2026-02-30 over to March: a real date reads back as itself.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'not a calendar date');

/** The rules decider (signals only, free and fast) or an LLM with a per-backtest spending cap. */
export const deciderSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rules') }),
  z.strictObject({
    kind: z.literal('llm'),
    /** OpenRouter model id, e.g. `openai/gpt-4o`. */
    model: z.string().min(1).max(100),
    /** Prompt template version (default: the current one). */
    promptVersion: z.string().min(1).max(32).optional(),
    /** Input + output tokens the whole backtest may use, cached replies included (so a rerun decides the same). */
    maxTokens: z.number().int().positive().default(2_000_000),
    /** Rupees the whole backtest may use, cached replies counted at their recorded cost. */
    maxInr: z.number().positive().default(500),
    /** Once the cap is reached: the rules decider stands in, or the account holds. */
    whenExhausted: z.enum(['rules', 'hold']).default('rules'),
  }),
]);
export type DeciderSpec = z.output<typeof deciderSpecSchema>;

export const backtestSpecSchema = z
  .strictObject({
    name: z.string().min(1).max(100).optional(),
    account: accountSpecSchema,
    /** Rupees allocated to the account at the start. */
    capital: z.number().positive().max(1e12),
    /** First and last IST trading day simulated (inclusive); earlier bars only warm the indicators up. */
    from: dateKey,
    to: dateKey,
    decider: deciderSpecSchema.default({ kind: 'rules' }),
    /**
     * `stream` (default, fast): one feature engine per symbol fed every bar once. `window`: at every
     * cycle, `analyseSymbol` over the same 21-day window of bars the live cycle reads (slow, exact).
     */
    analysis: z.enum(['stream', 'window']).default('stream'),
    /** The paper fill model (the built-in simulator's defaults). */
    fills: z
      .strictObject({
        spreadBps: z.number().min(0).max(100).default(DEFAULT_SPREAD_BPS),
        slippageBps: z.number().min(0).max(100).default(DEFAULT_SLIPPAGE_BPS),
      })
      .default({ spreadBps: DEFAULT_SPREAD_BPS, slippageBps: DEFAULT_SLIPPAGE_BPS }),
    /** Where the bars came from, in words (recorded with the result). */
    data: z.string().min(1).max(500),
  })
  .refine((s) => s.from <= s.to, { path: ['to'], message: '`to` must not be before `from`' });

export type BacktestSpec = z.output<typeof backtestSpecSchema>;
export type BacktestSpecInput = z.input<typeof backtestSpecSchema>;

/** A spec that cannot run, with every problem named (`account.stocks: …; to: …`). */
export class BacktestSpecError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid backtest: ${problems.join('; ')}`);
    this.name = 'BacktestSpecError';
  }
}

/** Validates a spec and fills its defaults; throws `BacktestSpecError` naming every bad field. */
export function parseBacktestSpec(input: unknown): BacktestSpec {
  const parsed = backtestSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new BacktestSpecError(parsed.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`));
}
