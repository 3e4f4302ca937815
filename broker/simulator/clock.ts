/**
 * The simulator's market clock, in one of two modes:
 *
 * - `stepped`: time stands still until someone advances it. Each step moves one bar (5 minutes) inside
 *   the session; a step at the close jumps to the next session's open. The account workflows step it
 *   once per tick, so a simulated trading day passes as fast as the desk can think.
 * - `realtime`: the wall clock (plus an optional offset, e.g. to replay a past day at normal speed).
 */
import { istClock, istDateKey, MINUTE_MS } from '../../core/time';
import { type SimSession } from './session';

export type ClockMode = 'stepped' | 'realtime';

export interface ClockState {
  readonly mode: ClockMode;
  /** Epoch ms. */
  readonly now: number;
  readonly iso: string;
  /** IST date and time, e.g. `2026-06-19 09:20`. */
  readonly ist: string;
  readonly marketOpen: boolean;
}

export interface MarketClock {
  readonly mode: ClockMode;
  now(): number;
}

/** Clock that only moves when told to. */
export class SteppedClock implements MarketClock {
  readonly mode = 'stepped';
  private current: number;

  constructor(
    start: number,
    private readonly session: SimSession,
    private readonly stepMinutes = 5,
  ) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /**
   * Moves `steps` steps forward. One step: before the open of a trading day → its open; inside the
   * session → `stepMinutes` later (never past the close); at or after the close, or on a closed day →
   * the next session's open.
   */
  advance(steps = 1): number {
    if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a whole number ≥ 1, got ${steps}`);
    for (let i = 0; i < steps; i++) this.current = this.nextStep(this.current);
    return this.current;
  }

  /** Jumps to `t`; time never runs backwards (fills and orders already happened). */
  set(t: number): number {
    if (!Number.isFinite(t)) throw new RangeError('the clock needs a finite epoch-ms time');
    if (t < this.current)
      throw new RangeError(
        `the simulated clock cannot go back (now ${new Date(this.current).toISOString()}); restart the simulator for an earlier day`,
      );
    this.current = t;
    return this.current;
  }

  private nextStep(t: number): number {
    const day = istDateKey(t);
    if (this.session.isTradingDay(day)) {
      const open = this.session.open(day);
      const close = this.session.close(day);
      if (t < open) return open;
      if (t < close) return Math.min(t + this.stepMinutes * MINUTE_MS, close);
    }
    const next = this.session.nextTradingDay(day);
    // Past the end of a replay there is no next session: keep stepping through time.
    return next === undefined ? t + this.stepMinutes * MINUTE_MS : this.session.open(next);
  }
}

/** The wall clock, shifted by `offsetMs`. */
export class RealtimeClock implements MarketClock {
  readonly mode = 'realtime';

  constructor(
    private readonly offsetMs = 0,
    private readonly wall: () => number = Date.now,
  ) {}

  now(): number {
    return this.wall() + this.offsetMs;
  }
}

/** A readable snapshot of a clock for the control API. */
export function clockState(clock: MarketClock, session: SimSession): ClockState {
  const now = clock.now();
  return {
    mode: clock.mode,
    now,
    iso: new Date(now).toISOString(),
    ist: `${istDateKey(now)} ${istClock(now)}`,
    marketOpen: session.isOpen(now),
  };
}
