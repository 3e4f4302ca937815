/**
 * The one interface every decider implements: LLM, rules, or a governed mix of both. A decider
 * turns a cycle's context into order proposals for the risk rules; it never places orders.
 */
import { type OrderProposal } from '../core/types';
import { type DeciderKind, type InvocationRecord, type ToolCallRecord } from './audit';
import { type DecisionContext } from './context';

export interface Decision {
  /** What the decider wants, for the risk rules to accept or refuse. */
  readonly proposals: readonly OrderProposal[];
  /** Tool calls that were refused (malformed, outside the account, bad quantity or stop…). */
  readonly rejections: readonly ToolCallRecord[];
  /**
   * Audit records, in order. Usually one; two when a failed LLM call fell back to the rules
   * (the failed call is recorded too, with what it spent). The last one produced the proposals.
   */
  readonly records: readonly InvocationRecord[];
}

export interface Decider {
  readonly kind: DeciderKind;
  /**
   * Decides one cycle.
   *
   * @param signal cancels an in-flight LLM call (pass the activity's `cancellationSignal()`).
   * @throws LlmRetryableError / LlmNonRetryableError when the LLM call fails; `error.record`
   *   holds the audit record of the failed invocation.
   */
  decide(context: DecisionContext, signal?: AbortSignal): Promise<Decision>;
}
