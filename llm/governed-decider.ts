/**
 * The decider an account runs with: the LLM, governed by its daily budget, with the rules decider
 * standing in when the budget is spent (or holding, as configured) and, optionally, when the LLM
 * fails for good (bad key, credits exhausted). Retryable failures are rethrown for Temporal.
 */
import { countTokens } from 'gpt-tokenizer';
import { istDateKey } from '../core/time';
import { type FallbackInfo, type InvocationRecord, recordWithoutLlm } from './audit';
import { type BudgetEvent, checkBudget, type LlmBudget, type LlmSpend } from './budget';
import { type DecisionContext } from './context';
import { type Decider, type Decision } from './decider';
import { LlmError } from './errors';
import { type PriceTable, priceTokens } from './pricing';
import { buildPrompt } from './prompt';
import { toolDefinitions } from './tools';

export interface GovernedDeciderOptions {
  readonly llm: Decider;
  readonly rules: Decider;
  readonly budget: LlmBudget;
  /** The account's LLM spend so far on IST day `day` (summed from the invocation store). */
  readonly spentToday: (accountId: string, day: string) => Promise<LlmSpend>;
  /** What one LLM call for this context may cost at most; see `estimateLlmSpend`. */
  readonly reserve: (context: DecisionContext) => LlmSpend;
  /** On a non-retryable LLM failure: fall back to the rules (default) or rethrow. */
  readonly onLlmFailure?: 'rules' | 'throw';
}

/** Relabels the records of a stand-in decision as a fallback, with why and the budget check. */
function asFallback(decision: Decision, fallback: FallbackInfo, budget: BudgetEvent): Decision {
  return {
    ...decision,
    records: decision.records.map((r) => ({ ...r, decider: 'fallback' as const, fallback, budget })),
  };
}

/**
 * Creates the governed decider.
 *
 * @example
 * const decider = createGovernedDecider({
 *   llm: createLlmDecider({ client, model: account.model, usdInr: 84 }),
 *   rules: createRulesDecider(coreSize),
 *   budget: llmBudgetSchema.parse({}),
 *   spentToday: (id, day) => invocations.spend(id, day),
 *   reserve: estimateLlmSpend({ model: account.model, prices: DEFAULT_PRICES, usdInr: 84, maxTokens: 800 }),
 * });
 */
export function createGovernedDecider(options: GovernedDeciderOptions): Decider {
  const { llm, rules, budget, onLlmFailure = 'rules' } = options;

  async function decide(context: DecisionContext, signal?: AbortSignal): Promise<Decision> {
    const day = istDateKey(context.market.now);
    const event = checkBudget({
      accountId: context.accountId,
      day,
      spent: await options.spentToday(context.accountId, day),
      reserve: options.reserve(context),
      budget,
    });
    const fallback = { reason: event.reason, policy: event.action === 'hold' ? 'hold' : 'rules' } as const;
    if (event.action === 'hold') {
      const record = recordWithoutLlm(context, {
        decider: 'fallback',
        proposals: [],
        stopReason: 'hold',
        notes: [],
        fallback,
        budget: event,
      });
      return { proposals: [], rejections: [], records: [record] };
    }
    if (event.action === 'rules') return asFallback(await rules.decide(context, signal), fallback, event);

    try {
      const decision = await llm.decide(context, signal);
      return { ...decision, records: decision.records.map((r) => ({ ...r, budget: event })) };
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      const failed: InvocationRecord | undefined = error.record && { ...error.record, budget: event };
      if (failed) error.record = failed;
      if (error.retryable || onLlmFailure === 'throw') throw error;
      const standIn = asFallback(
        await rules.decide(context, signal),
        { reason: `LLM failed (${error.kind}): ${error.message}`, policy: 'rules' },
        event,
      );
      return { ...standIn, records: [...(failed ? [failed] : []), ...standIn.records] };
    }
  }

  return { kind: 'llm', decide };
}

export interface SpendEstimateOptions {
  readonly model: string;
  readonly prices: PriceTable;
  readonly usdInr: number;
  /** The decider's output-token cap per call. */
  readonly maxTokens: number;
  readonly promptVersion?: string;
}

/**
 * Estimates one LLM call: the prompt and tool definitions counted with an OpenAI tokenizer
 * (o200k; other providers' tokenizers differ by some percent) plus the full output allowance,
 * priced from the table (₹0 for a model the table does not know).
 */
export function estimateLlmSpend(options: SpendEstimateOptions): (context: DecisionContext) => LlmSpend {
  return (context) => {
    const { messages } = buildPrompt(context, options.promptVersion);
    const text = messages.map((m) => String(m.content)).join('\n') + JSON.stringify(toolDefinitions(context.account));
    const inputTokens = countTokens(text);
    const price = options.prices.models[options.model];
    const usd = price ? priceTokens(price, inputTokens, options.maxTokens) : 0;
    return { tokens: inputTokens + options.maxTokens, inr: usd * options.usdInr };
  };
}
