/**
 * Typed Dhan errors, classified by what the caller should do next (style habit 14):
 *
 * - retry later: {@link DhanRateLimitError}, {@link DhanServerError}, {@link DhanNetworkError},
 *   {@link DhanTimeoutError} (`retryable: true`);
 * - stop and fix something: {@link DhanAuthError}, {@link DhanAccessError}, {@link DhanInputError},
 *   {@link DhanOrderError}, {@link DhanResponseError}, {@link DhanCancelledError} (`retryable: false`).
 *
 * Temporal names a thrown error's failure type after its class, so an activity's retry policy can
 * list {@link DHAN_NON_RETRYABLE_ERROR_TYPES} as `nonRetryableErrorTypes`.
 *
 * No error ever holds the access token: messages are built from Dhan's answer and the endpoint
 * (`POST /orders`, never a URL with credentials), and low-level causes are replaced by a plain
 * summary so no request object or header travels with the error.
 */
import { dhanDataErrorBodySchema, dhanErrorBodySchema, springErrorBodySchema } from './responses';

export interface DhanErrorDetails {
  /** `METHOD /path` relative to the base URL, e.g. `POST /orders`. */
  readonly endpoint: string;
  /** Dhan's code: `DH-905`, or a Data-API code such as `805`. */
  readonly code?: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** Dhan's own message (`errorMessage`), scrubbed. */
  readonly dhanMessage?: string;
  readonly cause?: Error;
}

/** Base class of every error the Dhan client throws. */
export abstract class DhanError extends Error {
  /** Whether trying the same call again later can succeed. */
  abstract readonly retryable: boolean;
  readonly endpoint: string;
  readonly code?: string;
  readonly status?: number;
  readonly dhanMessage?: string;

  constructor(message: string, details: DhanErrorDetails) {
    super(message, details.cause ? { cause: details.cause } : undefined);
    this.endpoint = details.endpoint;
    this.code = details.code;
    this.status = details.status;
    this.dhanMessage = details.dhanMessage;
  }
}

/** DH-901 (and Data-API 807–810): the token or client id is invalid or expired. */
export class DhanAuthError extends DhanError {
  override readonly name = 'DhanAuthError';
  readonly retryable = false;
}

/** DH-902/903/911 (and 806): no data plan, segment not active, or the order came from a non-whitelisted IP. */
export class DhanAccessError extends DhanError {
  override readonly name = 'DhanAccessError';
  readonly retryable = false;
}

/** DH-904, HTTP 429 or Data-API 805: too many requests. */
export class DhanRateLimitError extends DhanError {
  override readonly name = 'DhanRateLimitError';
  readonly retryable = true;
}

/** DH-905/907 (and 804, 811–814) or any other 4xx: the request itself is wrong. */
export class DhanInputError extends DhanError {
  override readonly name = 'DhanInputError';
  readonly retryable = false;
}

/** DH-906: Dhan refused the order (insufficient funds, market closed, not modifiable, …). */
export class DhanOrderError extends DhanError {
  override readonly name = 'DhanOrderError';
  readonly retryable = false;
}

/** DH-908/909 or HTTP 5xx: Dhan's side failed. For a mutation the outcome is unknown. */
export class DhanServerError extends DhanError {
  override readonly name = 'DhanServerError';
  readonly retryable = true;
}

/** The connection failed or was dropped. For a mutation the outcome is unknown. */
export class DhanNetworkError extends DhanError {
  override readonly name = 'DhanNetworkError';
  readonly retryable = true;
}

/** No complete answer within the client's timeout. For a mutation the outcome is unknown. */
export class DhanTimeoutError extends DhanError {
  override readonly name = 'DhanTimeoutError';
  readonly retryable = true;
}

/** The caller's AbortSignal fired (e.g. Temporal cancelled the activity). */
export class DhanCancelledError extends DhanError {
  override readonly name = 'DhanCancelledError';
  readonly retryable = false;
}

/** A 2xx answer that does not have the documented shape. */
export class DhanResponseError extends DhanError {
  override readonly name = 'DhanResponseError';
  readonly retryable = false;
}

/** Error class names a Temporal retry policy should not retry. */
export const DHAN_NON_RETRYABLE_ERROR_TYPES = [
  'DhanAuthError',
  'DhanAccessError',
  'DhanInputError',
  'DhanOrderError',
  'DhanResponseError',
  'DhanCancelledError',
] as const;

/**
 * Errors after which a mutation (place/modify/cancel) may or may not have been applied by Dhan:
 * the caller must look the order up before trying again.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof DhanTimeoutError || error instanceof DhanNetworkError || error instanceof DhanServerError;
}

type ErrorClass = new (message: string, details: DhanErrorDetails) => DhanError;

const BY_CODE: Readonly<Record<string, ErrorClass>> = {
  'DH-901': DhanAuthError,
  'DH-902': DhanAccessError,
  'DH-903': DhanAccessError,
  'DH-904': DhanRateLimitError,
  'DH-905': DhanInputError,
  'DH-906': DhanOrderError,
  'DH-907': DhanInputError,
  'DH-908': DhanServerError,
  'DH-909': DhanServerError,
  'DH-911': DhanAccessError,
  '800': DhanServerError,
  '804': DhanInputError,
  '805': DhanRateLimitError,
  '806': DhanAccessError,
  '807': DhanAuthError,
  '808': DhanAuthError,
  '809': DhanAuthError,
  '810': DhanAuthError,
  '811': DhanInputError,
  '812': DhanInputError,
  '813': DhanInputError,
  '814': DhanInputError,
};

/** What to do about each class, appended to the message (style habit 18: show the way out). */
const ADVICE = new Map<ErrorClass, string>([
  [
    DhanAuthError,
    'Generate a new 24-hour access token at web.dhan.co → My Profile → Access DhanHQ APIs and check DHAN_CLIENT_ID.',
  ],
  [DhanAccessError, 'Check the data plan, the active segments and the whitelisted static IP in your Dhan profile.'],
  [DhanRateLimitError, 'Too many requests: retry later; another process may be using the same token.'],
  [DhanInputError, 'The request is wrong; fix the named fields rather than retrying.'],
  [DhanOrderError, 'Dhan refused the order; retrying the same order will not help.'],
  [DhanServerError, 'Dhan failed on its side; retry later (look the order up first if this was a mutation).'],
]);

function classFor(code: string | undefined, status: number, message: string): ErrorClass {
  // Seen on the wire: a static-IP refusal as DH-905 "Invalid IP", an expired token as DH-906.
  if (/invalid ip/i.test(message)) return DhanAccessError;
  if (code === 'DH-906' && /invalid token/i.test(message)) return DhanAuthError;
  const known = code === undefined ? undefined : BY_CODE[code];
  if (known) return known;
  if (status === 429) return DhanRateLimitError;
  if (status === 401) return DhanAuthError;
  if (status === 403) return DhanAccessError;
  if (status >= 500) return DhanServerError;
  return DhanInputError;
}

function readBody(text: string): { code?: string; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: text.trim().slice(0, 300) };
  }
  const trading = dhanErrorBodySchema.safeParse(json);
  if (trading.success && (trading.data.errorCode || trading.data.errorMessage)) {
    const { errorCode, errorType, errorMessage } = trading.data;
    return { code: errorCode, message: errorMessage ?? errorType ?? '' };
  }
  const data = dhanDataErrorBodySchema.safeParse(json);
  if (data.success) {
    const [code, message] = Object.entries(data.data.data)[0] ?? [];
    return { code, message: message ?? '' };
  }
  const spring = springErrorBodySchema.safeParse(json);
  if (spring.success) return { message: `${spring.data.error}${spring.data.path ? ` (${spring.data.path})` : ''}` };
  return { message: text.trim().slice(0, 300) };
}

/**
 * Turns a non-2xx answer into the matching typed error. The body may be Dhan's trading shape
 * (`errorCode`), its Data-API shape (`{"status":"failed","data":{"805": …}}`), a Spring 404 or text.
 *
 * @param scrub removes secrets from any text before it enters the error.
 */
export function errorFromResponse(
  status: number,
  bodyText: string,
  endpoint: string,
  scrub: (text: string) => string,
): DhanError {
  const body = readBody(scrub(bodyText));
  const ErrorType = classFor(body.code, status, body.message);
  const label = body.code ? `${body.code}, HTTP ${status}` : `HTTP ${status}`;
  const advice = ADVICE.get(ErrorType);
  const message = `Dhan ${endpoint} failed (${label}): ${body.message || 'no message'}${advice ? `. ${advice}` : ''}`;
  return new ErrorType(message, { endpoint, status, code: body.code, dhanMessage: body.message || undefined });
}

/**
 * A plain stand-in for a low-level error (fetch's `TypeError: fetch failed` and its socket cause),
 * keeping only names, codes and scrubbed messages, so no request or header object is retained.
 */
export function summariseCause(error: unknown, scrub: (text: string) => string): Error {
  const parts: string[] = [];
  let code: string | undefined;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const errno = (e as { code?: unknown }).code;
    if (code === undefined && typeof errno === 'string') code = errno;
    parts.push(`${e.name}: ${e.message}`);
  }
  const summary = new Error(scrub(parts.join(' <- ') || String(error)));
  summary.name = 'NetworkCause';
  if (code) (summary as Error & { code?: string }).code = code;
  return summary;
}
