/** The sliding-window limiter, with times as plain numbers so every wait is computed by hand. */
import { categoryOf, DhanRateLimiter, SlidingWindowLimiter, type LimiterClock } from '../../../broker/dhan/rate-limits';

describe('SlidingWindowLimiter', () => {
  it('grants up to the cap per window, then waits until the oldest request leaves', () => {
    const limiter = new SlidingWindowLimiter([{ windowMs: 1000, max: 3 }]);
    expect([0, 100, 200].map((t) => limiter.tryTake(t))).toEqual([0, 0, 0]);
    // Three requests in (−800, 200]; the one at 0 leaves the window at 1000 → wait 1000 − 300 = 700.
    expect(limiter.tryTake(300)).toBe(700);
    // A refused request takes no slot: at 1000 the window (0, 1000] holds 100 and 200 only.
    expect(limiter.tryTake(1000)).toBe(0);
    // Now 100, 200, 1000 are in (50, 1050]; the 100 leaves at 1100 → wait 50.
    expect(limiter.tryTake(1050)).toBe(50);
  });

  it('applies every window and waits for the slowest', () => {
    // 2 per second and 3 per 10 seconds.
    const limiter = new SlidingWindowLimiter([
      { windowMs: 1000, max: 2 },
      { windowMs: 10_000, max: 3 },
    ]);
    expect([0, 10, 1500].map((t) => limiter.tryTake(t))).toEqual([0, 0, 0]);
    // Per second: only 1500 in (600, 1600] → free. Per 10 s: 0, 10, 1500 → the 0 leaves at 10 000.
    expect(limiter.tryTake(1600)).toBe(8400);
  });

  it('keeps counting correctly after many requests (log compaction)', () => {
    const limiter = new SlidingWindowLimiter([{ windowMs: 10, max: 1 }]);
    for (let t = 0; t < 50_000; t += 10) expect(limiter.tryTake(t)).toBe(0);
    expect(limiter.tryTake(49_995)).toBe(5); // last grant at 49 990 leaves at 50 000
  });
});

describe('DhanRateLimiter', () => {
  /** A clock whose sleep moves time forward instantly and records the waits. */
  function fakeClock(): LimiterClock & { waits: number[] } {
    let now = 0;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    };
  }

  it('lets 10 order requests through in a second and makes the 11th wait for the window plus the margin', async () => {
    const clock = fakeClock();
    const limiter = new DhanRateLimiter({ clock, safetyMarginMs: 100 });
    for (let i = 0; i < 10; i++) await limiter.acquire('order');
    expect(clock.waits).toEqual([]);
    await limiter.acquire('order');
    // All ten went at t = 0; the window is 1000 + 100 ms → the 11th waits 1100 ms.
    expect(clock.waits).toEqual([1100]);
    expect(clock.now()).toBe(1100);
  });

  it('limits quotes to one per second and keeps categories apart', async () => {
    const clock = fakeClock();
    const limiter = new DhanRateLimiter({ clock, safetyMarginMs: 0 });
    await limiter.acquire('quote');
    for (let i = 0; i < 20; i++) await limiter.acquire('other');
    expect(clock.waits).toEqual([]);
    await limiter.acquire('quote');
    expect(clock.waits).toEqual([1000]);
  });

  it('applies the 250-per-minute order cap after the per-second cap', async () => {
    const clock = fakeClock();
    const limiter = new DhanRateLimiter({ clock, safetyMarginMs: 0 });
    for (let i = 0; i < 250; i++) await limiter.acquire('order');
    // 250 orders at 10/s: bursts at t = 0, 1000, …, 24 000 → 24 waits of 1000 ms.
    expect(clock.waits).toHaveLength(24);
    expect(clock.now()).toBe(24_000);
    await limiter.acquire('order');
    // The 251st: the minute window holds all 250 since t = 0 → wait until 60 000.
    expect(clock.now()).toBe(60_000);
  });

  it('counts a slow request from its answer, so the next one cannot reach Dhan inside the window', async () => {
    const clock = fakeClock();
    const limiter = new DhanRateLimiter({ clock, safetyMarginMs: 0 });
    const settle = await limiter.acquire('quote');
    await clock.sleep(300); // the answer takes 300 ms: Dhan may have counted the request as late as that
    clock.waits.length = 0;
    settle();
    await limiter.acquire('quote');
    expect(clock.waits).toEqual([1000]);
    expect(clock.now()).toBe(1300);
  });

  it('keeps the window right when concurrent requests settle out of order', async () => {
    const clock = fakeClock();
    const limiter = new DhanRateLimiter({ clock, safetyMarginMs: 0 });
    const settles = [];
    for (let i = 0; i < 10; i++) settles.push(await limiter.acquire('order'));
    await clock.sleep(50);
    settles[9]!(); // the last one sent answers first, at 50
    await clock.sleep(150);
    for (const settle of settles.slice(0, 9)) settle(); // the others at 200
    clock.waits.length = 0;
    await limiter.acquire('order');
    // The earliest of the ten now counts from 50: the eleventh may go at 1050.
    expect(clock.now()).toBe(1050);
  });

  it('stops waiting when the signal aborts', async () => {
    const limiter = new DhanRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire('quote');
    const controller = new AbortController();
    const waiting = limiter.acquire('quote', controller.signal);
    controller.abort(new Error('activity cancelled'));
    await expect(waiting).rejects.toThrow('activity cancelled');
  });
});

describe('categoryOf', () => {
  it.each([
    ['POST', '/orders', 'order'],
    ['PUT', '/orders/123', 'order'],
    ['DELETE', '/orders/123', 'order'],
    ['DELETE', '/positions', 'order'],
    ['GET', '/orders', 'other'],
    ['GET', '/orders/external/abc', 'other'],
    ['GET', '/trades', 'other'],
    ['POST', '/charts/intraday', 'data'],
    ['POST', '/marketfeed/quote', 'quote'],
    ['GET', '/fundlimit', 'other'],
  ])('%s %s counts as %s', (method, path, category) => {
    expect(categoryOf(method, path)).toBe(category);
  });
});
