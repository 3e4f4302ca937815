/**
 * The risk rules, one small function each, in the order `validateOrder` applies them. A rule
 * passes, rejects with a plain-language reason, or trims the quantity with a reason.
 *
 * Why some rules trim instead of rejecting: when a proposal is too big for the per-trade risk or
 * for the remaining buying power, a careful desk still takes the trade at the size the limits
 * allow (a good signal is not dropped for being oversized), but never larger. Every other breach
 * is a plain "no".
 */
import { calendarCovers, isTradingDay, type SessionPhase, type TradingCalendar } from '../calendar';
import { positionSize, stopSideProblem } from '../sizing';
import { istClock, istDateKey } from '../time';
import { isOnTick } from '../ticks';
import { type OrderProposal } from '../types';
import {
  heldQuantity,
  workingEntries,
  type AccountState,
  type MarketState,
  type OrderEffect,
  type RiskPosition,
} from './context';
import { dailyLossBreached } from './state';

export type RuleId =
  | 'quantity'
  | 'order-prices'
  | 'symbol-allowed'
  | 'risk-state'
  | 'market-hours'
  | 'order-rate'
  | 'circuit-band'
  | 'over-close'
  | 'flip'
  | 'daily-loss'
  | 'square-off'
  | 'entry-window'
  | 'delivery-short'
  | 'stop-loss'
  | 'max-open-positions'
  | 'max-positions-per-symbol'
  | 'per-trade-risk'
  | 'buying-power'
  | 'duplicate-order';

/** Everything a rule may look at. `proposal` already carries earlier rules' adjustments. */
export interface RuleContext {
  readonly proposal: OrderProposal;
  readonly account: AccountState;
  readonly market: MarketState;
  readonly effect: OrderEffect;
  readonly phase: SessionPhase;
  readonly calendar: TradingCalendar;
  /** Tick of the symbol; undefined for an unknown instrument (the symbol rule rejects it). */
  readonly tick: number | undefined;
  /** The price the order is judged at (limit, trigger or last price). */
  readonly reference: number;
  readonly maxOrdersPerSecond: number;
}

export type RuleOutcome =
  | { readonly verdict: 'pass' }
  | { readonly verdict: 'reject'; readonly reason: string }
  | { readonly verdict: 'adjust'; readonly quantity: number; readonly reason: string };

export interface RiskRule {
  readonly id: RuleId;
  /** Rules that only guard new risk; orders that reduce a position skip them. */
  readonly entriesOnly: boolean;
  readonly check: (ctx: RuleContext) => RuleOutcome;
}

const PASS: RuleOutcome = { verdict: 'pass' };
const reject = (reason: string): RuleOutcome => ({ verdict: 'reject', reason });
const rupees = (amount: number): string => `₹${amount.toFixed(2)}`;
const isPositive = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x) && x > 0;

function checkQuantity({ proposal }: RuleContext): RuleOutcome {
  const q = proposal.quantity;
  return Number.isInteger(q) && q > 0 ? PASS : reject(`quantity must be a whole number of shares above 0, got ${q}`);
}

function checkOrderPrices({ proposal, market, tick }: RuleContext): RuleOutcome {
  const { orderType, price, triggerPrice } = proposal;
  if (!isPositive(market.lastPrice))
    return reject(`no valid last price for ${proposal.symbol}: cannot value the order`);
  if ((orderType === 'LIMIT' || orderType === 'STOP_LOSS') && !isPositive(price)) {
    return reject(`a ${orderType} order needs a limit price above 0`);
  }
  if ((orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET') && !isPositive(triggerPrice)) {
    return reject(`a ${orderType} order needs a trigger price above 0`);
  }
  for (const [name, value] of [
    ['price', price],
    ['trigger price', triggerPrice],
  ] as const) {
    if (value !== undefined && tick !== undefined && !isOnTick(value, tick)) {
      return reject(`${name} ${value} is not a multiple of the ₹${tick} tick`);
    }
  }
  return PASS;
}

function checkSymbol({ proposal, account, tick }: RuleContext): RuleOutcome {
  if (!account.allowedSymbols.includes(proposal.symbol)) {
    return reject(`${proposal.symbol} is not one of this account's stocks (${account.allowedSymbols.join(', ')})`);
  }
  return tick === undefined ? reject(`${proposal.symbol} has no known tick size: unknown instrument`) : PASS;
}

const DESK_SOURCES: readonly string[] = ['squareoff', 'risk'];

function checkRiskState({ proposal, account, effect }: RuleContext): RuleOutcome {
  if (account.riskState === 'HALTED' && !(effect === 'reduce' && DESK_SOURCES.includes(proposal.source))) {
    return reject('account is HALTED: only the desk\'s own flatten orders (source "squareoff" or "risk") may pass');
  }
  if (account.riskState === 'REDUCING' && effect !== 'reduce') {
    return reject('account is REDUCING: only orders that shrink an open position may pass');
  }
  return PASS;
}

function checkMarketHours({ market, phase, calendar }: RuleContext): RuleOutcome {
  if (!calendarCovers(market.now, calendar)) {
    const year = istDateKey(market.now).slice(0, 4);
    return reject(`no NSE holiday list loaded for ${year}: load one before trading that year`);
  }
  if (!isTradingDay(market.now, calendar)) {
    return reject(`${istDateKey(market.now)} is not an NSE trading day (weekend or holiday)`);
  }
  return phase === 'closed' ? reject(`market is closed at ${istClock(market.now)} IST (open 09:15–15:30)`) : PASS;
}

function checkOrderRate({ account, market, maxOrdersPerSecond }: RuleContext): RuleOutcome {
  const lastSecond = account.recentOrderTimes.filter((t) => t > market.now - 1000 && t <= market.now).length;
  return lastSecond < maxOrdersPerSecond
    ? PASS
    : reject(
        `${lastSecond} order requests in the last second: the desk's ceiling is ${maxOrdersPerSecond}/s; retry shortly`,
      );
}

function checkCircuit({ proposal, market }: RuleContext): RuleOutcome {
  const band = market.circuit;
  if (!band) return PASS;
  const prices = [
    proposal.price,
    proposal.triggerPrice,
    proposal.orderType === 'MARKET' ? market.lastPrice : undefined,
  ];
  const outside = prices.find((p) => p !== undefined && (p < band.lower || p > band.upper));
  return outside === undefined
    ? PASS
    : reject(`price ${outside} is outside today's band ${band.lower}–${band.upper}; the exchange would reject it`);
}

function checkOverClose({ effect, proposal, account }: RuleContext): RuleOutcome {
  if (effect !== 'reduce') return PASS;
  // Closing orders already working (a protective stop, an earlier exit) may fill too: together
  // they must not sell more than is held, or the account ends up short by accident.
  const working = account.workingOrders
    .filter((o) => o.symbol === proposal.symbol && o.side === proposal.side)
    .reduce((sum, o) => sum + o.quantity, 0);
  const held = Math.abs(heldQuantity(account, proposal.symbol));
  if (proposal.quantity + working <= held) return PASS;
  return reject(
    `${proposal.side} ${proposal.quantity} plus ${working} already working would close more than the ${held} held: cancel the working order(s) first`,
  );
}

function checkFlip({ effect, proposal, account }: RuleContext): RuleOutcome {
  if (effect !== 'flip') return PASS;
  const held = heldQuantity(account, proposal.symbol);
  return reject(
    `${proposal.side} ${proposal.quantity} would reverse the ${held}-share position: close it (${Math.abs(held)}) first, then enter`,
  );
}

function checkDailyLoss({ account }: RuleContext): RuleOutcome {
  const { equity, startOfDayEquity, limits } = account;
  if (!dailyLossBreached(equity, startOfDayEquity, limits.dailyLossLimitPct)) return PASS;
  const limit = (limits.dailyLossLimitPct / 100) * startOfDayEquity;
  return reject(
    `today's loss ${rupees(startOfDayEquity - equity)} reached the limit ${rupees(limit)} (${limits.dailyLossLimitPct}% of start-of-day equity): no new entries; flatten`,
  );
}

function checkSquareOff({ phase }: RuleContext): RuleOutcome {
  return phase === 'square-off'
    ? reject('after the 15:15 square-off time only orders that reduce a position may pass')
    : PASS;
}

function checkEntryWindow({ phase, market }: RuleContext): RuleOutcome {
  if (phase === 'opening') return reject(`no new entries before 09:30 (now ${istClock(market.now)} IST)`);
  if (phase === 'no-new-entries') return reject(`no new entries after 14:45 (now ${istClock(market.now)} IST)`);
  return PASS;
}

function checkDeliveryShort({ proposal }: RuleContext): RuleOutcome {
  return proposal.product === 'CNC' && proposal.side === 'SELL'
    ? reject('a delivery (CNC) order cannot sell shares the account does not hold; short only INTRADAY')
    : PASS;
}

function checkStopLoss({ proposal, reference }: RuleContext): RuleOutcome {
  if (!isPositive(proposal.stopLoss)) return reject('an entry must carry a protective stopLoss above 0');
  const problem = stopSideProblem(proposal.side, reference, proposal.stopLoss);
  return problem ? reject(problem) : PASS;
}

/** Symbols with an open position or a working entry order: the account's used slots. */
function usedSlots(account: AccountState): Set<string> {
  const open = account.positions.filter((p) => p.quantity !== 0).map((p) => p.symbol);
  return new Set([...open, ...workingEntries(account).map((o) => o.symbol)]);
}

function checkOpenPositions({ proposal, account }: RuleContext): RuleOutcome {
  const slots = usedSlots(account);
  const max = account.limits.maxOpenPositions;
  if (slots.has(proposal.symbol) || slots.size < max) return PASS;
  return reject(`${slots.size} positions are open or pending (${[...slots].join(', ')}); the limit is ${max}`);
}

function checkPositionsPerSymbol({ proposal, account }: RuleContext): RuleOutcome {
  const held = account.positions.filter((p) => p.symbol === proposal.symbol && p.quantity !== 0);
  const pending = workingEntries(account).filter((o) => o.symbol === proposal.symbol).length;
  const entries = held.reduce((sum, p) => sum + (p.entries ?? 1), 0) + pending;
  const max = account.limits.maxPositionsPerSymbol;
  return entries < max
    ? PASS
    : reject(`${proposal.symbol} already has ${entries} entr${entries === 1 ? 'y' : 'ies'}; the limit is ${max}`);
}

function leverageOf(proposal: OrderProposal, account: AccountState): number {
  return proposal.product === 'INTRADAY' ? account.limits.intradayLeverage : 1;
}

function checkTradeRisk({ proposal, account, reference, tick }: RuleContext): RuleOutcome {
  const size = positionSize({
    side: proposal.side,
    entry: reference,
    stop: proposal.stopLoss ?? 0,
    tickSize: tick ?? 0,
    capital: account.startOfDayEquity,
    equity: account.equity,
    riskPerTradePct: account.limits.riskPerTradePct,
    leverage: leverageOf(proposal, account),
    maxOpenPositions: account.limits.maxOpenPositions,
  });
  if (!size.ok) return reject(`cannot size the trade: ${size.reason}`);
  if (proposal.quantity <= size.quantity) return PASS;
  const cap =
    size.binding === 'risk' ? `${account.limits.riskPerTradePct}% risk per trade` : 'the buying power of one slot';
  return {
    verdict: 'adjust',
    quantity: size.quantity,
    reason: `quantity cut from ${proposal.quantity} to ${size.quantity} by ${cap} (stop ${size.stop}, ${rupees(size.stopDistance)} a share)`,
  };
}

function exposureOf(position: RiskPosition): number {
  return Math.abs(position.quantity) * (position.mark ?? position.avgPrice);
}

function checkBuyingPower({ proposal, account, reference }: RuleContext): RuleOutcome {
  const leverage = leverageOf(proposal, account);
  const used =
    account.positions.reduce((sum, p) => sum + exposureOf(p), 0) +
    workingEntries(account).reduce((sum, o) => sum + o.quantity * o.price, 0);
  const headroom = Math.max(0, account.equity) * leverage - used;
  const affordable = Math.max(0, Math.floor(headroom / reference + 1e-9));
  if (proposal.quantity <= affordable) return PASS;
  const why = `buying power ${rupees(Math.max(0, headroom))} left (${leverage}× equity less ${rupees(used)} in use) buys ${affordable} at ${reference}`;
  return affordable >= 1
    ? {
        verdict: 'adjust',
        quantity: affordable,
        reason: `quantity cut from ${proposal.quantity} to ${affordable}: ${why}`,
      }
    : reject(`not enough buying power: ${why}`);
}

function checkDuplicate({ proposal, account }: RuleContext): RuleOutcome {
  const twin = account.workingOrders.find(
    (o) => o.symbol === proposal.symbol && o.side === proposal.side && o.quantity === proposal.quantity,
  );
  return twin
    ? reject(
        `order ${twin.orderKey} (${twin.side} ${twin.quantity} ${twin.symbol}) is already working: not sending it twice`,
      )
    : PASS;
}

/** The rules in the order they are applied. Cheap checks on the order itself come first. */
export const RISK_RULES: readonly RiskRule[] = [
  { id: 'quantity', entriesOnly: false, check: checkQuantity },
  { id: 'order-prices', entriesOnly: false, check: checkOrderPrices },
  { id: 'symbol-allowed', entriesOnly: false, check: checkSymbol },
  { id: 'risk-state', entriesOnly: false, check: checkRiskState },
  { id: 'market-hours', entriesOnly: false, check: checkMarketHours },
  { id: 'order-rate', entriesOnly: false, check: checkOrderRate },
  { id: 'circuit-band', entriesOnly: false, check: checkCircuit },
  { id: 'over-close', entriesOnly: false, check: checkOverClose },
  { id: 'flip', entriesOnly: true, check: checkFlip },
  { id: 'daily-loss', entriesOnly: true, check: checkDailyLoss },
  { id: 'square-off', entriesOnly: true, check: checkSquareOff },
  { id: 'entry-window', entriesOnly: true, check: checkEntryWindow },
  { id: 'delivery-short', entriesOnly: true, check: checkDeliveryShort },
  { id: 'stop-loss', entriesOnly: true, check: checkStopLoss },
  { id: 'max-open-positions', entriesOnly: true, check: checkOpenPositions },
  { id: 'max-positions-per-symbol', entriesOnly: true, check: checkPositionsPerSymbol },
  { id: 'per-trade-risk', entriesOnly: true, check: checkTradeRisk },
  { id: 'buying-power', entriesOnly: true, check: checkBuyingPower },
  // Last, so that it compares the quantity that would actually be sent.
  { id: 'duplicate-order', entriesOnly: false, check: checkDuplicate },
];
