/**
 * When an account's next cycle runs, as pure arithmetic on the NSE calendar (fixed +05:30, no
 * time-zone database), so it replays identically.
 */
import { NSE_CALENDAR, nextTick } from '../core/calendar';
import { istClock, istDateKey } from '../core/time';

const BAR_MS = 5 * 60_000;

/**
 * A per-account delay after each bar close: 5 s for the data source to publish the bar, plus up to
 * 10 s spread by the account id so thousands of accounts do not all fire in the same second.
 */
export function tickOffsetMs(accountId: string): number {
  let hash = 0;
  for (let i = 0; i < accountId.length; i++) hash = (Math.imul(hash, 31) + accountId.charCodeAt(i)) >>> 0;
  return 5_000 + (hash % 10_000);
}

/** The last bar close at or before `t` (the market time a cycle at `t` decides for). */
export function barCloseAtOrBefore(t: number): number {
  return Math.floor(t / BAR_MS) * BAR_MS;
}

/** The next cycle's market time after `marketTime` on the session grid (09:20 … 15:30 IST). */
export function nextMarketTime(marketTime: number): number {
  return nextTick(marketTime, NSE_CALENDAR, 0);
}

/** Whether the cycle at `marketTime` is the last of its trading day. */
export function isLastOfDay(marketTime: number): boolean {
  return istDateKey(nextMarketTime(marketTime)) !== istDateKey(marketTime);
}

/** `10:35 IST 2026-06-01`, for summaries. */
export function istLabel(t: number): string {
  return `${istClock(t)} IST ${istDateKey(t)}`;
}
