/** The paper account's positions and funds, from executions and working orders. */
import {
  fundsOf,
  ledgerOf,
  marginPerShare,
  openSymbols,
  positionsOf,
  sellableQuantity,
  type HeldFunds,
  type PaperTrade,
} from '../../../../broker/paper/book';
import { type Charges, type ProductType, type Side } from '../../../../core/types';

const DAY1 = Date.UTC(2026, 5, 18, 4, 0); // 18 June, 09:30 IST
const DAY2 = Date.UTC(2026, 5, 19, 4, 0);
const DAY2_START = Date.UTC(2026, 5, 18, 18, 30); // 19 June 00:00 IST
const CAPITAL = 100_000;

/** Charges that total `total` rupees (all in brokerage, to keep the sums readable). */
const charges = (total: number): Charges => ({
  brokerage: total,
  stt: 0,
  exchange: 0,
  sebi: 0,
  stamp: 0,
  gst: 0,
  total,
});

let seq = 0;
function trade(
  symbol: string,
  side: Side,
  quantity: number,
  price: number,
  time: number,
  product: ProductType = 'INTRADAY',
  fee = 10,
): PaperTrade {
  seq += 1;
  return {
    tradeId: `t${seq}`,
    orderId: `o${seq}`,
    symbol,
    side,
    product,
    quantity,
    price,
    charges: charges(fee),
    time,
  };
}

const securityIdOf = (symbol: string) => `id-${symbol}`;

describe('positions', () => {
  it('nets executions per symbol and product at average cost, with realised and unrealised P&L', () => {
    const trades = [
      trade('RELIANCE', 'BUY', 10, 100, DAY2),
      trade('RELIANCE', 'BUY', 10, 110, DAY2 + 60_000),
      trade('RELIANCE', 'SELL', 5, 120, DAY2 + 120_000),
    ];
    expect(positionsOf(trades, CAPITAL, DAY2_START, securityIdOf, { RELIANCE: 112 })).toEqual([
      {
        symbol: 'RELIANCE',
        securityId: 'id-RELIANCE',
        product: 'INTRADAY',
        quantity: 15,
        avgPrice: 105,
        buyQuantity: 20,
        sellQuantity: 5,
        realizedPnl: 75, // (120 − 105) × 5
        unrealizedPnl: 105, // (112 − 105) × 15
      },
    ]);
  });

  it('keeps CNC and INTRADAY apart, and marks each at its own last execution without a price', () => {
    const trades = [
      trade('TCS', 'BUY', 4, 3000, DAY2, 'CNC'),
      trade('TCS', 'SELL', 2, 3010, DAY2, 'INTRADAY'),
      trade('TCS', 'BUY', 2, 3030, DAY2 + 60_000, 'CNC'),
    ];
    const positions = positionsOf(trades, CAPITAL, DAY2_START, securityIdOf);
    expect(positions.map((p) => [p.product, p.quantity, p.avgPrice, p.unrealizedPnl])).toEqual([
      ['CNC', 6, 3010, 120], // average (4 × 3000 + 2 × 3030) / 6, marked at 3030
      ['INTRADAY', -2, 3010, 0],
    ]);
  });

  it("shows today's closed positions and yesterday's open ones, not yesterday's closed ones", () => {
    const trades = [
      trade('INFY', 'BUY', 5, 1500, DAY1),
      trade('INFY', 'SELL', 5, 1490, DAY1 + 60_000),
      trade('TCS', 'BUY', 2, 3000, DAY1, 'CNC'),
      trade('HDFCBANK', 'BUY', 3, 800, DAY2),
      trade('HDFCBANK', 'SELL', 3, 810, DAY2 + 60_000),
    ];
    const shown = positionsOf(trades, CAPITAL, DAY2_START, securityIdOf);
    expect(shown.map((p) => [p.symbol, p.quantity, p.realizedPnl])).toEqual([
      ['TCS', 2, 0],
      ['HDFCBANK', 0, 30],
    ]);
    expect(openSymbols(trades, CAPITAL)).toEqual(['TCS']);
  });
});

describe('funds', () => {
  it('start at the capital', () => {
    expect(fundsOf([], [], CAPITAL, DAY2_START)).toEqual({
      available: CAPITAL,
      startOfDay: CAPITAL,
      utilized: 0,
      withdrawable: CAPITAL,
      collateral: 0,
      receivable: 0,
      blockedPayout: 0,
    });
  });

  it('hold the cost of open positions and of working orders, and pay charges and realised P&L', () => {
    const trades = [
      trade('INFY', 'BUY', 10, 1500, DAY1, 'INTRADAY', 12),
      trade('INFY', 'SELL', 10, 1520, DAY1 + 60_000, 'INTRADAY', 15), // +200 realised, 27 charges
      trade('RELIANCE', 'BUY', 20, 1400, DAY2, 'INTRADAY', 9), // 28 000 tied up
      trade('TCS', 'SELL', 5, 3000, DAY2, 'INTRADAY', 4), // a short ties up 15 000
    ];
    const working: HeldFunds[] = [
      { symbol: 'HDFCBANK', product: 'INTRADAY', side: 'BUY', unfilled: 10, marginPerShare: 800 },
    ];
    const funds = fundsOf(trades, working, CAPITAL, DAY2_START);
    // 100 000 + 200 − (27 + 9 + 4) − 28 000 − 15 000 − 8 000
    expect(funds.available).toBe(49_160);
    expect(funds.utilized).toBe(51_000);
    expect(funds.startOfDay).toBe(100_173); // 100 000 + 200 − 27, before today's trades
    expect(funds.withdrawable).toBe(49_160);
  });

  it('never report a negative withdrawable balance', () => {
    const funds = fundsOf([trade('TCS', 'BUY', 40, 3000, DAY2)], [], CAPITAL, DAY2_START);
    expect(funds.available).toBe(-20_010);
    expect(funds.withdrawable).toBe(0);
  });
});

describe('margin and holdings of a new order', () => {
  it('charges every share that opens or adds to a position, none that reduce one', () => {
    expect(marginPerShare({ side: 'BUY', product: 'INTRADAY', quantity: 10 }, 100, 0)).toBe(100);
    expect(marginPerShare({ side: 'SELL', product: 'INTRADAY', quantity: 10 }, 100, 6)).toBe(40); // 4 of 10 go short
    expect(marginPerShare({ side: 'BUY', product: 'INTRADAY', quantity: 4 }, 100, -10)).toBe(0);
    expect(marginPerShare({ side: 'BUY', product: 'CNC', quantity: 4 }, 100, -10)).toBe(100);
    expect(marginPerShare({ side: 'SELL', product: 'CNC', quantity: 4 }, 100, 10)).toBe(0);
  });

  it('lets a CNC sell deliver only CNC shares not already promised to a working sell', () => {
    const ledger = ledgerOf(
      [trade('TCS', 'BUY', 10, 3000, DAY1, 'CNC'), trade('TCS', 'BUY', 50, 3000, DAY2, 'INTRADAY')],
      CAPITAL * 10,
    );
    const working: HeldFunds[] = [{ symbol: 'TCS', product: 'CNC', side: 'SELL', unfilled: 4, marginPerShare: 0 }];
    expect(sellableQuantity(ledger, working, 'TCS')).toBe(6);
    expect(sellableQuantity(ledger, [], 'INFY')).toBe(0);
  });
});
