/**
 * The one module of llm/ that does I/O: chat completions through the `openai` SDK, pointed at
 * OpenRouter or any OpenAI-compatible endpoint.
 *
 * - The SDK's retries are off (`maxRetries: 0`): retries belong to Temporal, which sees the
 *   classified error and applies the activity's policy. A hidden SDK retry would double the cost
 *   and the latency budget of an attempt.
 * - The API key is revealed once, into the SDK constructor; every error message is scrubbed of it.
 * - The SDK's own logging is off, so nothing it might print can carry a header.
 */
import OpenAI from 'openai';
import {
  type ChatCompletion,
  type ChatCompletionFunctionTool,
  type ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { type Secret } from '../config/secret';
import { classifyLlmError, errorInBody, LlmRetryableError } from './errors';

export interface ChatClientOptions {
  /** e.g. `https://openrouter.ai/api/v1` (config `OPENROUTER_BASE_URL`). */
  readonly baseUrl: string;
  readonly apiKey: Secret;
  /** Per-request timeout; keep it below the activity's startToCloseTimeout. Default 60 s. */
  readonly timeoutMs?: number;
  /** OpenRouter attribution headers (optional): `HTTP-Referer` and `X-Title`. */
  readonly appUrl?: string;
  readonly appTitle?: string;
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatCompletionMessageParam[];
  readonly tools?: readonly ChatCompletionFunctionTool[];
  readonly maxTokens?: number;
  readonly temperature?: number;
}

/** A chat-completion endpoint. Throws only `LlmRetryableError` or `LlmNonRetryableError`. */
export interface ChatClient {
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatCompletion>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Creates a chat client over the `openai` SDK.
 *
 * @example
 * const client = createChatClient({ baseUrl: config.llm.baseUrl, apiKey: config.llm.apiKey, appTitle: 'AI trading desk' });
 * const reply = await client.complete({ model: 'anthropic/claude-3.5-sonnet', messages }, cancellationSignal());
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = {};
  if (options.appUrl) headers['HTTP-Referer'] = options.appUrl;
  if (options.appTitle) headers['X-Title'] = options.appTitle;
  const sdk = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey.reveal(),
    // Explicit nulls stop the SDK from reading OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment.
    organization: null,
    project: null,
    // The deadline is enforced by our own abort signal below; this is only a backstop.
    timeout: timeoutMs + 1_000,
    maxRetries: 0,
    defaultHeaders: headers,
    logLevel: 'off',
  });
  const scrub = (text: string) => scrubSecret(text, options.apiKey);

  return {
    async complete(request, signal) {
      // Our own deadline, so a timeout is told apart from a caller's cancellation by which signal
      // fired, not by the shape of the fetch error (which differs between runtimes).
      const deadline = AbortSignal.timeout(timeoutMs);
      let response: ChatCompletion;
      try {
        response = await sdk.chat.completions.create(
          {
            model: request.model,
            messages: [...request.messages],
            ...(request.tools?.length ? { tools: [...request.tools], tool_choice: 'auto' as const } : {}),
            ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          },
          { signal: signal ? AbortSignal.any([signal, deadline]) : deadline },
        );
      } catch (error) {
        if (deadline.aborted && !signal?.aborted) {
          throw new LlmRetryableError(`LLM call timed out after ${timeoutMs} ms`, { kind: 'timeout' });
        }
        throw classifyLlmError(error, scrub);
      }
      const bodyError = errorInBody(response, scrub);
      if (bodyError) throw bodyError;
      return response;
    },
  };
}

/** Replaces every occurrence of the secret's value in `text`. */
export function scrubSecret(text: string, secret: Secret): string {
  const value = secret.reveal();
  return value ? text.split(value).join('[redacted]') : text;
}
