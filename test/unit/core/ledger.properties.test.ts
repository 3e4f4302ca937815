/**
 * Accounting invariants of the ledger, checked on random fill sequences (longs, shorts, partial
 * fills, flips) with real Indian charges.
 */
import fc from 'fast-check';
import { fillCharges, orderCharges, addCharges } from '../../../core/costs';
import {
  applyFill,
  equityOf,
  grossExposureOf,
  openLedger,
  snapshot,
  unrealisedPnlOf,
  type Ledger,
} from '../../../core/ledger';
import { roundPaise } from '../../../core/ticks';
import { type Fill, type ProductType } from '../../../core/types';

const T0 = Date.UTC(2026, 5, 19, 4, 0);
const CAPITAL = 1_000_000;
const SYMBOLS = ['INFY', 'TCS', 'HDFCBANK'] as const;

/** A price on the 0.05 tick between ₹50 and ₹2,000. */
const price = fc.integer({ min: 1000, max: 40_000 }).map((n) => n * 0.05);
const product = fc.constantFrom<ProductType>('INTRADAY', 'CNC');

const fillArb = fc
  .record({
    symbol: fc.constantFrom(...SYMBOLS),
    side: fc.constantFrom('BUY', 'SELL' as const),
    quantity: fc.integer({ min: 1, max: 60 }),
    price,
    product,
    orderNo: fc.integer({ min: 0, max: 5 }),
  })
  .map((f): Omit<Fill, 'time'> => ({
    orderKey: `o${f.orderNo}`,
    symbol: f.symbol,
    side: f.side,
    quantity: f.quantity,
    price: Number(f.price.toFixed(2)),
    product: f.product,
    charges: fillCharges(f),
  }));

const fillsArb = fc
  .array(fillArb, { minLength: 1, maxLength: 40 })
  .map((fills) => fills.map((f, i): Fill => ({ ...f, time: T0 + i * 60_000 })));
/** One plain fill, for the hand-made cases next to the properties. */
const sample: Fill = {
  orderKey: 'o1',
  symbol: 'INFY',
  side: 'BUY',
  quantity: 10,
  price: 1500,
  time: T0,
  product: 'INTRADAY',
  charges: { brokerage: 0, stt: 0, exchange: 0, sebi: 0, stamp: 0, gst: 0, total: 0 },
};
const marksArb = fc.record({ INFY: price, TCS: price, HDFCBANK: price });

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6);
}

/** Every ledger along the way, so invariants are checked after each fill, not only at the end. */
function replay(fills: readonly Fill[]): Ledger[] {
  const states = [openLedger('acct', CAPITAL, T0)];
  for (const f of fills) states.push(applyFill(states[states.length - 1] as Ledger, f));
  return states;
}

function netQuantity(fills: readonly Fill[], symbol: string): number {
  return fills
    .filter((f) => f.symbol === symbol)
    .reduce((q, f) => q + (f.side === 'BUY' ? f.quantity : -f.quantity), 0);
}

describe('ledger invariants', () => {
  it('cash = capital − buys + sells − charges, to the paisa', () => {
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const ledger = replay(fills).at(-1) as Ledger;
        // Computed independently of the ledger, in whole paise.
        const paise = fills.reduce(
          (sum, f) =>
            sum +
            (f.side === 'SELL' ? 1 : -1) * Math.round(f.price * f.quantity * 100) -
            Math.round(f.charges.total * 100),
          CAPITAL * 100,
        );
        expect(Math.round(ledger.cash * 100)).toBe(paise);
      }),
    );
  });

  it('each position holds the net of its fills; a flat symbol has no position and no unrealised P&L', () => {
    fc.assert(
      fc.property(fillsArb, marksArb, (fills, marks) => {
        const ledger = replay(fills).at(-1) as Ledger;
        for (const symbol of SYMBOLS) {
          const net = netQuantity(fills, symbol);
          expect(ledger.positions[symbol]?.quantity ?? 0).toBe(net);
          if (net === 0) {
            expect(ledger.positions[symbol]).toBeUndefined();
            expect(snapshot(ledger, marks, T0).positions.find((p) => p.symbol === symbol)).toBeUndefined();
          }
        }
        const flat = SYMBOLS.every((s) => netQuantity(fills, s) === 0);
        if (flat) expect(unrealisedPnlOf(ledger, marks)).toBe(0);
      }),
    );
  });

  it('equity = cash + Σ quantity × mark', () => {
    fc.assert(
      fc.property(fillsArb, marksArb, (fills, marks) => {
        const ledger = replay(fills).at(-1) as Ledger;
        const marked = SYMBOLS.reduce((sum, s) => sum + netQuantity(fills, s) * marks[s], 0);
        close(equityOf(ledger, marks), ledger.cash + marked);
      }),
    );
  });

  it('equity − capital = realised + unrealised − charges', () => {
    fc.assert(
      fc.property(fillsArb, marksArb, (fills, marks) => {
        const ledger = replay(fills).at(-1) as Ledger;
        close(equityOf(ledger, marks) - CAPITAL, ledger.realisedPnl + unrealisedPnlOf(ledger, marks) - ledger.charges);
      }),
    );
  });

  it('realised P&L is the sum over closed trades, and their charges plus open entry charges are all charges', () => {
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const ledger = replay(fills).at(-1) as Ledger;
        close(
          ledger.closedTrades.reduce((s, t) => s + t.grossPnl, 0),
          ledger.realisedPnl,
        );
        const open = Object.values(ledger.positions).reduce((s, p) => s + p.entryCharges, 0);
        close(ledger.closedTrades.reduce((s, t) => s + t.charges, 0) + open, ledger.charges);
        for (const t of ledger.closedTrades) close(t.netPnl, t.grossPnl - t.charges);
      }),
    );
  });

  it('charges never go negative or down; peak ≥ equity and drawdown ≤ 0 after every fill', () => {
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const states = replay(fills);
        states.forEach((l, i) => {
          expect(l.charges).toBeGreaterThanOrEqual(i === 0 ? 0 : (states[i - 1] as Ledger).charges);
          expect(l.peakEquity).toBeGreaterThanOrEqual(equityOf(l) - 1e-6);
          expect(l.maxDrawdown).toBeLessThanOrEqual(0);
          expect(grossExposureOf(l)).toBeGreaterThanOrEqual(0);
          for (const p of Object.values(l.positions)) expect(p.entryCharges).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });

  it('once every position is closed: no positions, no unrealised P&L, and cash − capital = realised − charges', () => {
    fc.assert(
      fc.property(fillsArb, marksArb, (fills, marks) => {
        // Close whatever the random fills left open, at the marks, with real charges.
        const closing = SYMBOLS.filter((s) => netQuantity(fills, s) !== 0).map((symbol, i): Fill => {
          const net = netQuantity(fills, symbol);
          const order = {
            side: net > 0 ? 'SELL' : 'BUY',
            quantity: Math.abs(net),
            price: marks[symbol],
            product: 'INTRADAY',
          } as const;
          return {
            ...order,
            orderKey: `close-${symbol}`,
            symbol,
            time: T0 + (fills.length + i) * 60_000,
            charges: fillCharges(order),
          };
        });
        const ledger = replay([...fills, ...closing]).at(-1) as Ledger;
        expect(ledger.positions).toEqual({});
        expect(unrealisedPnlOf(ledger, marks)).toBe(0);
        close(ledger.cash - CAPITAL, ledger.realisedPnl - ledger.charges);
        close(
          ledger.closedTrades.reduce((s, t) => s + t.netPnl, 0),
          ledger.cash - CAPITAL,
        );
      }),
    );
  });

  it('survives JSON unchanged (it travels in workflow state)', () => {
    // Includes a short closed at its own price, whose P&L would be -0 (JSON turns -0 into 0).
    const even = [
      { ...sample, side: 'SELL', time: T0 },
      { ...sample, side: 'BUY', time: T0 + 1 },
    ] as Fill[];
    expect(JSON.parse(JSON.stringify(replay(even).at(-1)))).toEqual(replay(even).at(-1));
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const ledger = replay(fills).at(-1) as Ledger;
        expect(JSON.parse(JSON.stringify(ledger))).toEqual(ledger);
      }),
    );
  });
});

describe('charge invariants', () => {
  const orderArb = fc.record({
    side: fc.constantFrom('BUY', 'SELL' as const),
    product,
    price,
    parts: fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }),
  });

  it('every item of every fill is ≥ 0, and partial fills add up to the whole order', () => {
    fc.assert(
      fc.property(orderArb, ({ side, product, price, parts }) => {
        let prior = 0;
        let sum = orderCharges({ side, product, turnover: 0 });
        for (const quantity of parts) {
          const c = fillCharges({ side, product, price, quantity, priorTurnover: prior });
          for (const v of Object.values(c)) expect(v).toBeGreaterThanOrEqual(0);
          sum = addCharges(sum, c);
          prior = roundPaise(prior + price * quantity);
        }
        expect(sum).toEqual(orderCharges({ side, product, turnover: prior }));
      }),
    );
  });
});
