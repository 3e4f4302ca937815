/**
 * LLM call failures, classified by what should happen next (style habit 14):
 * - `LlmRetryableError`: rate limits, provider 5xx, timeouts, dropped connections. The activity
 *   throws it and Temporal's retry policy tries again (the SDK's own retries are off).
 * - `LlmNonRetryableError`: the request or the account is wrong (bad request, bad key, no credits,
 *   forbidden, unknown model) or the call was cancelled. Retrying cannot help; list
 *   `LlmNonRetryableError` in the activity's `nonRetryableErrorTypes`.
 *
 * Messages never carry the API key: the client scrubs them before they are built.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { type InvocationRecord } from './audit';

export type LlmErrorKind =
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'connection'
  | 'bad_request'
  | 'unauthorized'
  | 'credits_exhausted'
  | 'forbidden'
  | 'not_found'
  | 'client_error'
  | 'aborted'
  | 'unexpected';

interface LlmErrorDetails {
  readonly kind: LlmErrorKind;
  readonly status?: number;
  /** The provider's Retry-After, when it sent one. */
  readonly retryAfterMs?: number;
}

export abstract class LlmError extends Error {
  abstract readonly retryable: boolean;
  readonly kind: LlmErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /**
   * The audit record of the failed invocation (transcript so far, usage spent), attached by the
   * decider so the activity can save it before rethrowing.
   */
  record?: InvocationRecord;

  constructor(message: string, details: LlmErrorDetails) {
    super(message);
    this.kind = details.kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export class LlmRetryableError extends LlmError {
  readonly retryable = true;
  override readonly name = 'LlmRetryableError';
}

export class LlmNonRetryableError extends LlmError {
  readonly retryable = false;
  override readonly name = 'LlmNonRetryableError';
}

/** What each HTTP status means for this desk, and whether to retry. */
function fromStatus(status: number, detail: string, retryAfterMs?: number): LlmError {
  const said = detail ? ` Provider said: ${detail}` : '';
  const nonRetryable = (kind: LlmErrorKind, text: string) =>
    new LlmNonRetryableError(`${text} (HTTP ${status}).${said}`, { kind, status });
  switch (status) {
    case 400:
      return nonRetryable('bad_request', 'LLM request rejected as invalid: check the model id and the tool schemas');
    case 401:
      return nonRetryable('unauthorized', 'OpenRouter rejected the API key: check OPENROUTER_API_KEY');
    case 402:
      return nonRetryable(
        'credits_exhausted',
        "OpenRouter credits exhausted: add credits at openrouter.ai/credits or raise the key's limit",
      );
    case 403:
      return nonRetryable(
        'forbidden',
        'LLM request forbidden: the key lacks permission or moderation flagged the input',
      );
    case 404:
      return nonRetryable(
        'not_found',
        "LLM model or endpoint not found: check the account's model and OPENROUTER_BASE_URL",
      );
  }
  if (status === 408)
    return new LlmRetryableError(`LLM provider timed out (HTTP 408).${said}`, { kind: 'timeout', status });
  if (status === 429) {
    return new LlmRetryableError(`LLM provider rate limit reached (HTTP 429).${said}`, {
      kind: 'rate_limited',
      status,
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return new LlmRetryableError(`LLM provider error (HTTP ${status}).${said}`, {
      kind: 'server_error',
      status,
      retryAfterMs,
    });
  }
  return nonRetryable('client_error', 'LLM request refused');
}

/** Retry-After in seconds or as an HTTP date; undefined if absent or unreadable. */
function retryAfterOf(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The provider's own error text from an SDK error body, if any. */
function providerMessage(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : '';
}

/**
 * Turns whatever the SDK threw into a classified `LlmError`.
 *
 * @param scrub removes secrets from any text that came from outside (the provider may echo input).
 */
export function classifyLlmError(error: unknown, scrub: (text: string) => string): LlmError {
  if (error instanceof LlmError) return error;
  // Order matters: the timeout and abort errors are subclasses of the connection error.
  if (error instanceof APIUserAbortError) {
    return new LlmNonRetryableError('LLM call cancelled by the caller', { kind: 'aborted' });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmRetryableError('LLM call timed out before the provider answered', { kind: 'timeout' });
  }
  if (error instanceof APIConnectionError) {
    return new LlmRetryableError(`Could not reach the LLM provider: ${scrub(error.message)}`, { kind: 'connection' });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    return fromStatus(error.status, scrub(providerMessage(error.error)), retryAfterOf(error.headers));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LlmNonRetryableError(`Unexpected LLM client failure: ${scrub(message)}`, { kind: 'unexpected' });
}

/**
 * OpenRouter reports some failures inside an HTTP 200 body (`{ error: { code, message } }`).
 * Returns the classified error, or undefined when the body is a normal completion.
 */
export function errorInBody(body: unknown, scrub: (text: string) => string): LlmError | undefined {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return undefined;
  const code = typeof error.code === 'number' ? error.code : 502;
  return fromStatus(code, scrub(providerMessage(error)));
}
