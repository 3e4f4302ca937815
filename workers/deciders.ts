import { type AccountRef } from '../activities/types';
import { type Config } from '../config';
import { istDateKey, istTime } from '../core/time';
import { type Repositories } from '../db/repositories';
import {
  coreSize,
  createChatClient,
  createGovernedDecider,
  createLlmDecider,
  createRulesDecider,
  DEFAULT_PRICES,
  type Decider,
  estimateLlmSpend,
} from '../llm';

/** Output-token cap per LLM call (also the budget's reserve per call). */
const MAX_TOKENS = 800;

/**
 * The decider of each account: with an OpenRouter key, its model within the daily budget (the rules
 * decider stands in when the budget is spent or the model fails for good); without a key, the rules.
 */
export function deciderFactory(config: Config, repos: Repositories) {
  const rules = createRulesDecider(coreSize);
  const apiKey = config.llm.apiKey;
  const client = apiKey && createChatClient({ baseUrl: config.llm.baseUrl, apiKey, appTitle: 'AI trading desk' });

  return {
    /** The OpenRouter client (absent without an API key); backtests use it for replies not cached yet. */
    chatClient: client || undefined,
    label: (account: AccountRef) => (client ? account.spec.model : 'rules'),
    deciderFor(account: AccountRef): Decider {
      if (!client) return rules;
      const { model } = account.spec;
      return createGovernedDecider({
        llm: createLlmDecider({ client, model, usdInr: config.llm.usdInr, maxTokens: MAX_TOKENS }),
        rules,
        budget: config.llm.budget,
        // LLM money is spent on wall-clock days, whatever day the (simulated) market is on.
        spentToday: async (accountId) => repos.invocations.spendSince(accountId, istTime(istDateKey(Date.now()), 0, 0)),
        reserve: estimateLlmSpend({ model, prices: DEFAULT_PRICES, usdInr: config.llm.usdInr, maxTokens: MAX_TOKENS }),
      });
    },
  };
}
