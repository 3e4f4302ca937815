/**
 * The working ledger (changed in place, as a backtest keeps it) and the immutable ledger functions
 * (as the live desk calls them) are one implementation: the same operations give the same ledger,
 * field for field and key for key, and the immutable functions never change their input.
 */
import fc from 'fast-check';
import { fillCharges } from '../../../core/costs';
import {
  applyFill,
  bookFill,
  markInPlace,
  markToMarket,
  openLedger,
  protectEntries,
  protectEntriesInPlace,
  startDay,
  startDayInPlace,
  workingCopy,
  type Ledger,
} from '../../../core/ledger';
import { DAY_MS } from '../../../core/time';
import { type Fill } from '../../../core/types';

const T0 = Date.UTC(2026, 5, 19, 4, 0);
const SYMBOLS = ['INFY', 'TCS', 'HDFCBANK'] as const;
const price = fc.integer({ min: 1000, max: 40_000 }).map((n) => Number((n * 0.05).toFixed(2)));

type Step =
  | { kind: 'fill'; symbol: string; side: 'BUY' | 'SELL'; quantity: number; price: number; order: number }
  | { kind: 'mark'; prices: Record<string, number> }
  | { kind: 'day' }
  | { kind: 'protect'; symbol: string; stopLoss: number; order: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('fill' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    quantity: fc.integer({ min: 1, max: 60 }),
    price,
    order: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({ kind: fc.constant('mark' as const), prices: fc.record({ INFY: price, TCS: price }) }),
  fc.record({ kind: fc.constant('day' as const) }),
  fc.record({
    kind: fc.constant('protect' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    stopLoss: price,
    order: fc.integer({ min: 0, max: 4 }),
  }),
);

function fillOf(step: Extract<Step, { kind: 'fill' }>, time: number): Fill {
  const { symbol, side, quantity } = step;
  const charges = fillCharges({ side, product: 'INTRADAY', price: step.price, quantity });
  return { orderKey: `o${step.order}`, symbol, side, quantity, price: step.price, time, product: 'INTRADAY', charges };
}

/** Freezes a ledger and its containers, so an immutable function that changed its input would throw. */
function frozen(ledger: Ledger): Ledger {
  Object.freeze(ledger.positions);
  Object.freeze(ledger.marks);
  Object.freeze(ledger.closedTrades);
  return Object.freeze(ledger);
}

describe('working ledger', () => {
  it('changed in place, it ends where the immutable functions end, key for key', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        let immutable = frozen(openLedger('acc', 1_000_000, T0));
        const working = workingCopy(immutable);
        let time = T0;
        for (const step of steps) {
          time += 60_000;
          if (step.kind === 'fill') {
            const fill = fillOf(step, time);
            immutable = frozen(applyFill(immutable, fill));
            const closed = bookFill(working, fill);
            if (closed) expect(working.closedTrades[working.closedTrades.length - 1]).toBe(closed);
          } else if (step.kind === 'mark') {
            immutable = frozen(markToMarket(immutable, step.prices));
            markInPlace(working, step.prices);
          } else if (step.kind === 'day') {
            time += DAY_MS;
            immutable = frozen(startDay(immutable, time));
            expect(startDayInPlace(working, time)).toBe(true);
          } else {
            const entries = [{ orderKey: `o${step.order}`, symbol: step.symbol, stopLoss: step.stopLoss }];
            immutable = frozen(protectEntries(immutable, entries));
            protectEntriesInPlace(working, entries);
          }
          // JSON compares values and the order of keys (the order sums over positions add in).
          expect(JSON.stringify(working)).toBe(JSON.stringify(immutable));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a working copy shares nothing it changes with the ledger it was copied from', () => {
    const ledger = frozen(openLedger('acc', 1_000_000, T0));
    const working = workingCopy(ledger);
    bookFill(working, fillOf({ kind: 'fill', symbol: 'INFY', side: 'BUY', quantity: 10, price: 1500, order: 1 }, T0));
    markInPlace(working, { INFY: 1510 });
    expect(ledger.positions).toEqual({});
    expect(ledger.marks).toEqual({});
    expect(ledger.cash).toBe(1_000_000);
    expect(working.positions.INFY?.quantity).toBe(10);
    expect(working.marks.INFY).toBe(1510);
  });

  it('starting the same day again changes nothing', () => {
    const working = workingCopy(openLedger('acc', 1_000_000, T0));
    expect(startDayInPlace(working, T0 + 3_600_000)).toBe(false);
    expect(startDay(working, T0 + 3_600_000)).toBe(working);
  });
});
