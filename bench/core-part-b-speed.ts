/**
 * How cheap the pure trading-core pieces of part B are (workflows and the backtester call them on
 * every bar). Prints calls per second for each; no thresholds, just the figures.
 *
 * Run: npx tsx bench/core-part-b-speed.ts
 */
import { performance } from 'node:perf_hooks';
import { nextTick, sessionPhase } from '../core/calendar';
import { fillCharges } from '../core/costs';
import { exitOnBar, fillOnBar } from '../core/fills';
import { applyFill, markToMarket, openLedger, startDay } from '../core/ledger';
import { DEFAULT_RISK_LIMITS, validateOrder, type AccountState } from '../core/risk';
import { istTime } from '../core/time';
import { type Candle, type Fill, type OrderProposal } from '../core/types';

/** Runs `fn` `n` times (after a warm-up) and prints calls per second. */
function measure(name: string, n: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(n, 10_000); i++) fn(i);
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) sink += fn(i) ? 1 : 0;
  const seconds = (performance.now() - start) / 1000;
  console.log(`${name.padEnd(44)} ${(n / seconds / 1e6).toFixed(2).padStart(7)} M calls/s  (${n} calls, sink ${sink})`);
}

const DAY_START = istTime('2026-01-01', 0, 0);
const YEAR_MS = 365 * 86_400_000;
measure('calendar nextTick (instants across 2026)', 1_000_000, (i) =>
  nextTick(DAY_START + ((i * 7_919_000) % YEAR_MS)),
);
measure('calendar sessionPhase', 1_000_000, (i) => sessionPhase(DAY_START + ((i * 7_919_000) % YEAR_MS)));

const now = istTime('2026-06-19', 10, 0);
const account: AccountState = {
  allowedSymbols: ['RELIANCE', 'TCS', 'INFY'],
  limits: { ...DEFAULT_RISK_LIMITS, intradayLeverage: 5 },
  riskState: 'ACTIVE',
  startOfDayEquity: 1_000_000,
  equity: 1_000_000,
  positions: [{ symbol: 'TCS', quantity: 50, avgPrice: 3000, mark: 3010 }],
  workingOrders: [{ orderKey: 'k1', symbol: 'INFY', side: 'BUY', quantity: 20, price: 1500 }],
  recentOrderTimes: [now - 400],
};
const proposal: OrderProposal = {
  symbol: 'RELIANCE',
  side: 'BUY',
  quantity: 2000,
  orderType: 'MARKET',
  product: 'INTRADAY',
  stopLoss: 1386,
  reason: 'bench',
  source: 'llm',
};
measure('risk validateOrder (all rules, adjusts)', 200_000, () =>
  validateOrder(proposal, account, { now, lastPrice: 1400 }),
);

measure('costs fillCharges', 1_000_000, (i) =>
  fillCharges({
    side: i % 2 ? 'BUY' : 'SELL',
    product: 'INTRADAY',
    price: 1400 + (i % 50) / 10,
    quantity: 1 + (i % 300),
  }),
);

const bars: Candle[] = Array.from({ length: 1000 }, (_, i) => {
  const open = 1400 + Math.sin(i / 7) * 10;
  return { time: now + i * 300_000, open, high: open + 3, low: open - 3, close: open + 1, volume: 1000 };
});
const options = { tickSize: 0.1, slippageBps: 2 };
measure('fills fillOnBar (limit order)', 1_000_000, (i) =>
  fillOnBar({ side: 'BUY', orderType: 'LIMIT', price: 1398 }, bars[i % 1000] as Candle, options),
);
measure('fills exitOnBar (stop + target)', 1_000_000, (i) =>
  exitOnBar({ direction: 'LONG', stopLoss: 1392, takeProfit: 1408 }, bars[i % 1000] as Candle, options),
);

// A day is 75 bars: a mark every bar and a fill every 5th, starting a new day every 75 bars.
let ledger = openLedger('bench', 1_000_000, now);
const charges = fillCharges({ side: 'BUY', product: 'INTRADAY', price: 1400, quantity: 10 });
measure('ledger applyFill + markToMarket (per bar)', 300_000, (i) => {
  if (i % 75 === 0) ledger = startDay(ledger, now + (i / 75) * 86_400_000);
  if (i % 5 === 0) {
    const fill: Fill = {
      orderKey: `o${i}`,
      symbol: 'RELIANCE',
      side: i % 10 === 0 ? 'BUY' : 'SELL',
      quantity: 10,
      price: 1400 + (i % 7) / 10,
      time: now + i,
      product: 'INTRADAY',
      charges,
    };
    ledger = applyFill(ledger, fill);
  }
  ledger = markToMarket(ledger, { RELIANCE: 1400 + (i % 9) / 10 });
  return ledger.fillCount;
});
