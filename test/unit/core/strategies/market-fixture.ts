/**
 * A deterministic synthetic market for pipeline tests: a seeded random walk of 5-minute bars over
 * consecutive days, with U-shaped volume. Seed 34 was picked because all four strategies fire on its
 * first 12 sessions, so pipeline tests exercise every rule set.
 */
import { DAY_MS } from '../../../../core/time';
import { type Candle } from '../../../../core/types';
import { addMinutes, bar, MON } from '../candle-fixtures';

/** mulberry32: a tiny seeded generator. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tick = (x: number) => Math.round(x * 10) / 10;

/** `sessions` sessions of 75 bars from Monday 2026-06-01 (weekends ignored to keep it simple). */
export function randomWalkSessions(seed = 34, sessions = 12): Candle[] {
  const random = seeded(seed);
  const out: Candle[] = [];
  let price = 1000;
  for (let s = 0; s < sessions; s++) {
    for (let i = 0; i < 75; i++) {
      const open = price;
      const close = tick(open + (random() - 0.5) * 3);
      const high = tick(Math.max(open, close) + random() * 1.2);
      const low = tick(Math.min(open, close) - random() * 1.2);
      const volume = Math.round(1000 + 40 * Math.abs(i - 37) + random() * 2000);
      const b = bar(MON, addMinutes('09:15', 5 * i), open, high, low, close, volume);
      out.push({ ...b, time: b.time + s * DAY_MS });
      price = close;
    }
  }
  return out;
}
