import { type MarketClock } from '../activities';

/** How long the simulator holds one arrival open (well under the barrier's staleness and the HTTP timeout). */
const ARRIVE_WAIT_MS = 1_000;

/**
 * The market clock of the simulator, through its control API (`/sim/clock`). Every account shares
 * it; each cycle waits at the barrier until all active accounts are ready for the same bar.
 */
export function simulatorClock(controlUrl: string, timeoutMs = 10_000): MarketClock {
  const call = async (path: string, body?: unknown): Promise<number> => {
    const response = await fetch(`${controlUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await response.json().catch(() => ({}))) as { now?: unknown; error?: { message?: string } };
    if (!response.ok || typeof json.now !== 'number')
      throw new Error(`simulator clock ${path}: HTTP ${response.status} ${json.error?.message ?? ''}`.trim());
    return json.now;
  };
  return {
    now: () => call('/clock'),
    // Accounts move the shared clock in lockstep: wait until every active account reached `t`. Each
    // call is held by the simulator until the clock gets there (or a second passes), so no busy polling.
    async advanceTo(t, participant = 'desk') {
      for (;;) {
        const now = await call('/clock/arrive', { participant, time: t, waitMs: ARRIVE_WAIT_MS });
        if (now >= t) return now;
      }
    },
  };
}

/** The wall clock, for live markets (nothing to advance). */
export const wallClock: MarketClock = {
  now: () => Promise.resolve(Date.now()),
  advanceTo: () => Promise.resolve(Date.now()),
};
