import { type MarketClock } from '../activities';

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
    // Accounts move the shared clock in lockstep: wait until every active account reached `t`.
    async advanceTo(t, participant = 'desk') {
      for (;;) {
        const now = await call('/clock/arrive', { participant, time: t });
        if (now >= t) return now;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

/** The wall clock, for live markets (nothing to advance). */
export const wallClock: MarketClock = {
  now: () => Promise.resolve(Date.now()),
  advanceTo: () => Promise.resolve(Date.now()),
};
