/**
 * The rules decider: the same `Decider` interface without an LLM. A deterministic policy that
 * follows the strategies' signals in the context:
 *
 * 1. At square-off, close every open position and do nothing else.
 * 2. An exit signal on the closing side of an open position closes it (only the position's own
 *    strategy may close it, when the position records one).
 * 3. While entries are open and the risk state is ACTIVE, the strongest entry signal per free
 *    position slot opens a position with the signal's stop and target (one per symbol; held
 *    symbols are skipped). Ties break on symbol, then strategy, so the result never depends on
 *    the order signals arrived in.
 *
 * Used when no LLM key is configured, as the budget fallback, in tests and in backtests, so it is
 * pure, synchronous at heart and fast. Quantities come from an injected sizing function.
 */
import { positionSize, stopSideProblem } from '../core/sizing';
import { tickSizeOf } from '../core/ticks';
import { type OrderProposal, type Signal } from '../core/types';
import { recordWithoutLlm } from './audit';
import { type DecisionContext, openPositions } from './context';
import { type Decider, type Decision } from './decider';
import { closingProposal } from './tool-calls';

/** Shares for an entry signal; 0 (or anything below 1) skips it. */
export type SizeFn = (signal: Signal, context: DecisionContext) => number;

export interface RulesOutcome {
  readonly proposals: readonly OrderProposal[];
  /** Why each signal was or was not followed, for the audit record. */
  readonly notes: readonly string[];
}

// `localeCompare` builds a collator on every call; this one gives the same order, built once.
const collator = new Intl.Collator();

function byStrength(a: Signal, b: Signal): number {
  return b.strength - a.strength || collator.compare(a.symbol, b.symbol) || collator.compare(a.strategy, b.strategy);
}

/** The first of the strongest signals that pass `test` (what a stable sort by strength puts first). */
function strongest(signals: readonly Signal[], test: (s: Signal) => boolean): Signal | undefined {
  let best: Signal | undefined;
  for (const s of signals) if (test(s) && (best === undefined || byStrength(s, best) < 0)) best = s;
  return best;
}

/**
 * Whether the policy proposes nothing, known without building a context: no strategy signal, and
 * no open position to square off (rule 1). Every other rule follows a signal. A backtest asks this
 * first and skips the decider on such cycles (most of them); `decideByRules` holds on the same test.
 */
export function rulesHold(input: {
  readonly signals: number;
  readonly openPositions: number;
  readonly minutesToSquareOff: number;
}): boolean {
  return input.signals === 0 && (input.openPositions === 0 || input.minutesToSquareOff > 0);
}

/** The pure policy (see the module comment). */
export function decideByRules(context: DecisionContext, size: SizeFn): RulesOutcome {
  const notes: string[] = [];
  const open = openPositions(context);
  let signalCount = 0;
  for (const view of context.symbols) signalCount += view.signals.length;
  const { minutesToSquareOff } = context.market;
  if (rulesHold({ signals: signalCount, openPositions: open.length, minutesToSquareOff }))
    return { proposals: [], notes };
  if (minutesToSquareOff <= 0) {
    if (open.length) notes.push('square-off: closing every open position');
    return { proposals: open.map((p) => closingProposal(p, 'square-off before the close', 'rules')), notes };
  }

  const { strategies, stocks } = context.account;
  // Loops, not flatMap, filter chains or Sets of a handful of names: this runs at every cycle with a signal.
  const signals: Signal[] = [];
  for (const view of context.symbols)
    for (const s of view.signals) if (stocks.includes(s.symbol) && strategies.includes(s.strategy)) signals.push(s);

  const proposals: OrderProposal[] = [];
  for (const position of open) {
    const closingSide = position.quantity > 0 ? 'SELL' : 'BUY';
    const exit = strongest(
      signals,
      (s) =>
        s.kind === 'exit' &&
        s.symbol === position.symbol &&
        s.side === closingSide &&
        (!position.strategy || s.strategy === position.strategy),
    );
    if (exit) {
      proposals.push(closingProposal(position, `${exit.strategy} exit: ${exit.reason}`, 'rules'));
      notes.push(`${position.symbol}: closing on ${exit.strategy} exit signal`);
    }
  }

  const entries = signals.filter((s) => s.kind === 'entry').sort(byStrength);
  if (entries.length === 0) return { proposals, notes };
  if (!context.market.newEntriesAllowed)
    return { proposals, notes: [...notes, 'entries closed: outside entry window'] };
  if (context.risk.state !== 'ACTIVE') {
    return { proposals, notes: [...notes, `entries closed: risk state ${context.risk.state}`] };
  }

  // Closing orders free their slots only once filled, so they do not count as free here.
  let slots = context.risk.limits.maxOpenPositions - open.length;
  const taken = new Set([...open.map((p) => p.symbol), ...proposals.map((p) => p.symbol)]);
  for (const signal of entries) {
    const label = `${signal.symbol} ${signal.strategy} ${signal.side}`;
    if (slots <= 0) {
      notes.push(`${label}: no free position slot`);
      continue;
    }
    if (taken.has(signal.symbol)) {
      notes.push(`${label}: symbol already held or decided`);
      continue;
    }
    const sideProblem = stopSideProblem(signal.side, signal.entry, signal.stop);
    if (sideProblem) {
      notes.push(`${label}: ${sideProblem}`);
      continue;
    }
    const quantity = size(signal, context);
    if (!Number.isInteger(quantity) || quantity < 1) {
      notes.push(`${label}: sized to ${quantity} shares, skipped`);
      continue;
    }
    proposals.push({
      symbol: signal.symbol,
      side: signal.side,
      quantity,
      orderType: 'MARKET',
      product: 'INTRADAY',
      strategy: signal.strategy,
      stopLoss: signal.stop,
      ...(signal.target !== undefined ? { takeProfit: signal.target } : {}),
      reason: `${signal.strategy}: ${signal.reason}`,
      source: 'rules',
    });
    notes.push(`${label}: entering ${quantity} shares (strength ${signal.strength})`);
    taken.add(signal.symbol);
    slots--;
  }
  return { proposals, notes };
}

/**
 * Sizing by the core position sizer (risk per trade and buying power over the slots), for
 * callers that have no sizing of their own. Returns 0 when the sizer says skip.
 */
export function coreSize(signal: Signal, context: DecisionContext): number {
  const tickSize = tickSizeOf(signal.symbol);
  if (tickSize === undefined) return 0;
  const result = positionSize({
    side: signal.side,
    entry: signal.entry,
    stop: signal.stop,
    tickSize,
    capital: context.account.capital,
    equity: context.portfolio.equity,
    riskPerTradePct: context.risk.limits.riskPerTradePct,
    leverage: context.risk.limits.intradayLeverage,
    maxOpenPositions: context.risk.limits.maxOpenPositions,
  });
  return result.ok ? result.quantity : 0;
}

/**
 * Creates the rules decider.
 *
 * @param size shares per entry signal, e.g. `coreSize`.
 */
export function createRulesDecider(size: SizeFn): Decider {
  return {
    kind: 'rules',
    async decide(context: DecisionContext): Promise<Decision> {
      const { proposals, notes } = decideByRules(context, size);
      const stopReason = 'rules';
      return {
        proposals,
        rejections: [],
        records: [recordWithoutLlm(context, { decider: 'rules', proposals, stopReason, notes })],
      };
    },
  };
}
