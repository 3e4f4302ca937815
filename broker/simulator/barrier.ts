/**
 * Lockstep for accounts sharing the simulated market. Each account says which bar close it is ready
 * to trade ("arrive at t"); the stepped clock moves only to the earliest time every active account
 * has arrived at. So no account runs ahead of another: each sees every bar, and its orders fill at
 * its own bar, the way the backtester assumes. An account silent for `staleMs` of wall time (stopped,
 * or its worker died) stops holding the others back until it arrives again.
 */
export class ClockBarrier {
  private readonly arrivals = new Map<string, { time: number; seenAt: number }>();

  constructor(
    private readonly staleMs = 30_000,
    private readonly wall: () => number = Date.now,
  ) {}

  /**
   * Records that `participant` is ready for market time `time` and returns how far the clock may
   * now move: the earliest time all active participants have arrived at.
   */
  arrive(participant: string, time: number): number {
    const now = this.wall();
    this.arrivals.set(participant, { time, seenAt: now });
    let target = Infinity;
    for (const [id, a] of this.arrivals) {
      if (now - a.seenAt > this.staleMs) this.arrivals.delete(id);
      else target = Math.min(target, a.time);
    }
    return target;
  }

  /** Who is being waited for, for the control API. */
  participants(): { id: string; time: number; seenAt: number }[] {
    return [...this.arrivals].map(([id, a]) => ({ id, ...a }));
  }
}
