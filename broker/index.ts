/**
 * What activities and the broker factory import. The simulator lives apart, in `broker/simulator`
 * (it pulls in Express), so activity code never loads it.
 */
import { BROKER_NON_RETRYABLE_ERROR_TYPES } from './broker';
import { DHAN_NON_RETRYABLE_ERROR_TYPES } from './dhan/errors';

export {
  BROKER_NON_RETRYABLE_ERROR_TYPES,
  BrokerInputError,
  correlationIdSchema,
  instrumentFor,
  ORDER_STATUSES,
  TERMINAL_STATUSES,
  validateOrderIntent,
  type Broker,
  type BrokerFunds,
  type BrokerOrder,
  type BrokerPosition,
  type BrokerQuote,
  type BrokerTrade,
  type OrderIntent,
  type OrderStatus,
  type PlaceOrderResult,
  type Validity,
} from './broker';
export {
  DhanClient,
  isNoData,
  type DhanClientOptions,
  type ModifyOrderInput,
  type PlaceOrderInput,
} from './dhan/client';
export { DhanBroker, type DhanBrokerOptions } from './dhan/dhan-broker';
export {
  DHAN_NON_RETRYABLE_ERROR_TYPES,
  DhanAccessError,
  DhanAuthError,
  DhanCancelledError,
  DhanError,
  DhanInputError,
  DhanNetworkError,
  DhanOrderError,
  DhanRateLimitError,
  DhanResponseError,
  DhanServerError,
  DhanTimeoutError,
  isOutcomeUnknown,
} from './dhan/errors';
export { type DhanLogger } from './dhan/http';
export { DhanRateLimiter, DHAN_RATE_LIMITS, type DhanApiCategory, type LimiterClock } from './dhan/rate-limits';

/**
 * Every error class name from `broker/` that a Temporal retry policy should list in
 * `nonRetryableErrorTypes` (bad input, refusals, auth/access problems, cancellation).
 */
export const NON_RETRYABLE_ERROR_TYPES: readonly string[] = [
  ...DHAN_NON_RETRYABLE_ERROR_TYPES,
  ...BROKER_NON_RETRYABLE_ERROR_TYPES,
];
