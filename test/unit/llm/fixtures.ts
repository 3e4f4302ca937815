/**
 * Hand-made decision contexts for the llm tests: a three-stock account like the default `claude`
 * one, at 11:00 IST on a trading day, holding 45 RELIANCE bought at 1312.5.
 *
 * The money adds up by hand: cash = 600000 − 45 × 1312.5 = 540937.5; open P&L = 45 × (1320.1 −
 * 1312.5) = 342; equity = 540937.5 + 45 × 1320.1 = 600342.
 */
import { riskLimitsSchema } from '../../../contracts/account';
import { istTime } from '../../../core/time';
import { type Signal } from '../../../core/types';
import { type DecisionContext } from '../../../llm/context';

export const NOW = istTime('2026-06-10', 11, 0);

export function signal(fields: Partial<Signal> & Pick<Signal, 'symbol' | 'strategy' | 'entry' | 'stop'>): Signal {
  return {
    timeframe: '5m',
    kind: 'entry',
    side: 'BUY',
    strength: 0.5,
    reason: 'test signal',
    time: NOW,
    ...fields,
  };
}

export const TCS_VWAP_LONG = signal({
  symbol: 'TCS',
  strategy: 'vwap',
  strength: 0.7,
  entry: 3450.5,
  stop: 3443.6,
  target: 3464.3,
  reason: 'Close crossed above VWAP on 1.8x relative volume',
});

export const INFY_EMA_LONG = signal({
  symbol: 'INFY',
  strategy: 'ema',
  strength: 0.55,
  entry: 1190.2,
  stop: 1186,
  target: 1198.6,
  reason: 'EMA9 crossed above EMA21 with the 15m trend up',
});

export function makeContext(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    accountId: 'claude',
    cycleKey: 'claude-2026-06-10-1100',
    market: { now: NOW, minutesToSquareOff: 255, newEntriesAllowed: true },
    account: { stocks: ['RELIANCE', 'TCS', 'INFY'], strategies: ['vwap', 'ema'], capital: 600_000 },
    symbols: [
      {
        symbol: 'RELIANCE',
        lastPrice: 1320.1,
        indicators: { '5m': { vwap: 1316.2, ema9: 1318.4, ema21: 1315, rsi14: 58.25 }, '15m': { ema50: null } },
        signals: [],
      },
      { symbol: 'TCS', lastPrice: 3450.5, indicators: { '5m': { vwap: 3446.1 } }, signals: [TCS_VWAP_LONG] },
      {
        symbol: 'INFY',
        lastPrice: 1190.2,
        indicators: { '5m': { ema9: 1189.9, ema21: 1188.7 } },
        signals: [INFY_EMA_LONG],
      },
    ],
    portfolio: {
      cash: 540_937.5,
      equity: 600_342,
      realisedPnl: 0,
      unrealisedPnl: 342,
      positions: [
        { symbol: 'RELIANCE', quantity: 45, avgPrice: 1312.5, stopLoss: 1305, takeProfit: 1330, strategy: 'vwap' },
      ],
    },
    risk: { state: 'ACTIVE', lossBudgetLeft: 60_000, limits: riskLimitsSchema.parse({}) },
    recentDecisions: [
      { time: istTime('2026-06-10', 10, 30), action: 'BUY RELIANCE 45 (vwap)', outcome: 'filled @1312.5' },
    ],
    ...overrides,
  };
}
