/**
 * Metrics on hand-computed series (strategies.md §3). The arithmetic behind each expected value is
 * written next to it.
 */
import { type EquityPoint } from '../../../backtest/engine/account';
import { type BacktestOrder } from '../../../backtest/engine/book';
import { type BacktestTrade, withRisk } from '../../../backtest/engine/trades';
import { computeMetrics, dailyReturns, drawdown, sharpeRatio, sortinoRatio } from '../../../backtest/metrics';
import { type ClosedTrade } from '../../../core/ledger';

// Three sessions from ₹1,00,000: +1 %, −1 %, +3 %.
const days = [
  { date: '2026-06-01', equity: 101_000 },
  { date: '2026-06-02', equity: 99_990 }, // 101 000 × 0.99
  { date: '2026-06-03', equity: 102_989.7 }, // 99 990 × 1.03
];

test('daily returns are session over session, the first against the starting capital', () => {
  const r = dailyReturns(100_000, days);
  expect(r[0]).toBeCloseTo(0.01, 12);
  expect(r[1]).toBeCloseTo(-0.01, 12);
  expect(r[2]).toBeCloseTo(0.03, 12);
});

test('Sharpe: mean / sample std × √248', () => {
  // mean = 0.01; deviations 0, −0.02, +0.02 → sample variance 0.0008 / 2 = 0.0004, std 0.02;
  // 0.01 / 0.02 × √248 = 0.5 × 15.7480 = 7.8740.
  expect(sharpeRatio([0.01, -0.01, 0.03])).toBeCloseTo(0.5 * Math.sqrt(248), 9);
  expect(sharpeRatio([0.01, -0.01, 0.03])).toBeCloseTo(7.874, 3);
  expect(sharpeRatio([0.01])).toBeNull(); // one day: no sample std
  expect(sharpeRatio([0.01, 0.01])).toBeNull(); // constant: std 0
});

test('Sortino: mean × 248 / (√mean(min(r,0)²) × √248), the downside over all days', () => {
  // downside = √((0 + 0.0001 + 0) / 3) = 0.0057735; 0.01 × 248 / (0.0057735 × 15.7480) = 27.276.
  const expected = (0.01 * 248) / (Math.sqrt(0.0001 / 3) * Math.sqrt(248));
  expect(sortinoRatio([0.01, -0.01, 0.03])).toBeCloseTo(expected, 9);
  expect(sortinoRatio([0.01, -0.01, 0.03])).toBeCloseTo(27.276, 3);
  expect(sortinoRatio([0.01, 0.02])).toBeNull(); // no losing day
});

test('max drawdown from the running peak (the start counts as a peak) and the longest time under water', () => {
  // peaks 100 110 110 110 120 120 → drawdowns 0 0 −10 % −4.5 % 0 −25 %; under water: 2 points, then 1.
  expect(drawdown(100, [110, 99, 105, 120, 90])).toEqual({ max: 90 / 120 - 1, longestUnderwater: 2 });
  const under = drawdown(100, [95, 96, 97]);
  expect(under.max).toBeCloseTo(-0.05, 12);
  expect(under.longestUnderwater).toBe(3);
  expect(drawdown(100, [100, 101])).toEqual({ max: 0, longestUnderwater: 0 });
});

function trade(netPnl: number, extra: Partial<ClosedTrade> = {}): ClosedTrade {
  return {
    symbol: 'TCS',
    direction: 'LONG',
    quantity: 10,
    entryPrice: 3000,
    exitPrice: 3000,
    openedAt: 0,
    closedAt: 1,
    grossPnl: netPnl + 40,
    charges: 40,
    netPnl,
    exitOrderKey: 'k',
    ...extra,
  };
}

const point = (equity: number, openPositions: number, grossExposure: number): EquityPoint => ({
  time: 0,
  equity,
  cash: equity,
  grossExposure,
  openPositions,
});

const order = (charges: number) => ({ charges }) as BacktestOrder;

test('every metric of a small run', () => {
  // Stops 10 below a 3000 entry on 10 shares: ₹100 at risk, so +300 is +3 R and −100 is −1 R.
  const trades: BacktestTrade[] = [
    withRisk(trade(300), 2990),
    withRisk(trade(-100), 2990),
    withRisk(trade(0), undefined),
    withRisk(trade(-200), 2990),
    withRisk(trade(500), 2990),
  ];
  const m = computeMetrics({
    capital: 100_000,
    equity: [point(101_000, 1, 50_500), point(99_990, 0, 0), point(102_989.7, 1, 25_747.425), point(102_989.7, 0, 0)],
    days,
    trades,
    orders: [order(20.5), order(19.5), order(10)],
    invocations: [],
  });
  expect(m.totalReturn).toBeCloseTo(0.029897, 9); // 102 989.7 / 100 000 − 1
  expect(m.netPnl).toBeCloseTo(2_989.7, 6);
  expect(m.sessions).toBe(3);
  expect(m.cagr).toBeCloseTo(1.029897 ** (248 / 3) - 1, 6); // ≈ 10.4188: three sessions annualised
  expect(m.sharpe).toBeCloseTo(7.874, 3);
  expect(m.maxDrawdown).toBeCloseTo(99_990 / 101_000 - 1, 12); // −1 %
  expect(m.longestUnderwaterCycles).toBe(1);
  expect(m.calmar).toBeCloseTo(m.cagr! / 0.01, 6);
  expect(m.trades).toBe(5);
  expect([m.wins, m.losses]).toEqual([2, 2]); // the zero trade is neither
  expect(m.winRate).toBe(0.4); // 2 / 5: a zero-P&L trade counts as not won
  expect(m.profitFactor).toBeCloseTo(800 / 300, 12);
  expect(m.expectancy).toBe(100); // (300 − 100 + 0 − 200 + 500) / 5
  expect(m.expectancyR).toBeCloseTo((3 - 1 - 2 + 5) / 4, 12); // the trade without a stop has no R
  expect(m.averageWin).toBe(400);
  expect(m.averageLoss).toBe(-150);
  expect(m.exposure).toBe(0.5); // 2 of 4 cycles ended holding
  expect(m.meanDeployed).toBeCloseTo((0.5 + 0 + 0.25 + 0) / 4, 12);
  expect(m.charges).toBeCloseTo(50, 12);
  expect(m.orders).toBe(3);
  expect(m.llm).toEqual({ calls: 0, tokens: 0, costInr: 0 });
});

test('no trades, no losers: the ratios that are undefined say so', () => {
  const flat = computeMetrics({
    capital: 100_000,
    equity: [point(100_000, 0, 0)],
    days: [{ date: '2026-06-01', equity: 100_000 }],
    trades: [],
    orders: [],
    invocations: [],
  });
  expect([flat.winRate, flat.profitFactor, flat.expectancy, flat.expectancyR, flat.calmar]).toEqual([
    null,
    null,
    null,
    null,
    null,
  ]);
  expect(flat.totalReturn).toBe(0);
  const onlyWins = computeMetrics({
    capital: 100_000,
    equity: [point(100_300, 0, 0)],
    days: [{ date: '2026-06-01', equity: 100_300 }],
    trades: [trade(300)],
    orders: [],
    invocations: [],
  });
  expect(onlyWins.profitFactor).toBeNull(); // ∞: no losing trade
  expect(onlyWins.winRate).toBe(1);
});
