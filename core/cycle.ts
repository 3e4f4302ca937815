/**
 * What every cycle must do whatever the decider says, as pure functions shared by the live cycle
 * and the backtester: protective exits when a closed bar reached a position's stop or target, the
 * 15:15 square-off, and a full flatten when the account is stopping, killed or halted.
 */
import { type TradingCalendar, NSE_CALENDAR, sessionPhase } from './calendar';
import { barReaches } from './fills/model';
import { flattenOrders } from './risk/flatten';
import { DAY_MS } from './time';
import { type Candle, type OrderProposal, type Position } from './types';

/**
 * Calendar days of closed 5-minute bars a cycle analyses: ten sessions for relative volume, plus
 * weekends and holidays. The live cycle reads this window from the candles table at every tick.
 */
export const ANALYSIS_LOOKBACK_MS = 21 * DAY_MS;

/**
 * What the cycle is for: `trade` runs the decider; `protect` (a paused account) only protects;
 * `flatten` closes everything (stop, kill, daily-loss halt); `manual` places one order from the API.
 */
export type CyclePurpose = 'trade' | 'protect' | 'flatten' | 'manual';

/**
 * Exits for positions whose stop or target the last closed bar reached, as market orders for the
 * next bar (the stop wins when one bar reached both, as in the fill model).
 */
export function protectiveExits(
  positions: readonly Position[],
  lastBars: Readonly<Record<string, Candle>>,
): OrderProposal[] {
  const exits: OrderProposal[] = [];
  for (const p of positions) {
    const bar = lastBars[p.symbol];
    if (!bar || p.quantity === 0) continue;
    const long = p.quantity > 0;
    const stopHit = p.stopLoss !== undefined && barReaches(bar, p.stopLoss, long ? 'down' : 'up');
    const targetHit = !stopHit && p.takeProfit !== undefined && barReaches(bar, p.takeProfit, long ? 'up' : 'down');
    if (!stopHit && !targetHit) continue;
    exits.push({
      symbol: p.symbol,
      side: long ? 'SELL' : 'BUY',
      quantity: Math.abs(p.quantity),
      orderType: 'MARKET',
      product: 'INTRADAY',
      strategy: p.strategy,
      reason: stopHit ? `stop ${p.stopLoss} reached` : `target ${p.takeProfit} reached`,
      source: 'risk',
    });
  }
  return exits;
}

export interface MandatoryOrders {
  /** Orders the desk places whatever the decider says. */
  readonly orders: readonly OrderProposal[];
  /** Whether the decider runs this cycle at all. */
  readonly runDecider: boolean;
}

/** A cycle with nothing to place, and whether its decider runs: shared, so most cycles allocate nothing. */
// The lists are typed readonly, not frozen: a frozen array has its own elements kind, and the loops
// over mandatory orders would then see two kinds instead of one.
const NOTHING_DECIDE: MandatoryOrders = Object.freeze({ orders: [], runDecider: true });
const NOTHING_HOLD: MandatoryOrders = Object.freeze({ orders: [], runDecider: false });

/** The orders a cycle must place before (or instead of) asking the decider. */
export function mandatoryOrders(input: {
  readonly purpose: CyclePurpose;
  readonly now: number;
  readonly positions: readonly Position[];
  readonly lastBars: Readonly<Record<string, Candle>>;
  readonly calendar?: TradingCalendar;
}): MandatoryOrders {
  const { purpose, positions } = input;
  if (purpose === 'flatten')
    return {
      orders: flattenOrders(positions, { source: 'risk', reason: 'flatten: account stopping or halted' }),
      runDecider: false,
    };
  const phase = sessionPhase(input.now, input.calendar ?? NSE_CALENDAR);
  const closing = phase === 'square-off' || phase === 'closed';
  const runDecider = !closing && (purpose === 'trade' || purpose === 'manual');
  // Without positions there is nothing to close or protect.
  if (positions.length === 0) return runDecider ? NOTHING_DECIDE : NOTHING_HOLD;
  const orders = closing
    ? flattenOrders(positions, { source: 'squareoff', reason: 'intraday square-off before the close' })
    : protectiveExits(positions, input.lastBars);
  if (orders.length === 0) return runDecider ? NOTHING_DECIDE : NOTHING_HOLD;
  return { orders, runDecider };
}

/** The decider's proposals, minus any for a symbol the mandatory orders already act on. */
export function withMandatory(mandatory: readonly OrderProposal[], decided: readonly OrderProposal[]): OrderProposal[] {
  const taken = new Set(mandatory.map((o) => o.symbol));
  return [...mandatory, ...decided.filter((o) => !taken.has(o.symbol))];
}
