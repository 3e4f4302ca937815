/**
 * The LLM decider: a bounded tool-calling loop over a `ChatClient`.
 *
 * Each step sends the transcript and the account's tools; every tool call in the reply is
 * evaluated (tool-calls.ts) and its result appended. The loop continues only while the model needs
 * an answer (it asked for the portfolio, or a call was rejected and it may correct itself), and
 * never beyond `maxSteps` calls. Accepted calls become `OrderProposal`s for the risk rules.
 */
import { z } from 'zod';
import {
  type ChatCompletion,
  type ChatCompletionAssistantMessageParam,
  type ChatCompletionMessage,
  type ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { type OrderProposal } from '../core/types';
import { type InvocationError, type InvocationRecord, type StopReason, type ToolCallRecord } from './audit';
import { type ChatClient } from './client';
import { type DecisionContext } from './context';
import { type Decider, type Decision } from './decider';
import { classifyLlmError, LlmError } from './errors';
import { DEFAULT_PRICES, type PriceTable, summariseUsage } from './pricing';
import { buildPrompt, CURRENT_PROMPT_VERSION } from './prompt';
import { evaluateToolCall, rejected } from './tool-calls';
import { toolDefinitions } from './tools';

/** Numeric settings of the loop, validated once when the decider is created. */
export const llmDeciderSettingsSchema = z
  .object({
    /** Chat-completion calls per cycle at most (each costs money). */
    maxSteps: z.number().int().min(1).max(10).default(3),
    /** Output tokens per call. */
    maxTokens: z.number().int().min(64).max(8192).default(800),
    temperature: z.number().min(0).max(2).default(0.2),
    /** Tool calls evaluated per reply; the rest are rejected (a runaway reply cannot flood the desk). */
    maxToolCallsPerReply: z.number().int().min(1).max(20).default(8),
  })
  .strict();
export type LlmDeciderSettings = z.input<typeof llmDeciderSettingsSchema>;

export interface LlmDeciderOptions extends LlmDeciderSettings {
  readonly client: ChatClient;
  /** OpenRouter model id of the account, e.g. `anthropic/claude-3.5-sonnet`. */
  readonly model: string;
  /** Rupees per US dollar, for the cost in ₹. */
  readonly usdInr: number;
  readonly promptVersion?: string;
  readonly prices?: PriceTable;
  /** Wall clock for `startedAt` and latency; injectable for tests. */
  readonly clock?: () => number;
}

/** The assistant message as it goes back into the transcript (no empty `tool_calls` array). */
function asParam(message: ChatCompletionMessage): ChatCompletionAssistantMessageParam {
  return {
    role: 'assistant',
    content: message.content,
    ...(message.refusal ? { refusal: message.refusal } : {}),
    ...(message.tool_calls?.length ? { tool_calls: message.tool_calls } : {}),
  };
}

/**
 * Creates the LLM decider of one account.
 *
 * @example
 * const decider = createLlmDecider({ client, model: account.model, usdInr: 84 });
 * const { proposals, rejections, records } = await decider.decide(context, cancellationSignal());
 */
export function createLlmDecider(options: LlmDeciderOptions): Decider {
  const { client, model, usdInr, prices = DEFAULT_PRICES, clock = Date.now } = options;
  const settings = llmDeciderSettingsSchema.parse({
    maxSteps: options.maxSteps,
    maxTokens: options.maxTokens,
    temperature: options.temperature,
    maxToolCallsPerReply: options.maxToolCallsPerReply,
  });
  const promptVersion = options.promptVersion ?? CURRENT_PROMPT_VERSION;

  async function decide(context: DecisionContext, signal?: AbortSignal): Promise<Decision> {
    const prompt = buildPrompt(context, promptVersion);
    const tools = toolDefinitions(context.account);
    const transcript: ChatCompletionMessageParam[] = [...prompt.messages];
    const responses: ChatCompletion[] = [];
    const toolCalls: ToolCallRecord[] = [];
    const proposals: OrderProposal[] = [];
    const startedAt = clock();

    const record = (stopReason: StopReason, error: InvocationError | null): InvocationRecord => ({
      accountId: context.accountId,
      cycleKey: context.cycleKey,
      marketTime: context.market.now,
      decider: 'llm',
      model,
      promptVersion: prompt.promptVersion,
      messages: transcript,
      toolsOffered: tools,
      responses,
      toolCalls,
      proposals,
      usage: summariseUsage(responses, model, prices, usdInr),
      startedAt,
      latencyMs: clock() - startedAt,
      stopReason,
      error,
      fallback: null,
      budget: null,
      notes: [],
    });

    let stopReason: StopReason = 'step_limit';
    try {
      for (let step = 1; step <= settings.maxSteps; step++) {
        const response = await client.complete(
          { model, messages: transcript, tools, maxTokens: settings.maxTokens, temperature: settings.temperature },
          signal,
        );
        responses.push(response);
        const message = response.choices?.[0]?.message;
        const calls = message?.tool_calls ?? [];
        if (!message || (calls.length === 0 && !message.content?.trim() && !message.refusal)) {
          stopReason = 'empty';
          break;
        }
        transcript.push(asParam(message));
        if (calls.length === 0) {
          stopReason = message.refusal ? 'refusal' : 'final_answer';
          break;
        }
        let needsAnswer = false;
        calls.forEach((call, index) => {
          const id = call.id || `call_${step}_${index}`;
          const name = call.type === 'function' ? call.function.name : call.custom.name;
          const args = call.type === 'function' ? call.function.arguments : call.custom.input;
          const evaluated =
            index < settings.maxToolCallsPerReply
              ? evaluateToolCall({ name, arguments: args }, context, proposals)
              : rejected(`at most ${settings.maxToolCallsPerReply} tool calls per reply; this one was ignored`);
          transcript.push({ role: 'tool', tool_call_id: id, content: evaluated.result });
          toolCalls.push({
            step,
            id,
            name,
            arguments: args,
            outcome: evaluated.outcome,
            ...(evaluated.reason !== undefined ? { reason: evaluated.reason } : {}),
            proposals: evaluated.proposals,
          });
          proposals.push(...evaluated.proposals);
          if (evaluated.outcome !== 'accepted') needsAnswer = true;
        });
        if (!needsAnswer) {
          stopReason = 'actions';
          break;
        }
      }
    } catch (thrown) {
      const error = thrown instanceof LlmError ? thrown : classifyLlmError(thrown, (text) => text);
      error.record = record('error', {
        kind: error.kind,
        message: error.message,
        retryable: error.retryable,
        ...(error.status !== undefined ? { status: error.status } : {}),
      });
      throw error;
    }
    return {
      proposals,
      rejections: toolCalls.filter((c) => c.outcome === 'rejected'),
      records: [record(stopReason, null)],
    };
  }

  return { kind: 'llm', decide };
}
