import {
  annotatePosition,
  applyFill,
  dayPnlOf,
  equityOf,
  LedgerError,
  markToMarket,
  openLedger,
  snapshot,
  startDay,
  unrealisedPnlOf,
  type Ledger,
} from '../../../core/ledger';
import { istTime } from '../../../core/time';
import { type Charges, type Fill, type Side } from '../../../core/types';

const T = istTime('2026-06-19', 9, 30);

/** Charges with everything in brokerage, so totals are easy to follow by hand. */
function flat(total: number): Charges {
  return { brokerage: total, stt: 0, exchange: 0, sebi: 0, stamp: 0, gst: 0, total };
}

function fill(side: Side, quantity: number, price: number, charges = 0, orderKey = `o-${side}-${price}`): Fill {
  return { orderKey, symbol: 'INFY', side, quantity, price, time: T, product: 'INTRADAY', charges: flat(charges) };
}

function book(ledger: Ledger, ...fills: Fill[]): Ledger {
  return fills.reduce(applyFill, ledger);
}

const fresh = () => openLedger('acct', 100_000, T);

describe('a long round trip', () => {
  it('moves cash, books realised P&L and records the closed trade with its charges', () => {
    const opened = book(fresh(), fill('BUY', 10, 1000, 5));
    // cash = 1,00,000 − 10 × 1,000 − 5 = 89,995
    expect(opened.cash).toBe(89_995);
    expect(opened.positions.INFY).toMatchObject({ quantity: 10, avgPrice: 1000, entryCharges: 5, entries: 1 });

    const closed = book(opened, fill('SELL', 10, 1010, 6));
    // cash = 89,995 + 10 × 1,010 − 6 = 1,00,089; realised (1,010 − 1,000) × 10 = 100; charges 11
    expect(closed.cash).toBe(100_089);
    expect(closed.realisedPnl).toBe(100);
    expect(closed.charges).toBe(11);
    expect(closed.positions.INFY).toBeUndefined();
    expect(closed.closedTrades).toEqual([
      expect.objectContaining({
        direction: 'LONG',
        quantity: 10,
        entryPrice: 1000,
        exitPrice: 1010,
        grossPnl: 100,
        charges: 11,
        netPnl: 89,
      }),
    ]);
    expect(equityOf(closed)).toBe(100_089);
  });
});

describe('partial fills and scale-ins', () => {
  it('averages the price, and counts a new order (not a partial fill of the same one) as a new entry', () => {
    const l = book(
      fresh(),
      fill('BUY', 10, 1000, 3, 'A'),
      fill('BUY', 10, 1010, 3, 'A'), // second part of order A: avg (10,000 + 10,100) / 20 = 1,005
      fill('BUY', 5, 1020, 2, 'B'), // scale-in: avg (20 × 1,005 + 5 × 1,020) / 25 = 25,200 / 25 = 1,008
    );
    expect(l.positions.INFY).toMatchObject({ quantity: 25, avgPrice: 1008, entries: 2, entryCharges: 8 });
  });

  it('closes part of a position: realises the closed share and carries the rest at the same average', () => {
    const l = book(fresh(), fill('BUY', 25, 1008, 8, 'A'), fill('SELL', 10, 1020, 4, 'C'));
    // realised (1,020 − 1,008) × 10 = 120; trade charges = 8 × 10/25 + 4 = 7.20; 4.80 of entry charges stay open
    expect(l.realisedPnl).toBeCloseTo(120, 9);
    expect(l.positions.INFY).toMatchObject({ quantity: 15, avgPrice: 1008, entryCharges: 4.8 });
    expect(l.closedTrades[0]).toMatchObject({ quantity: 10, charges: 7.2 });
    expect(l.closedTrades[0]?.netPnl).toBeCloseTo(112.8, 9);
  });
});

describe('intraday shorts and flips', () => {
  it('books a short: sale proceeds raise cash, the position is a liability marked at market', () => {
    const short = book(fresh(), fill('SELL', 10, 1000));
    expect(short.cash).toBe(110_000);
    expect(short.positions.INFY?.quantity).toBe(-10);
    // at 990: unrealised (990 − 1,000) × −10 = +100; equity 1,10,000 − 10 × 990 = 1,00,100
    expect(unrealisedPnlOf(short, { INFY: 990 })).toBe(100);
    expect(equityOf(short, { INFY: 990 })).toBe(100_100);
    const covered = book(short, fill('BUY', 10, 990));
    expect(covered.realisedPnl).toBe(100);
    expect(covered.closedTrades[0]?.direction).toBe('SHORT');
  });

  it('flips through zero: closes the long and opens a short with the rest of the fill', () => {
    const l = book(fresh(), fill('BUY', 10, 1000, 3), fill('SELL', 15, 1010, 6, 'F'));
    // closes 10: realised 100; charges of the flip fill split 10/15 → 4 to the trade, 2 to the new short
    expect(l.realisedPnl).toBe(100);
    expect(l.closedTrades[0]).toMatchObject({ quantity: 10, charges: 7 });
    expect(l.positions.INFY).toMatchObject({
      quantity: -5,
      avgPrice: 1010,
      entryCharges: 2,
      entries: 1,
      lastEntryOrderKey: 'F',
    });
  });
});

describe('marks, peak equity and drawdown', () => {
  it('tracks the peak and the worst drawdown across marks', () => {
    let l = book(fresh(), fill('BUY', 100, 1000));
    l = markToMarket(l, { INFY: 1100 }); // equity 1,10,000: new peak
    expect(l.peakEquity).toBe(110_000);
    l = markToMarket(l, { INFY: 990 }); // equity 99,000: 99,000 / 1,10,000 − 1 = −10 %
    expect(l.maxDrawdown).toBeCloseTo(-0.1, 12);
    l = markToMarket(l, { INFY: 1050 }); // recovery does not erase the worst drawdown
    expect(l.maxDrawdown).toBeCloseTo(-0.1, 12);
    expect(snapshot(l, {}, T).drawdown).toBeCloseTo(105_000 / 110_000 - 1, 12);
  });

  it('ignores missing and non-positive prices', () => {
    const l = markToMarket(book(fresh(), fill('BUY', 1, 1000)), { INFY: 0, TCS: Number.NaN });
    expect(l.marks).toEqual({ INFY: 1000 });
  });
});

describe('trading days', () => {
  it('fixes the start-of-day equity, clears the closed trades, and ignores a second start the same day', () => {
    const yesterday = book(fresh(), fill('BUY', 10, 1000), fill('SELL', 5, 1010));
    const today = startDay(yesterday, istTime('2026-06-22', 9, 0), { INFY: 1020 });
    // cash 1,00,000 − 10,000 + 5,050 = 95,050; 5 × 1,020 = 5,100 → equity 1,00,150
    expect(today.day).toEqual({ date: '2026-06-22', startEquity: 100_150 });
    expect(today.closedTrades).toEqual([]);
    expect(dayPnlOf(today, { INFY: 1000 })).toBe(-100); // 5 × (1,000 − 1,020)
    const later = markToMarket(today, { INFY: 900 });
    expect(startDay(later, istTime('2026-06-22', 11, 0), { INFY: 900 })).toBe(later);
  });
});

describe('snapshots and annotations', () => {
  it('summarises the account at given prices without changing it', () => {
    const l = annotatePosition(book(fresh(), fill('BUY', 10, 1000, 5)), 'INFY', { stopLoss: 990, strategy: 'vwap' });
    const s = snapshot(l, { INFY: 1012.5 }, T);
    // cash 89,995; position 10 × 1,012.50 = 10,125; equity 1,00,120; unrealised 125; net 120
    expect(s).toMatchObject({
      cash: 89_995,
      equity: 100_120,
      marketValue: 10_125,
      unrealisedPnl: 125,
      netPnl: 120,
      charges: 5,
    });
    expect(s.positions[0]).toMatchObject({
      symbol: 'INFY',
      stopLoss: 990,
      strategy: 'vwap',
      mark: 1012.5,
      product: 'INTRADAY',
    });
    expect(l.marks.INFY).toBe(1000);
  });

  it('cannot annotate a position that does not exist', () => {
    expect(() => annotatePosition(fresh(), 'TCS', { stopLoss: 1 })).toThrow(/no open position in TCS/);
  });
});

describe('bad input', () => {
  it('rejects a malformed fill with every problem named, and leaves the ledger as it was', () => {
    const before = book(fresh(), fill('BUY', 10, 1000));
    const copy = JSON.parse(JSON.stringify(before));
    const bad = { ...fill('SELL', 2.5, -1), charges: { ...flat(1), stt: -1 } };
    expect(() => applyFill(before, bad)).toThrow(LedgerError);
    expect(() => applyFill(before, bad)).toThrow(
      /quantity must be a whole number > 0.*price must be > 0.*charges.stt must be ≥ 0/,
    );
    expect(before).toEqual(copy);
  });

  it('refuses to open with no capital', () => {
    expect(() => openLedger('acct', 0, T)).toThrow(/capital must be > 0/);
  });
});
