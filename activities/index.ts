/**
 * The activities of the trading desk: the only code that does I/O for a cycle. Built from their
 * dependencies (`createActivities(deps)`), so the worker wires real adapters and tests pass fakes.
 * Workflows import this module's type only.
 */
import { decideActivities } from './decide';
import { type ActivityDeps } from './deps';
import { marketActivities } from './market';
import { orderActivities } from './orders';
import { recordActivities } from './records';
import { riskActivities } from './risk';

export type { ActivityDeps, MarketClock } from './deps';
export { NON_RETRYABLE_ERROR_TYPES } from './errors';

export function createActivities(deps: ActivityDeps) {
  return {
    ...recordActivities(deps),
    ...marketActivities(deps),
    ...decideActivities(deps),
    ...riskActivities(deps),
    ...orderActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
