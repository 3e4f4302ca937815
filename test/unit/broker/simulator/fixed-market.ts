/** A hand-made market for simulator unit tests: RELIANCE only, a few 5-minute bars per day. */
import { parseIstDateTime } from '../../../../broker/dhan/dates';
import { type MarketSource } from '../../../../broker/simulator/market/source';
import { INSTRUMENTS } from '../../../../core/instruments';
import { type Candle } from '../../../../core/types';

export const RELIANCE = INSTRUMENTS.find((i) => i.symbol === 'RELIANCE')!;

/** Epoch ms of an IST `YYYY-MM-DD HH:MM`. */
export function ist(text: string): number {
  const t = parseIstDateTime(text);
  if (t === undefined) throw new Error(`bad time ${text}`);
  return t;
}

/** `[open, high, low, close, volume]` rows of consecutive 5-minute bars starting at `start`. */
export function bars(start: string, rows: ReadonlyArray<readonly [number, number, number, number, number]>): Candle[] {
  return rows.map(([open, high, low, close, volume], i) => ({
    time: ist(start) + i * 5 * 60_000,
    open,
    high,
    low,
    close,
    volume,
  }));
}

/**
 * Thu 18 June 2026: one bar closing at 1000 (the previous close, so the band is 900–1100).
 * Fri 19 June: three bars from 09:15. Mon 22 June: one bar. (20–21 June is a weekend.)
 */
export const FIXED_DAYS: Readonly<Record<string, Candle[]>> = {
  '2026-06-18': bars('2026-06-18 09:15', [[1000, 1001, 999, 1000, 1000]]),
  '2026-06-19': bars('2026-06-19 09:15', [
    [1000, 1004, 998, 1002, 10_000],
    [1002, 1003, 995, 996, 500],
    [996, 1001, 994, 1000, 20_000],
  ]),
  '2026-06-22': bars('2026-06-22 09:15', [[1010, 1012, 1008, 1011, 5000]]),
};

export function fixedSource(days: Readonly<Record<string, Candle[]>> = FIXED_DAYS): MarketSource {
  return {
    baseMinutes: 5,
    instruments: [RELIANCE],
    firstDay: Object.keys(days).sort()[0]!,
    isTradingDay: (d) => d in days,
    session: (symbol, d) => (symbol === 'RELIANCE' ? days[d] : undefined),
  };
}
