/**
 * Turns one tool call from the model into either order proposals, an answer, or a rejection with
 * a reason the model can act on. Pure: the outcome depends only on the call, the cycle's context
 * and what was already accepted earlier in the same decision.
 *
 * The model's words are untrusted input (style habit 13): arguments are parsed defensively,
 * validated by the zod definitions in tools.ts, then checked against the market and the account.
 * The risk rules check every proposal again; this layer only makes sure nothing malformed or
 * outside the account ever becomes a proposal, and tells the model why.
 */
import { stopSideProblem } from '../core/sizing';
import { roundStopAwayFromEntry, roundToTick, tickSizeOf } from '../core/ticks';
import { type OrderProposal, type Position } from '../core/types';
import { type ToolCallOutcome } from './audit';
import { type DecisionContext, openPosition, openPositions, symbolView } from './context';
import { isToolName, TOOL_NAMES, toolArgumentSchemas, type ToolArguments } from './tools';

export interface ToolCallInput {
  readonly name: string;
  /** Raw JSON text, as the model sent it. */
  readonly arguments: string;
}

export interface EvaluatedCall {
  readonly outcome: ToolCallOutcome;
  readonly proposals: readonly OrderProposal[];
  /** Rejection reason (only for `rejected`). */
  readonly reason?: string;
  /** The tool result fed back to the model, as JSON text. */
  readonly result: string;
}

/** A refused call: the reason goes back to the model as the tool result. */
export function rejected(reason: string): EvaluatedCall {
  return { outcome: 'rejected', proposals: [], reason, result: JSON.stringify({ status: 'rejected', error: reason }) };
}

function accepted(proposals: readonly OrderProposal[], note: string): EvaluatedCall {
  return { outcome: 'accepted', proposals, result: JSON.stringify({ status: 'accepted', note }) };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    // Some models send "" for a tool without parameters.
    return { ok: true, value: text.trim() === '' ? {} : JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function describe(proposals: readonly OrderProposal[]): string {
  return proposals.map((p) => `${p.side} ${p.symbol} ${p.quantity}`).join(', ');
}

/**
 * Evaluates one tool call.
 *
 * @param earlier proposals already accepted in this decision (one order per symbol per cycle).
 */
export function evaluateToolCall(
  call: ToolCallInput,
  context: DecisionContext,
  earlier: readonly OrderProposal[],
): EvaluatedCall {
  if (!isToolName(call.name)) {
    return rejected(`unknown tool ${JSON.stringify(call.name)}; the tools are ${TOOL_NAMES.join(', ')}`);
  }
  const json = parseJson(call.arguments);
  if (!json.ok) return rejected(`arguments are not valid JSON (${json.error}); send one JSON object`);
  const parsed = toolArgumentSchemas(context.account)[call.name].safeParse(json.value);
  if (!parsed.success) {
    return rejected(
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; '),
    );
  }
  switch (call.name) {
    case 'buy_stock':
      return buy(parsed.data as ToolArguments['buy_stock'], context, earlier);
    case 'sell_stock':
      return sell(parsed.data as ToolArguments['sell_stock'], context, earlier);
    case 'close_all_positions':
      return closeAll((parsed.data as ToolArguments['close_all_positions']).reason, context, earlier);
    case 'get_portfolio_status':
      return { outcome: 'answered', proposals: [], result: JSON.stringify(portfolioStatus(context, earlier)) };
  }
}

function alreadyDecided(symbol: string, earlier: readonly OrderProposal[]): string | undefined {
  return earlier.some((p) => p.symbol === symbol)
    ? `${symbol} already has an order in this decision; one order per symbol per cycle`
    : undefined;
}

function buy(args: ToolArguments['buy_stock'], context: DecisionContext, earlier: readonly OrderProposal[]) {
  const { symbol, quantity } = args;
  const duplicate = alreadyDecided(symbol, earlier);
  if (duplicate) return rejected(duplicate);
  if (!context.market.newEntriesAllowed) return rejected('new entries are closed at this time of day; only exits');
  if (context.risk.state !== 'ACTIVE') return rejected(`risk state is ${context.risk.state}: only exits are allowed`);
  const held = openPosition(context, symbol);
  if (held && context.risk.limits.maxPositionsPerSymbol <= 1) {
    return rejected(`already holding ${held.quantity} ${symbol}; at most one position per symbol`);
  }
  const slots = context.risk.limits.maxOpenPositions - openPositions(context).length - newEntries(earlier);
  if (slots <= 0) return rejected(`no free position slot (max ${context.risk.limits.maxOpenPositions} open positions)`);

  const view = symbolView(context, symbol);
  const tick = tickSizeOf(symbol);
  if (!view || tick === undefined) return rejected(`no market data for ${symbol} this cycle`);
  const last = view.lastPrice;
  const stopProblem = stopSideProblem('BUY', last, args.stop_loss);
  if (stopProblem) return rejected(`stop_loss: ${stopProblem}`);
  if (args.take_profit !== undefined && args.take_profit <= last) {
    return rejected(`take_profit ${args.take_profit} must be above the current price ${last}`);
  }
  const value = quantity * last;
  if (value > context.account.capital) {
    return rejected(
      `order value ${Math.round(value)} (${quantity} × ${last}) exceeds the account capital ${context.account.capital}`,
    );
  }
  const proposal: OrderProposal = {
    symbol,
    side: 'BUY',
    quantity,
    orderType: 'MARKET',
    product: 'INTRADAY',
    strategy: args.strategy as OrderProposal['strategy'],
    stopLoss: roundStopAwayFromEntry(args.stop_loss, last, tick),
    ...(args.take_profit !== undefined ? { takeProfit: roundToTick(args.take_profit, tick) } : {}),
    reason: args.reason,
    source: 'llm',
  };
  return accepted([proposal], `proposed ${describe([proposal])}; the risk rules decide whether it is placed`);
}

function sell(args: ToolArguments['sell_stock'], context: DecisionContext, earlier: readonly OrderProposal[]) {
  const { symbol, quantity } = args;
  const duplicate = alreadyDecided(symbol, earlier);
  if (duplicate) return rejected(duplicate);
  const held = openPosition(context, symbol)?.quantity ?? 0;
  if (held <= 0) return rejected(`you hold no ${symbol} to sell; sell_stock only reduces a long position`);
  if (quantity > held) return rejected(`you hold only ${held} ${symbol}; cannot sell ${quantity}`);
  const proposal: OrderProposal = {
    symbol,
    side: 'SELL',
    quantity,
    orderType: 'MARKET',
    product: 'INTRADAY',
    strategy: args.strategy as OrderProposal['strategy'],
    reason: args.reason,
    source: 'llm',
  };
  return accepted([proposal], `proposed ${describe([proposal])}`);
}

/** The order that flattens one position. Shared with the rules decider. */
export function closingProposal(position: Position, reason: string, source: OrderProposal['source']): OrderProposal {
  return {
    symbol: position.symbol,
    side: position.quantity > 0 ? 'SELL' : 'BUY',
    quantity: Math.abs(position.quantity),
    orderType: 'MARKET',
    product: 'INTRADAY',
    ...(position.strategy ? { strategy: position.strategy } : {}),
    reason,
    source,
  };
}

function closeAll(reason: string, context: DecisionContext, earlier: readonly OrderProposal[]) {
  const proposals = openPositions(context)
    .filter((p) => !alreadyDecided(p.symbol, earlier))
    .map((p) => closingProposal(p, reason, 'llm'));
  return accepted(proposals, proposals.length ? `proposed ${describe(proposals)}` : 'no open positions to close');
}

/** New positions accepted earlier in this decision (only entries carry a stop). */
function newEntries(earlier: readonly OrderProposal[]): number {
  return earlier.filter((p) => p.stopLoss !== undefined).length;
}

/** What `get_portfolio_status` answers: the context's portfolio plus this decision so far. */
export function portfolioStatus(context: DecisionContext, earlier: readonly OrderProposal[]) {
  const { portfolio, risk } = context;
  return {
    cash: portfolio.cash,
    equity: portfolio.equity,
    realisedPnl: portfolio.realisedPnl,
    unrealisedPnl: portfolio.unrealisedPnl,
    positions: openPositions(context).map((p) => ({
      symbol: p.symbol,
      quantity: p.quantity,
      avgPrice: p.avgPrice,
      lastPrice: symbolView(context, p.symbol)?.lastPrice ?? null,
      stopLoss: p.stopLoss ?? null,
      takeProfit: p.takeProfit ?? null,
      strategy: p.strategy ?? null,
    })),
    riskState: risk.state,
    lossBudgetLeft: risk.lossBudgetLeft,
    maxOpenPositions: risk.limits.maxOpenPositions,
    newEntriesAllowed: context.market.newEntriesAllowed,
    minutesToSquareOff: context.market.minutesToSquareOff,
    decidedThisCycle: earlier.map((p) => `${p.side} ${p.symbol} ${p.quantity}`),
  };
}
