/**
 * Per-account daily LLM budget, as pure logic: given what the account spent today and what the
 * next call may cost, decide whether to call the LLM, fall back to the rules decider, or hold.
 * The verdict is also the event to record, so every budget decision is auditable.
 */
import { z } from 'zod';

export const llmBudgetSchema = z
  .object({
    /** Input + output tokens per account per IST day. */
    dailyTokens: z.number().int().positive().default(400_000),
    /** Rupees per account per IST day. */
    dailyInr: z.number().positive().default(200),
    /** What to do once the next call would cross either limit. */
    whenExhausted: z.enum(['rules', 'hold']).default('rules'),
  })
  .strict();
export type LlmBudget = z.infer<typeof llmBudgetSchema>;

/** Tokens and rupees, spent or about to be. */
export interface LlmSpend {
  readonly tokens: number;
  readonly inr: number;
}

export type BudgetAction = 'llm' | 'rules' | 'hold';

/** The budget check of one cycle. */
export interface BudgetEvent {
  readonly type: 'llm_budget';
  readonly accountId: string;
  /** IST date the spend is counted on, `YYYY-MM-DD`. */
  readonly day: string;
  readonly action: BudgetAction;
  readonly reason: string;
  readonly spent: LlmSpend;
  /** What the next call is expected to cost at most, reserved before the call. */
  readonly reserve: LlmSpend;
  readonly budget: LlmBudget;
}

export interface BudgetCheck {
  readonly accountId: string;
  readonly day: string;
  readonly spent: LlmSpend;
  readonly reserve: LlmSpend;
  readonly budget: LlmBudget;
}

const rupees = (n: number) => `₹${n.toFixed(2)}`;

/**
 * Decides whether the next LLM call fits today's budget. The reserve is counted before the call,
 * so a call that would cross the limit is never started (a started call cannot be un-spent).
 */
export function checkBudget(check: BudgetCheck): BudgetEvent {
  const { spent, reserve, budget } = check;
  const tokensAfter = spent.tokens + reserve.tokens;
  const inrAfter = spent.inr + reserve.inr;
  const over: string[] = [];
  if (tokensAfter > budget.dailyTokens) {
    over.push(`tokens ${spent.tokens} spent + ${reserve.tokens} reserved > ${budget.dailyTokens} a day`);
  }
  if (inrAfter > budget.dailyInr) {
    over.push(`${rupees(spent.inr)} spent + ${rupees(reserve.inr)} reserved > ${rupees(budget.dailyInr)} a day`);
  }
  const action: BudgetAction = over.length === 0 ? 'llm' : budget.whenExhausted;
  const reason =
    over.length === 0
      ? `within budget: ${spent.tokens}/${budget.dailyTokens} tokens, ${rupees(spent.inr)}/${rupees(budget.dailyInr)} spent`
      : `daily LLM budget exhausted (${over.join('; ')}): ${action === 'hold' ? 'holding' : 'using the rules decider'}`;
  return { type: 'llm_budget', accountId: check.accountId, day: check.day, action, reason, spent, reserve, budget };
}
