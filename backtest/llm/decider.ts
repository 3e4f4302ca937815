/**
 * The LLM decider of a backtest: the live `createLlmDecider` over a caching chat client, governed by
 * a token and rupee cap for the whole run (the live daily budget's logic, counted over the run).
 * Cached replies count at their recorded usage, so a rerun hits the cap at the same cycle and decides
 * the same; the rules decider stands in (or the account holds) once the cap is reached.
 */
import { createGovernedDecider, estimateLlmSpend } from '../../llm/governed-decider';
import { createLlmDecider } from '../../llm/decide';
import { type Decider } from '../../llm/decider';
import { type LlmSpend } from '../../llm/budget';
import { DEFAULT_PRICES } from '../../llm/pricing';
import { CURRENT_PROMPT_VERSION } from '../../llm/prompt';
import { coreSize, createRulesDecider } from '../../llm/rules-decider';
import { type ChatClient } from '../../llm/client';
import { type DeciderSpec } from '../spec';

/** Output tokens per call, as the live desk (workers/deciders.ts). */
const MAX_TOKENS_PER_CALL = 800;

export interface BacktestLlmDecider {
  readonly decider: Decider;
  /** Tokens and rupees used so far (cached replies included). */
  spent(): LlmSpend;
}

/** The capped LLM decider of an `llm` decider spec. */
export function backtestLlmDecider(
  spec: Extract<DeciderSpec, { kind: 'llm' }>,
  client: ChatClient,
  usdInr: number,
): BacktestLlmDecider {
  const spent = { tokens: 0, inr: 0 };
  const promptVersion = spec.promptVersion ?? CURRENT_PROMPT_VERSION;
  const governed = createGovernedDecider({
    llm: createLlmDecider({ client, model: spec.model, usdInr, promptVersion, maxTokens: MAX_TOKENS_PER_CALL }),
    rules: createRulesDecider(coreSize),
    budget: { dailyTokens: spec.maxTokens, dailyInr: spec.maxInr, whenExhausted: spec.whenExhausted },
    spentToday: async () => ({ ...spent }),
    reserve: estimateLlmSpend({
      model: spec.model,
      prices: DEFAULT_PRICES,
      usdInr,
      maxTokens: MAX_TOKENS_PER_CALL,
      promptVersion,
    }),
    // A backtest that cannot reach its model fails loudly rather than quietly becoming a rules backtest.
    onLlmFailure: 'throw',
  });
  return {
    spent: () => ({ ...spent }),
    decider: {
      kind: 'llm',
      async decide(context, signal) {
        const decision = await governed.decide(context, signal);
        for (const r of decision.records) {
          spent.tokens += r.usage.inputTokens + r.usage.outputTokens;
          spent.inr += r.usage.costInr ?? 0;
        }
        return decision;
      },
    },
  };
}
