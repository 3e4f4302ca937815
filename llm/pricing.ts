/**
 * What an invocation cost. OpenRouter reports the charge itself in `usage.cost` (credits = USD);
 * when a provider does not, the tokens are priced from a table. Rupees come from a USD→INR rate
 * passed in by the caller (the desk does not fetch exchange rates).
 */

/** List price of a model, USD per million tokens. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
}

export interface PriceTable {
  /** Where the prices come from, so whoever updates them can check. */
  readonly source: string;
  /** When they were read (`YYYY-MM-DD`). */
  readonly asOf: string;
  readonly models: Readonly<Record<string, ModelPrice>>;
}

/**
 * Fallback prices for the models the desk is configured with by default and a few cheap
 * alternatives. Only used when a response has no `usage.cost`.
 */
export const DEFAULT_PRICES: PriceTable = {
  source:
    'OpenRouter model list (openrouter.ai/api/v1/models, pricing.prompt/completion × 1e6) as quoted in public ' +
    'OpenRouter pricing notes; re-check there before relying on them',
  asOf: '2026-11-25',
  models: {
    'anthropic/claude-3.5-sonnet': { inputPerMTok: 3, outputPerMTok: 15 },
    'anthropic/claude-3.5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
    'openai/gpt-4-turbo': { inputPerMTok: 10, outputPerMTok: 30 },
    'openai/gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
    'openai/gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  },
};

/** How the cost figure was obtained. */
export type CostSource = 'openrouter' | 'price-table' | 'unpriced' | 'none';

export interface UsageSummary {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Null when at least one response could not be priced (unknown model, no usage). */
  readonly costUsd: number | null;
  readonly costInr: number | null;
  readonly costSource: CostSource;
}

/** Usage of an invocation that made no LLM call. */
export const NO_USAGE: UsageSummary = { inputTokens: 0, outputTokens: 0, costUsd: 0, costInr: 0, costSource: 'none' };

/** The fields of a response's `usage` that matter here (`cost` is OpenRouter's extension). */
interface ResponseUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly cost?: number;
}

function usageOf(response: unknown): ResponseUsage | undefined {
  const usage = (response as { usage?: unknown } | null)?.usage;
  return usage && typeof usage === 'object' ? (usage as ResponseUsage) : undefined;
}

/** USD cost of a token count at a model's list price. */
export function priceTokens(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}

/**
 * Adds up tokens and cost over the responses of one invocation.
 *
 * @param usdInr rupees per US dollar, e.g. 84.
 */
export function summariseUsage(
  responses: readonly unknown[],
  model: string,
  prices: PriceTable,
  usdInr: number,
): UsageSummary {
  if (responses.length === 0) return NO_USAGE;
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd: number | null = 0;
  let fromTable = false;
  for (const response of responses) {
    const usage = usageOf(response);
    const input = usage?.prompt_tokens ?? 0;
    const output = usage?.completion_tokens ?? 0;
    inputTokens += input;
    outputTokens += output;
    const price = prices.models[model];
    let cost: number | null;
    if (typeof usage?.cost === 'number') cost = usage.cost;
    else if (usage && price) {
      cost = priceTokens(price, input, output);
      fromTable = true;
    } else cost = null;
    costUsd = costUsd === null || cost === null ? null : costUsd + cost;
  }
  const costSource: CostSource = costUsd === null ? 'unpriced' : fromTable ? 'price-table' : 'openrouter';
  return { inputTokens, outputTokens, costUsd, costInr: costUsd === null ? null : costUsd * usdInr, costSource };
}
