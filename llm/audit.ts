/**
 * The audit record of one decider invocation, as plain data (JSON-safe), and the port the lead's
 * database layer implements to keep it. Nothing here does I/O.
 *
 * Secrets never enter a record: the API key lives only inside the SDK client (see client.ts), and
 * error messages are scrubbed before they get here.
 */
import { type ChatCompletionFunctionTool, type ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { type OrderProposal } from '../core/types';
import { type BudgetEvent } from './budget';
import { type LlmErrorKind } from './errors';
import { NO_USAGE, type UsageSummary } from './pricing';

/** Which decider produced the proposals. `fallback` = the rules decider (or a hold) standing in for the LLM. */
export type DeciderKind = 'llm' | 'rules' | 'fallback';

/** How a tool call ended. */
export type ToolCallOutcome = 'accepted' | 'answered' | 'rejected';

/** One tool call the model made and what the desk did with it. */
export interface ToolCallRecord {
  /** 1-based step of the tool loop in which the call was made. */
  readonly step: number;
  readonly id: string;
  readonly name: string;
  /** The arguments exactly as the model sent them (possibly malformed JSON). */
  readonly arguments: string;
  readonly outcome: ToolCallOutcome;
  /** Why a call was rejected, in the words fed back to the model. */
  readonly reason?: string;
  /** What an accepted call proposed (empty for answers and rejections). */
  readonly proposals: readonly OrderProposal[];
}

/** Why the tool loop stopped. */
export type StopReason =
  | 'actions' // the model's calls were all accepted actions: nothing more to ask
  | 'final_answer' // the model answered in text without tool calls (a hold)
  | 'refusal'
  | 'empty' // no choice or an empty message
  | 'step_limit' // the step budget ran out while the model still needed an answer
  | 'rules' // not an LLM: the rules decider ran
  | 'hold' // the budget said hold: nothing ran
  | 'error';

export interface InvocationError {
  readonly kind: LlmErrorKind;
  readonly message: string;
  readonly retryable: boolean;
  readonly status?: number;
}

/** Why a fallback ran instead of the LLM, and what it did. */
export interface FallbackInfo {
  readonly reason: string;
  readonly policy: 'rules' | 'hold';
}

/** Everything about one invocation, enough to audit it and to replay it against another model or prompt. */
export interface InvocationRecord {
  readonly accountId: string;
  readonly cycleKey: string;
  /** Market time of the cycle (epoch ms). */
  readonly marketTime: number;
  readonly decider: DeciderKind;
  /** Model id sent to OpenRouter; null when no LLM ran. */
  readonly model: string | null;
  readonly promptVersion: string | null;
  /** The full transcript: system and user prompt, every assistant reply and every tool result. */
  readonly messages: readonly ChatCompletionMessageParam[];
  readonly toolsOffered: readonly ChatCompletionFunctionTool[];
  /** Raw response bodies, in order. */
  readonly responses: readonly unknown[];
  readonly toolCalls: readonly ToolCallRecord[];
  /** The proposals handed to the risk rules. */
  readonly proposals: readonly OrderProposal[];
  readonly usage: UsageSummary;
  /** Wall-clock start, epoch ms; null for the pure rules decider, which reads no clock. */
  readonly startedAt: number | null;
  readonly latencyMs: number;
  readonly stopReason: StopReason;
  readonly error: InvocationError | null;
  readonly fallback: FallbackInfo | null;
  /** The budget check that preceded this invocation, if one ran. */
  readonly budget: BudgetEvent | null;
  /** Short notes from the decider, e.g. why the rules skipped a signal. */
  readonly notes: readonly string[];
}

/**
 * Keeps invocation records. Implemented by the database layer (the lead's `db/`).
 *
 * - `save` may be called more than once per cycle: each activity attempt is its own invocation
 *   (and may have cost money), so do not deduplicate on `cycleKey` alone.
 * - A record is plain JSON data; store `messages`, `responses` and `toolCalls` as JSON columns.
 */
export interface InvocationStore {
  save(record: InvocationRecord): Promise<void>;
}

/**
 * A record of an invocation that called no LLM (rules, hold), with empty transcript and zero
 * usage; the caller overrides what it knows.
 */
export function recordWithoutLlm(
  context: { readonly accountId: string; readonly cycleKey: string; readonly market: { readonly now: number } },
  fields: Pick<InvocationRecord, 'decider' | 'proposals' | 'stopReason' | 'notes'> & Partial<InvocationRecord>,
): InvocationRecord {
  return {
    accountId: context.accountId,
    cycleKey: context.cycleKey,
    marketTime: context.market.now,
    model: null,
    promptVersion: null,
    messages: [],
    toolsOffered: [],
    responses: [],
    toolCalls: [],
    usage: NO_USAGE,
    startedAt: null,
    // The rules decider is pure and reads no clock; its run time is negligible next to a cycle.
    latencyMs: 0,
    error: null,
    fallback: null,
    budget: null,
    ...fields,
  };
}
