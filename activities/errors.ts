import { ApplicationFailure } from '@temporalio/common';

export { NON_RETRYABLE_ERROR_TYPES } from '../contracts/errors';

/** A business failure: recorded, shown, and never retried. */
export function businessFailure(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, type);
}

/** The message of anything thrown, for records (never a stack trace). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
