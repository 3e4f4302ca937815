/**
 * The activities of the trading desk: the only code that does I/O for a cycle. Built from their
 * dependencies (`createActivities(deps)`), so the worker wires real adapters and tests pass fakes.
 * Workflows import this module's type only.
 */
import { heartbeat } from '@temporalio/activity';
import { backtestActivities } from './backtest';
import { decideActivities } from './decide';
import { type ActivityDeps } from './deps';
import { marketActivities } from './market';
import { orderActivities } from './orders';
import { phaseActivities } from './phases';
import { recordActivities } from './records';
import { riskActivities } from './risk';

export type { ActivityDeps, MarketClock } from './deps';
export { NON_RETRYABLE_ERROR_TYPES } from './errors';

export function createActivities(deps: ActivityDeps) {
  const steps = {
    records: recordActivities(deps),
    market: marketActivities(deps),
    decide: decideActivities(deps),
    risk: riskActivities(deps),
    orders: orderActivities(deps),
  };
  return {
    ...heartbeating({
      ...steps.records,
      ...steps.market,
      ...steps.decide,
      ...steps.risk,
      ...steps.orders,
      ...phaseActivities(deps, steps),
    }),
    // Heartbeats its own progress (the wrapper's empty heartbeats would erase it).
    ...backtestActivities(deps),
  };
}

/** How often a running activity tells Temporal it is alive (the steps' heartbeat timeout is 5 s). */
const HEARTBEAT_EVERY_MS = 1_000;

/**
 * Wraps every activity so it heartbeats while it runs: a worker that dies mid-step is then noticed
 * within the heartbeat timeout and the step retried elsewhere, instead of after its whole
 * start-to-close timeout (150 s for an LLM call).
 */
function heartbeating<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      const timer = setInterval(() => {
        try {
          heartbeat();
        } catch {
          // Called outside an activity (a unit test): nothing to tell.
        }
      }, HEARTBEAT_EVERY_MS);
      try {
        return await fn(...args);
      } finally {
        clearInterval(timer);
      }
    };
    Object.defineProperty(wrapped[name], 'name', { value: name });
  }
  return wrapped as T;
}

export type Activities = ReturnType<typeof createActivities>;
