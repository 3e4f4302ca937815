import { type MarketClock } from '../activities';

/**
 * The market clock of the simulator, through its control API (`/sim/clock`): the cycle advances the
 * stepped clock to its market time, and every account shares it, so advancing is "at least to".
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
    async advanceTo(t) {
      const now = await call('/clock');
      if (now >= t) return now;
      try {
        return await call('/clock/set', { time: t });
      } catch (error) {
        // Another account may have moved the shared clock past `t` in between: that is fine.
        const after = await call('/clock');
        if (after >= t) return after;
        throw error;
      }
    },
  };
}

/** The wall clock, for live markets (nothing to advance). */
export const wallClock: MarketClock = {
  now: () => Promise.resolve(Date.now()),
  advanceTo: () => Promise.resolve(Date.now()),
};
