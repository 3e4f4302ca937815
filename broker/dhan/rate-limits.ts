/**
 * Dhan's published rate limits per API category (note §5.1) and a sliding-window limiter that both
 * the client (waits for a free slot) and the simulator (answers 429 when there is none) use.
 */

export type DhanApiCategory = 'order' | 'data' | 'quote' | 'other';

export interface RateWindow {
  readonly windowMs: number;
  readonly max: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Dhan v2 limits. "Unlimited" windows are simply absent. */
export const DHAN_RATE_LIMITS: Readonly<Record<DhanApiCategory, readonly RateWindow[]>> = {
  // Place, modify and cancel share one budget; GET order/trade status counts as "other".
  order: [
    { windowMs: SECOND, max: 10 },
    { windowMs: MINUTE, max: 250 },
    { windowMs: HOUR, max: 1000 },
    { windowMs: DAY, max: 7000 },
  ],
  data: [
    { windowMs: SECOND, max: 5 },
    { windowMs: DAY, max: 100_000 },
  ],
  quote: [{ windowMs: SECOND, max: 1 }],
  other: [{ windowMs: SECOND, max: 20 }],
};

/** The category Dhan counts a request against, from its method and path (relative to `/v2`). */
export function categoryOf(method: string, path: string): DhanApiCategory {
  const m = method.toUpperCase();
  if (path.startsWith('/orders') && m !== 'GET') return 'order';
  if (path === '/positions' && m === 'DELETE') return 'order';
  if (path.startsWith('/charts/')) return 'data';
  if (path.startsWith('/marketfeed/')) return 'quote';
  return 'other';
}

/**
 * Sliding-window log over several windows at once. Times are whatever clock the owner uses; the
 * limiter itself never reads one, so tests drive it with plain numbers.
 */
export class SlidingWindowLimiter {
  // Ascending times of granted requests within the longest window.
  private readonly granted: number[] = [];
  private head = 0;
  private readonly longest: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    this.longest = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /** Milliseconds until a request may go at `now`; 0 means now. Does not take the slot. */
  delayAt(now: number): number {
    this.prune(now);
    let delay = 0;
    for (const w of this.windows) {
      const inWindow = this.countSince(now - w.windowMs);
      if (inWindow >= w.max) {
        // The slot frees when the request that fills the window over its cap leaves it.
        const oldestThatMustLeave = this.granted[this.granted.length - w.max] as number;
        delay = Math.max(delay, oldestThatMustLeave + w.windowMs - now);
      }
    }
    return delay;
  }

  /** Takes a slot at `now` if one is free; returns the wait otherwise (0 = taken). */
  tryTake(now: number): number {
    const delay = this.delayAt(now);
    if (delay === 0) this.granted.push(now);
    return delay;
  }

  /**
   * Moves a granted request from `from` to the later time `to` (when it is known to have reached the
   * server at the latest), keeping the log sorted.
   */
  retime(from: number, to: number): void {
    const index = this.granted.lastIndexOf(from);
    if (index < this.head) return;
    this.granted.splice(index, 1);
    let at = this.granted.length;
    while (at > this.head && (this.granted[at - 1] as number) > to) at--;
    this.granted.splice(at, 0, to);
  }

  /** Number of requests granted after `since` (exclusive). */
  private countSince(since: number): number {
    let lo = this.head;
    let hi = this.granted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.granted[mid] as number) > since) hi = mid;
      else lo = mid + 1;
    }
    return this.granted.length - lo;
  }

  private prune(now: number): void {
    while (this.head < this.granted.length && (this.granted[this.head] as number) <= now - this.longest) this.head++;
    // Compact now and then so the log does not grow for ever.
    if (this.head > 1024 && this.head * 2 > this.granted.length) {
      this.granted.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** Time source of the client limiter; tests pass a fake one whose `sleep` advances `now`. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Wall clock with an abortable `setTimeout` sleep. */
export const systemLimiterClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface DhanRateLimiterOptions {
  readonly clock?: LimiterClock;
  readonly limits?: Readonly<Record<DhanApiCategory, readonly RateWindow[]>>;
  /**
   * Added to every window so that requests spaced exactly one window apart on this side cannot
   * arrive closer together at Dhan after network jitter. Default 100 ms.
   */
  readonly safetyMarginMs?: number;
}

/** Client-side limiter: one sliding window set per category; `acquire` waits for a slot. */
export class DhanRateLimiter {
  private readonly clock: LimiterClock;
  private readonly limiters: Record<DhanApiCategory, SlidingWindowLimiter>;

  constructor(options: DhanRateLimiterOptions = {}) {
    this.clock = options.clock ?? systemLimiterClock;
    const limits = options.limits ?? DHAN_RATE_LIMITS;
    const margin = options.safetyMarginMs ?? 100;
    const build = (c: DhanApiCategory) =>
      new SlidingWindowLimiter(limits[c].map((w) => ({ windowMs: w.windowMs + margin, max: w.max })));
    this.limiters = { order: build('order'), data: build('data'), quote: build('quote'), other: build('other') };
  }

  /**
   * Waits until a request of `category` may go, then takes the slot. Call the returned `settle` when
   * the answer (or the failure) arrives: Dhan counts the request at some moment between sending and
   * answering, so the slot is counted from the answer, and the next request can never reach Dhan
   * inside the window however slow this one was on the way.
   * Rejects with the signal's reason if `signal` aborts while waiting.
   */
  async acquire(category: DhanApiCategory, signal?: AbortSignal): Promise<() => void> {
    const limiter = this.limiters[category];
    for (;;) {
      signal?.throwIfAborted();
      const takenAt = this.clock.now();
      const wait = limiter.tryTake(takenAt);
      if (wait === 0) return () => limiter.retime(takenAt, Math.max(takenAt, this.clock.now()));
      await this.clock.sleep(wait, signal);
    }
  }
}
