/** The stepped market clock: one bar per step, the close jumps to the next session's open. */
import { RealtimeClock, SteppedClock } from '../../../../broker/simulator/clock';
import { createSession } from '../../../../broker/simulator/session';
import { isTradingDay } from '../../../../core/calendar';
import { ist } from './fixed-market';

const session = createSession((d) => isTradingDay(d));
const show = (t: number) => new Date(t + 330 * 60_000).toISOString().slice(0, 16).replace('T', ' ');

describe('SteppedClock', () => {
  it('moves 5 minutes per step inside the session', () => {
    const clock = new SteppedClock(ist('2026-06-19 09:15'), session);
    expect(show(clock.advance())).toBe('2026-06-19 09:20');
    expect(show(clock.advance(3))).toBe('2026-06-19 09:35');
  });

  it('runs a whole session in 75 steps, then opens the next trading day (skipping the weekend)', () => {
    const clock = new SteppedClock(ist('2026-06-19 09:15'), session);
    expect(show(clock.advance(75))).toBe('2026-06-19 15:30');
    expect(show(clock.advance())).toBe('2026-06-22 09:15');
  });

  it('skips holidays: 25 June → 29 June around Muharram (Fri 26 June 2026)', () => {
    const clock = new SteppedClock(ist('2026-06-25 15:30'), session);
    expect(show(clock.advance())).toBe('2026-06-29 09:15');
  });

  it('goes from before the open to the open, and never past the close', () => {
    const clock = new SteppedClock(ist('2026-06-19 08:00'), session);
    expect(show(clock.advance())).toBe('2026-06-19 09:15');
    clock.set(ist('2026-06-19 15:27'));
    expect(show(clock.advance())).toBe('2026-06-19 15:30');
  });

  it('refuses to go back in time or to take a non-whole number of steps', () => {
    const clock = new SteppedClock(ist('2026-06-19 10:00'), session);
    expect(() => clock.set(ist('2026-06-19 09:59'))).toThrow('cannot go back');
    expect(() => clock.advance(0)).toThrow(RangeError);
    expect(() => clock.advance(1.5)).toThrow(RangeError);
  });
});

describe('RealtimeClock', () => {
  it('is the wall clock plus the offset', () => {
    expect(new RealtimeClock(-1000, () => 5000).now()).toBe(4000);
  });
});
