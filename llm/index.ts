/**
 * LLM decisions for the trading desk: what the cycle activity imports.
 *
 * - `createGovernedDecider` (LLM within a daily budget, rules as stand-in) over
 *   `createLlmDecider` (OpenRouter tool calling through `createChatClient`) and
 *   `createRulesDecider` (signals only, pure).
 * - `DecisionContext` in, `Decision` out: `OrderProposal`s for the risk rules, tool-call
 *   rejections, and `InvocationRecord`s for an `InvocationStore` the database layer implements.
 * - `startFakeLlmServer` for tests; it lives in `llm/fake-server` and is not re-exported here, so
 *   production code never pulls in a test server by accident.
 */
export type {
  DeciderKind,
  FallbackInfo,
  InvocationError,
  InvocationRecord,
  InvocationStore,
  StopReason,
  ToolCallOutcome,
  ToolCallRecord,
} from './audit';
export {
  checkBudget,
  llmBudgetSchema,
  type BudgetAction,
  type BudgetEvent,
  type LlmBudget,
  type LlmSpend,
} from './budget';
export {
  createChatClient,
  DEFAULT_TIMEOUT_MS,
  type ChatClient,
  type ChatClientOptions,
  type ChatRequest,
} from './client';
export {
  decisionContext,
  marketView,
  pastDecision,
  RECENT_DECISIONS,
  type DecidedOrder,
  type DecisionContext,
  type DecisionInputs,
  type IndicatorSnapshot,
  type MarketView,
  type PastDecision,
  type PortfolioView,
  type RiskView,
  type SymbolView,
} from './context';
export { createLlmDecider, llmDeciderSettingsSchema, type LlmDeciderOptions, type LlmDeciderSettings } from './decide';
export type { Decider, Decision } from './decider';
export { LlmError, LlmNonRetryableError, LlmRetryableError, type LlmErrorKind } from './errors';
export {
  createGovernedDecider,
  estimateLlmSpend,
  type GovernedDeciderOptions,
  type SpendEstimateOptions,
} from './governed-decider';
export { DEFAULT_PRICES, type CostSource, type ModelPrice, type PriceTable, type UsageSummary } from './pricing';
export { buildPrompt, CURRENT_PROMPT_VERSION, PROMPT_TEMPLATES, type BuiltPrompt, type PromptTemplate } from './prompt';
export { coreSize, createRulesDecider, decideByRules, type RulesOutcome, type SizeFn } from './rules-decider';
export { indicatorsForPrompt } from './indicator-view';
export { TOOL_NAMES, toolDefinitions, type ToolName } from './tools';
