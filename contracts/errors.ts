/**
 * Error types that activity retries must not retry: business failures and bad input, which fail
 * the same way every time. Transient failures (network, 5xx, rate limits, timeouts) are retried.
 * Workflows use this list in their retry policies; a test checks it covers the broker's and the
 * LLM layer's non-retryable error classes.
 */
export const NON_RETRYABLE_ERROR_TYPES: readonly string[] = [
  'AccountNotFound',
  'LlmNonRetryableError',
  'LedgerError',
  'CandleValidationError',
  'BrokerInputError',
  'DhanAuthError',
  'DhanAccessError',
  'DhanInputError',
  'DhanOrderError',
  'DhanResponseError',
  'DhanCancelledError',
];
