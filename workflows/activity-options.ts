import { type ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_ERROR_TYPES } from '../contracts/errors';
import { ORDER_VALIDITY_MS } from '../contracts/orders';

/**
 * Retry policy per kind of step. Transient failures (network, 5xx, rate limits) retry with
 * backoff; business failures are never retried (their error types are listed in contracts/errors).
 */
const NON_RETRYABLE = [...NON_RETRYABLE_ERROR_TYPES];

/** Activities heartbeat every second: a worker that dies mid-step is noticed within this. */
const HEARTBEAT_TIMEOUT = '5s';

/** Reads and writes of Postgres and the broker's data APIs. */
export const DATA_STEP: ActivityOptions = {
  startToCloseTimeout: '30s',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  scheduleToCloseTimeout: '3m',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '15s',
    maximumAttempts: 8,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

/** The LLM call: long, paid, and retried at most twice more. */
export const DECIDE_STEP: ActivityOptions = {
  startToCloseTimeout: '150s',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '20s',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

/** Order placement: bounded so a late retry can never place a stale order (the activity also checks). */
export const ORDER_STEP: ActivityOptions = {
  startToCloseTimeout: '20s',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  scheduleToCloseTimeout: ORDER_VALIDITY_MS,
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '10s',
    maximumAttempts: 8,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};
