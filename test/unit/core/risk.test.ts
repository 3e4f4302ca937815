import { riskLimitsSchema } from '../../../contracts/account';
import { createCalendar, NSE_HOLIDAYS_2026 } from '../../../core/calendar';
import {
  DEFAULT_RISK_LIMITS,
  flattenOrders,
  validateOrder,
  type AccountState,
  type MarketState,
  type RiskLimits,
  type RiskPosition,
} from '../../../core/risk';
import { istTime } from '../../../core/time';
import { type OrderProposal } from '../../../core/types';

// ₹10 lakh account, 2 % risk, 3 slots, 1 entry per symbol, 10 % daily loss, 5× intraday leverage.
const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, intradayLeverage: 5 };
const NOW = istTime('2026-06-19', 10, 0); // a Friday, inside the entry window

const account: AccountState = {
  allowedSymbols: ['RELIANCE', 'TCS', 'INFY', 'HDFCBANK', 'ICICIBANK'],
  limits,
  riskState: 'ACTIVE',
  startOfDayEquity: 1_000_000,
  equity: 1_000_000,
  positions: [],
  workingOrders: [],
  recentOrderTimes: [],
};
const market: MarketState = { now: NOW, lastPrice: 1400 };

/** Buy 100 RELIANCE at market with a 1 % stop (₹14): well inside every limit. */
const buy: OrderProposal = {
  symbol: 'RELIANCE',
  side: 'BUY',
  quantity: 100,
  orderType: 'MARKET',
  product: 'INTRADAY',
  stopLoss: 1386,
  reason: 'VWAP reclaim',
  source: 'llm',
};
const longReliance: RiskPosition = { symbol: 'RELIANCE', quantity: 100, avgPrice: 1390, mark: 1400 };
const sellToClose: OrderProposal = { ...buy, side: 'SELL', stopLoss: undefined, reason: 'exit' };

function check(p: Partial<OrderProposal> = {}, a: Partial<AccountState> = {}, m: Partial<MarketState> = {}) {
  return validateOrder({ ...buy, ...p }, { ...account, ...a }, { ...market, ...m });
}

const APPROVED = { verdict: 'approve', rule: 'all-rules', reason: 'passed every risk rule' };

describe('approval', () => {
  it('approves an order inside every limit, with a rule id and a reason', () => {
    expect(check()).toEqual({ ...APPROVED, effect: 'entry' });
  });
});

describe('quantity', () => {
  it('rejects zero and fractional quantities', () => {
    expect(check({ quantity: 0 })).toMatchObject({
      verdict: 'reject',
      rule: 'quantity',
      reason: 'quantity must be a whole number of shares above 0, got 0',
    });
    expect(check({ quantity: 2.5 })).toMatchObject({ verdict: 'reject', rule: 'quantity' });
  });
});

describe('order prices', () => {
  it('approves a limit on the tick', () => {
    expect(check({ orderType: 'LIMIT', price: 1399.5 })).toMatchObject(APPROVED);
  });

  it('rejects a limit without a price, a price off the tick, and a missing last price', () => {
    expect(check({ orderType: 'LIMIT' })).toMatchObject({
      rule: 'order-prices',
      reason: 'a LIMIT order needs a limit price above 0',
    });
    expect(check({ orderType: 'LIMIT', price: 1400.05 })).toMatchObject({
      rule: 'order-prices',
      reason: 'price 1400.05 is not a multiple of the ₹0.1 tick',
    });
    expect(check({ orderType: 'STOP_LOSS_MARKET' })).toMatchObject({
      rule: 'order-prices',
      reason: 'a STOP_LOSS_MARKET order needs a trigger price above 0',
    });
    expect(check({}, {}, { lastPrice: 0 })).toMatchObject({
      rule: 'order-prices',
      reason: 'no valid last price for RELIANCE: cannot value the order',
    });
  });
});

describe('symbol allowed', () => {
  it("rejects a stock outside the account's list, and an unknown instrument", () => {
    expect(check({}, { allowedSymbols: ['TCS', 'INFY'] })).toMatchObject({
      verdict: 'reject',
      rule: 'symbol-allowed',
      reason: "RELIANCE is not one of this account's stocks (TCS, INFY)",
    });
    expect(check({ symbol: 'FOO' }, { allowedSymbols: ['FOO'] })).toMatchObject({
      rule: 'symbol-allowed',
      reason: 'FOO has no known tick size: unknown instrument',
    });
  });
});

describe('risk state', () => {
  const halted = { riskState: 'HALTED', positions: [longReliance] } as const;
  const reducing = { riskState: 'REDUCING', positions: [longReliance] } as const;

  it("lets only the desk's own flatten orders through a HALTED account", () => {
    expect(check({ ...sellToClose, source: 'squareoff' }, halted)).toMatchObject({ ...APPROVED, effect: 'reduce' });
    expect(check({ ...sellToClose, source: 'risk' }, halted)).toMatchObject(APPROVED);
    const reason = 'account is HALTED: only the desk\'s own flatten orders (source "squareoff" or "risk") may pass';
    expect(check({ ...sellToClose, source: 'manual' }, halted)).toMatchObject({
      verdict: 'reject',
      rule: 'risk-state',
      reason,
    });
    expect(check({ source: 'risk' }, halted)).toMatchObject({ verdict: 'reject', rule: 'risk-state', reason });
  });

  it('lets only reducing orders through a REDUCING account', () => {
    expect(check({ ...sellToClose, source: 'llm' }, reducing)).toMatchObject(APPROVED);
    expect(check({ symbol: 'TCS' }, reducing)).toMatchObject({
      verdict: 'reject',
      rule: 'risk-state',
      reason: 'account is REDUCING: only orders that shrink an open position may pass',
    });
  });
});

describe('market hours and trading days', () => {
  it('rejects weekends, holidays, outside hours and years without a holiday list', () => {
    expect(check({}, {}, { now: istTime('2026-06-20', 10, 0) })).toMatchObject({
      rule: 'market-hours',
      reason: '2026-06-20 is not an NSE trading day (weekend or holiday)',
    });
    expect(check({}, {}, { now: istTime('2026-06-26', 10, 0) })).toMatchObject({
      rule: 'market-hours',
      reason: '2026-06-26 is not an NSE trading day (weekend or holiday)',
    });
    expect(check(sellToClose, { positions: [longReliance] }, { now: istTime('2026-06-19', 16, 0) })).toMatchObject({
      rule: 'market-hours',
      reason: 'market is closed at 16:00 IST (open 09:15–15:30)',
    });
    expect(check({}, {}, { now: istTime('2027-06-18', 10, 0) })).toMatchObject({
      rule: 'market-hours',
      reason: 'no NSE holiday list loaded for 2027: load one before trading that year',
    });
  });

  it('approves a loaded year through a calendar passed in', () => {
    const calendar = createCalendar([NSE_HOLIDAYS_2026, { year: 2027, source: 'fixture', holidays: [] }]);
    expect(check({}, {}, { now: istTime('2027-06-18', 10, 0), calendar })).toMatchObject(APPROVED);
  });
});

describe('orders per second', () => {
  it('rejects at the ceiling (5/s by default, below the exchange 10/s)', () => {
    const burst = [NOW - 900, NOW - 700, NOW - 500, NOW - 300, NOW - 100];
    expect(check({}, { recentOrderTimes: burst })).toMatchObject({
      verdict: 'reject',
      rule: 'order-rate',
      reason: "5 order requests in the last second: the desk's ceiling is 5/s; retry shortly",
    });
  });

  it('counts only the last second', () => {
    const older = [NOW - 5000, NOW - 1000, NOW - 999, NOW - 500, NOW - 300, NOW - 100];
    expect(check({}, { recentOrderTimes: older })).toMatchObject(APPROVED); // 4 inside (now − 1 s, now]
  });

  it('refuses a ceiling at or above the exchange threshold', () => {
    expect(() => validateOrder(buy, account, market, { maxOrdersPerSecond: 10 })).toThrow(/1–9/);
  });
});

describe('circuit band', () => {
  it('approves prices inside the band and rejects one outside', () => {
    const circuit = { lower: 1300, upper: 1450 };
    expect(check({ orderType: 'LIMIT', price: 1440 }, {}, { circuit })).toMatchObject(APPROVED);
    expect(check({ orderType: 'LIMIT', price: 1460 }, {}, { circuit })).toMatchObject({
      verdict: 'reject',
      rule: 'circuit-band',
      reason: "price 1460 is outside today's band 1300–1450; the exchange would reject it",
    });
  });
});

describe('over-closing', () => {
  const stop = { orderKey: 'stop1', symbol: 'RELIANCE', side: 'SELL', quantity: 60, price: 1386 } as const;

  it('rejects an exit that, with the closing orders already working, would sell more than is held', () => {
    // held 100, working SELL 60: a SELL 50 could leave the account short 10
    expect(check({ ...sellToClose, quantity: 50 }, { positions: [longReliance], workingOrders: [stop] })).toMatchObject(
      {
        verdict: 'reject',
        rule: 'over-close',
        reason: 'SELL 50 plus 60 already working would close more than the 100 held: cancel the working order(s) first',
      },
    );
    expect(check({ ...sellToClose, quantity: 40 }, { positions: [longReliance], workingOrders: [stop] })).toMatchObject(
      APPROVED,
    );
  });
});

describe('flips', () => {
  it('rejects an order that would reverse a position', () => {
    expect(check({ ...sellToClose, quantity: 150, stopLoss: 1414 }, { positions: [longReliance] })).toMatchObject({
      verdict: 'reject',
      rule: 'flip',
      effect: 'flip',
      reason: 'SELL 150 would reverse the 100-share position: close it (100) first, then enter',
    });
  });
});

describe('daily loss limit', () => {
  it('blocks entries once the day is down 10 % of start-of-day equity (₹1,00,000), exits still pass', () => {
    expect(check({}, { equity: 900_000 })).toMatchObject({
      verdict: 'reject',
      rule: 'daily-loss',
      reason:
        "today's loss ₹100000.00 reached the limit ₹100000.00 (10% of start-of-day equity): no new entries; flatten",
    });
    expect(check({}, { equity: 900_001 })).toMatchObject(APPROVED);
    expect(check(sellToClose, { equity: 850_000, positions: [longReliance] })).toMatchObject(APPROVED);
  });
});

describe('square-off and entry windows', () => {
  it('after 15:15 allows only reducing orders', () => {
    const late = { now: istTime('2026-06-19', 15, 20) };
    expect(check({}, {}, late)).toMatchObject({
      verdict: 'reject',
      rule: 'square-off',
      reason: 'after the 15:15 square-off time only orders that reduce a position may pass',
    });
    expect(check(sellToClose, { positions: [longReliance] }, late)).toMatchObject(APPROVED);
  });

  it('takes no entries before 09:30 or from 14:45, but lets exits through', () => {
    expect(check({}, {}, { now: istTime('2026-06-19', 9, 20) })).toMatchObject({
      rule: 'entry-window',
      reason: 'no new entries before 09:30 (now 09:20 IST)',
    });
    expect(check({}, {}, { now: istTime('2026-06-19', 14, 50) })).toMatchObject({
      rule: 'entry-window',
      reason: 'no new entries after 14:45 (now 14:50 IST)',
    });
    expect(check({}, {}, { now: istTime('2026-06-19', 9, 30) })).toMatchObject(APPROVED);
    const early = { now: istTime('2026-06-19', 9, 20) };
    expect(check(sellToClose, { positions: [longReliance] }, early)).toMatchObject(APPROVED);
  });

  it('applies to every source alike: the LLM has no override, and neither does anyone else', () => {
    for (const source of ['llm', 'rules', 'manual', 'squareoff', 'risk'] as const) {
      expect(check({ source }, {}, { now: istTime('2026-06-19', 14, 50) })).toMatchObject({ rule: 'entry-window' });
    }
  });
});

describe('delivery shorts', () => {
  it('rejects a CNC sell of shares not held; a CNC buy is fine', () => {
    expect(check({ product: 'CNC', side: 'SELL', stopLoss: 1414 })).toMatchObject({
      verdict: 'reject',
      rule: 'delivery-short',
      reason: 'a delivery (CNC) order cannot sell shares the account does not hold; short only INTRADAY',
    });
    expect(check({ product: 'CNC' })).toMatchObject(APPROVED);
  });
});

describe('protective stop', () => {
  it('requires a stop on the correct side of the entry', () => {
    expect(check({ stopLoss: undefined })).toMatchObject({
      verdict: 'reject',
      rule: 'stop-loss',
      reason: 'an entry must carry a protective stopLoss above 0',
    });
    expect(check({ stopLoss: 1410 })).toMatchObject({
      rule: 'stop-loss',
      reason: "a long's stop must be below the entry (stop 1410, entry 1400)",
    });
    expect(check({ side: 'SELL', stopLoss: 1414 })).toMatchObject(APPROVED);
  });
});

describe('position counts', () => {
  const tcs: RiskPosition = { symbol: 'TCS', quantity: 10, avgPrice: 3000 };
  const infy: RiskPosition = { symbol: 'INFY', quantity: -10, avgPrice: 1500 };
  const pendingHdfc = { orderKey: 'k9', symbol: 'HDFCBANK', side: 'BUY', quantity: 10, price: 1600 } as const;

  it('rejects a new symbol when open plus pending positions reach the limit (3)', () => {
    expect(check({}, { positions: [tcs, infy] })).toMatchObject(APPROVED);
    expect(check({}, { positions: [tcs, infy], workingOrders: [pendingHdfc] })).toMatchObject({
      verdict: 'reject',
      rule: 'max-open-positions',
      reason: '3 positions are open or pending (TCS, INFY, HDFCBANK); the limit is 3',
    });
  });

  it('rejects a second entry in a symbol when the limit is 1, and allows it when it is 2', () => {
    expect(check({ quantity: 50 }, { positions: [longReliance] })).toMatchObject({
      verdict: 'reject',
      rule: 'max-positions-per-symbol',
      reason: 'RELIANCE already has 1 entry; the limit is 1',
    });
    const two = { ...limits, maxPositionsPerSymbol: 2 };
    expect(check({ quantity: 50 }, { positions: [longReliance], limits: two })).toMatchObject(APPROVED);
  });
});

describe('per-trade risk (adjusts down rather than rejecting)', () => {
  it('trims an oversized order to the buying power of one slot: floor(10,00,000 × 5 / (3 × 1,400)) = 1190', () => {
    const v = check({ quantity: 2000 });
    expect(v).toMatchObject({
      verdict: 'adjust',
      rule: 'per-trade-risk',
      reason: 'quantity cut from 2000 to 1190 by the buying power of one slot (stop 1386, ₹14.00 a share)',
    });
    expect(v.adjusted).toEqual({ ...buy, quantity: 1190 });
  });

  it('trims to 2 % risk with a wide stop: 20,000 / 70 = 285.7 → 285', () => {
    expect(check({ quantity: 300, stopLoss: 1330 })).toMatchObject({
      verdict: 'adjust',
      rule: 'per-trade-risk',
      reason: 'quantity cut from 300 to 285 by 2% risk per trade (stop 1330, ₹70.00 a share)',
      adjusted: { quantity: 285 },
    });
  });

  it('rejects when the stop is too close to size at all', () => {
    expect(check({ stopLoss: 1399.9 })).toMatchObject({
      verdict: 'reject',
      rule: 'per-trade-risk',
      reason: 'cannot size the trade: stop 1399.9 is 1 tick(s) from entry 1400; at least 2 ticks are needed',
    });
  });
});

describe('buying power', () => {
  // TCS 1000 × 3000 + INFY 1000 × 1500 = ₹45,00,000 in use of 5 × ₹10,00,000.
  const heavy: RiskPosition[] = [
    { symbol: 'TCS', quantity: 1000, avgPrice: 2990, mark: 3000 },
    { symbol: 'INFY', quantity: -1000, avgPrice: 1500 },
  ];

  it('trims to what the remaining buying power buys: 5,00,000 / 1,400 = 357.1 → 357', () => {
    expect(check({ quantity: 400 }, { positions: heavy })).toMatchObject({
      verdict: 'adjust',
      rule: 'buying-power',
      reason:
        'quantity cut from 400 to 357: buying power ₹500000.00 left (5× equity less ₹4500000.00 in use) buys 357 at 1400',
      adjusted: { quantity: 357 },
    });
  });

  it('rejects when not one share fits, counting pending entry orders too', () => {
    const pending = { orderKey: 'k2', symbol: 'TCS', side: 'BUY', quantity: 200, price: 2500 } as const;
    expect(
      check(
        { quantity: 1 },
        { positions: heavy, workingOrders: [pending], limits: { ...limits, maxPositionsPerSymbol: 2 } },
      ),
    ).toMatchObject({
      verdict: 'reject',
      rule: 'buying-power',
      reason: 'not enough buying power: buying power ₹0.00 left (5× equity less ₹5000000.00 in use) buys 0 at 1400',
    });
  });

  it('uses no leverage for delivery orders', () => {
    // CNC: a slot is floor(10,00,000 / (3 × 1,400)) = 238 shares without leverage;
    // with TCS 150 × 3,000 = 4,50,000 in use, 5,50,000 is left → floor(5,50,000 / 1,400) = 392 ≥ 238.
    const tcs = { symbol: 'TCS', quantity: 150, avgPrice: 3000 };
    expect(check({ product: 'CNC', quantity: 238 }, { positions: [tcs] })).toMatchObject(APPROVED);
    expect(check({ product: 'CNC', quantity: 238 }, { positions: [{ ...tcs, quantity: 250 }] })).toMatchObject({
      rule: 'buying-power',
      adjusted: { quantity: 178 }, // 10,00,000 − 250 × 3,000 = 2,50,000; / 1,400 = 178.6
    });
  });

  it('reports every adjustment when two rules trim', () => {
    const v = check({ quantity: 2000 }, { positions: heavy });
    // per-trade risk trims to 1190, then buying power to 357
    expect(v).toMatchObject({ verdict: 'adjust', rule: 'buying-power', adjusted: { quantity: 357 } });
    expect(v.reason).toMatch(/^quantity cut from 2000 to 1190 .*; quantity cut from 1190 to 357: /);
  });
});

describe('duplicates', () => {
  const working = { orderKey: 'k1', symbol: 'RELIANCE', side: 'SELL', quantity: 100, price: 1400 } as const;
  const long200 = { ...longReliance, quantity: 200 };

  it('rejects an order identical to one already working, and approves a different quantity', () => {
    expect(check(sellToClose, { positions: [long200], workingOrders: [working] })).toMatchObject({
      verdict: 'reject',
      rule: 'duplicate-order',
      reason: 'order k1 (SELL 100 RELIANCE) is already working: not sending it twice',
    });
    expect(check({ ...sellToClose, quantity: 50 }, { positions: [long200], workingOrders: [working] })).toMatchObject(
      APPROVED,
    );
  });
});

describe('flatten orders', () => {
  const positions: RiskPosition[] = [
    { symbol: 'RELIANCE', quantity: 100, avgPrice: 1390, strategy: 'vwap' },
    { symbol: 'TCS', quantity: -20, avgPrice: 3000, product: 'INTRADAY' },
    { symbol: 'INFY', quantity: 0, avgPrice: 1500 },
  ];

  it('closes every open position at market, and a HALTED account lets them through at square-off', () => {
    const orders = flattenOrders(positions, { source: 'squareoff', reason: '15:15 square-off' });
    expect(orders).toEqual([
      {
        symbol: 'RELIANCE',
        side: 'SELL',
        quantity: 100,
        orderType: 'MARKET',
        product: 'INTRADAY',
        strategy: 'vwap',
        reason: '15:15 square-off',
        source: 'squareoff',
      },
      {
        symbol: 'TCS',
        side: 'BUY',
        quantity: 20,
        orderType: 'MARKET',
        product: 'INTRADAY',
        strategy: undefined,
        reason: '15:15 square-off',
        source: 'squareoff',
      },
    ]);
    const halted = { riskState: 'HALTED', positions } as const;
    for (const order of orders) {
      expect(
        check(order, halted, { now: istTime('2026-06-19', 15, 16), lastPrice: order.symbol === 'TCS' ? 3000 : 1400 }),
      ).toMatchObject(APPROVED);
    }
  });
});

describe('limits shared with contracts/', () => {
  it('has the same defaults as the account schema, whose parsed type fits the core interface', () => {
    const parsed: RiskLimits = riskLimitsSchema.parse({});
    expect(DEFAULT_RISK_LIMITS).toEqual(parsed);
  });
});
