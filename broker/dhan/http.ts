/**
 * One Dhan HTTP call: rate limit, headers, timeout and cancellation, error classification and
 * response validation. Everything the typed client does goes through {@link DhanHttp.call}.
 */
import type { Logger } from 'pino';
import { type z } from 'zod';
import { type Secret } from '../../config/secret';
import {
  DhanCancelledError,
  DhanNetworkError,
  DhanResponseError,
  DhanTimeoutError,
  errorFromResponse,
  summariseCause,
  type DhanError,
} from './errors';
import { categoryOf, DhanRateLimiter } from './rate-limits';
import { describeIssues } from './requests';

/** The logger methods the client uses (a pino logger fits). */
export type DhanLogger = Pick<Logger, 'debug' | 'warn'>;

export interface DhanHttpOptions {
  /** API base, e.g. `https://api.dhan.co/v2` or a simulator's `url`. */
  readonly baseUrl: string;
  /** Dhan client id, sent as the `client-id` header. */
  readonly clientId: string;
  /** The access token; revealed only into the `access-token` header. */
  readonly accessToken: Secret;
  /** Per-call timeout (default 10 s): covers sending, waiting and reading the body. */
  readonly timeoutMs?: number;
  /** Client-side limiter; default: Dhan's limits on the wall clock. `null` turns limiting off. */
  readonly rateLimiter?: DhanRateLimiter | null;
  readonly logger?: DhanLogger;
  /** Injectable for tests; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CallSpec<T> {
  readonly method: HttpMethod;
  /** Path relative to the base URL, already URI-encoded, e.g. `/orders/123`. */
  readonly path: string;
  readonly body?: unknown;
  /** Decodes and checks the 2xx answer (`null` stands for an empty body). */
  readonly schema: z.ZodType<T>;
  /** External cancellation, e.g. Temporal's `cancellationSignal()`. */
  readonly signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class DhanHttp {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly limiter: DhanRateLimiter | null;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: DhanHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.limiter = options.rateLimiter === undefined ? new DhanRateLimiter() : options.rateLimiter;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Replaces every occurrence of the token in `text` (second fence behind never putting it there). */
  readonly scrub = (text: string): string => {
    const token = this.options.accessToken.reveal();
    return token.length > 0 ? text.split(token).join('[redacted]') : text;
  };

  /** Performs one call; throws a typed {@link DhanError} on any failure. */
  async call<T>(spec: CallSpec<T>): Promise<T> {
    const endpoint = `${spec.method} ${spec.path}`;
    let settle = () => {};
    if (this.limiter) {
      try {
        settle = await this.limiter.acquire(categoryOf(spec.method, spec.path), spec.signal);
      } catch {
        throw new DhanCancelledError(`Dhan ${endpoint} was cancelled while waiting for the rate limiter`, { endpoint });
      }
    }
    const started = Date.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = spec.signal ? AbortSignal.any([timeout, spec.signal]) : timeout;
    let status: number;
    let text: string;
    try {
      const response = await this.fetchImpl(this.baseUrl + spec.path, {
        method: spec.method,
        headers: this.headers(spec.body !== undefined),
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw this.fail(this.transportError(error, endpoint, spec.signal, timeout), started);
    } finally {
      settle();
    }
    if (status < 200 || status > 299) throw this.fail(errorFromResponse(status, text, endpoint, this.scrub), started);
    const result = spec.schema.safeParse(parseJson(text));
    if (!result.success) {
      const error = new DhanResponseError(
        `Dhan ${endpoint} answered HTTP ${status} with an unexpected shape: ${describeIssues(result.error)}`,
        { endpoint, status },
      );
      throw this.fail(error, started);
    }
    this.options.logger?.debug({ endpoint, status, ms: Date.now() - started }, 'dhan call');
    return result.data;
  }

  private headers(hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'client-id': this.options.clientId,
      'access-token': this.options.accessToken.reveal(),
    };
    if (hasBody) headers['Content-Type'] = 'application/json';
    return headers;
  }

  private transportError(
    error: unknown,
    endpoint: string,
    external: AbortSignal | undefined,
    timeout: AbortSignal,
  ): DhanError {
    if (external?.aborted) return new DhanCancelledError(`Dhan ${endpoint} was cancelled by the caller`, { endpoint });
    if (timeout.aborted)
      return new DhanTimeoutError(
        `Dhan ${endpoint} gave no complete answer within ${this.timeoutMs} ms; for an order, look it up by correlation id before retrying`,
        { endpoint },
      );
    const cause = summariseCause(error, this.scrub);
    return new DhanNetworkError(
      `Dhan ${endpoint} failed on the network (${cause.message}); for an order, look it up by correlation id before retrying`,
      { endpoint, cause },
    );
  }

  private fail(error: DhanError, started: number): DhanError {
    this.options.logger?.warn(
      {
        endpoint: error.endpoint,
        status: error.status,
        code: error.code,
        error: error.name,
        retryable: error.retryable,
        ms: Date.now() - started,
      },
      error.message,
    );
    return error;
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // Let the schema report it: a string never matches an object schema.
    return text;
  }
}
