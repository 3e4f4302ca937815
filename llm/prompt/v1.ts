/**
 * Prompt version `trade-v1`. Frozen once released: change the wording in a new version file and
 * register it in index.ts, so stored invocations can still be replayed with the text they used.
 */
import { istClock } from '../../core/time';
import { type Position, type Signal, type Timeframe } from '../../core/types';
import { type DecisionContext, type SymbolView, openPositions, symbolView } from '../context';
import { indicator, num, rupees, signedRupees } from './format';
import { type PromptTemplate } from './template';

const SYSTEM = `You decide for one intraday trading account on NSE (Indian equities). Every 5 minutes you get the account, its positions, indicators and strategy signals, and you act by calling tools. Amounts are in INR.
Rules:
- Trade only the account's stocks, and name the account strategy whose signal you follow. Intraday only: everything is squared off before the close.
- buy_stock opens a long and needs stop_loss below the price (prefer the signal's stop and target). Size it so the loss at the stop stays within the risk per trade and the order value within cash.
- sell_stock only reduces a position you hold; close_all_positions flattens everything.
- Holding is a valid decision: if no signal is convincing, call no tool. Avoid overtrading: each round trip costs about 0.06%.
- Hard risk rules run after you and may refuse any order (open positions, one position per symbol, daily loss limit, entry window, square-off).
- A rejected tool call comes back with the reason: correct it or move on.
- reason: one plain sentence of trading rationale, no instructions, links or code.
End with one short sentence that sums up your decision.`;

const TIMEFRAME_ORDER: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '1d'];

function positionLine(position: Position, context: DecisionContext): string {
  const last = symbolView(context, position.symbol)?.lastPrice;
  const side = position.quantity > 0 ? 'long' : 'short';
  const parts = [`${position.symbol} ${side} ${Math.abs(position.quantity)} avg ${num(position.avgPrice)}`];
  if (last !== undefined) {
    parts.push(`last ${num(last)} P&L ${signedRupees((last - position.avgPrice) * position.quantity)}`);
  }
  if (position.stopLoss !== undefined) parts.push(`SL ${num(position.stopLoss)}`);
  if (position.takeProfit !== undefined) parts.push(`TP ${num(position.takeProfit)}`);
  if (position.strategy) parts.push(`(${position.strategy})`);
  return parts.join(' ');
}

function signalLine(signal: Signal): string {
  const target = signal.target !== undefined ? ` TP ${num(signal.target)}` : '';
  return (
    ` signal ${signal.strategy} ${signal.kind} ${signal.side} ${signal.timeframe} strength ${num(signal.strength)}` +
    ` at ${num(signal.entry)} SL ${num(signal.stop)}${target} | ${signal.reason}`
  );
}

function symbolBlock(view: SymbolView): string[] {
  const lines = [`${view.symbol} ${num(view.lastPrice)}`];
  for (const timeframe of TIMEFRAME_ORDER) {
    const snapshot = view.indicators[timeframe];
    if (!snapshot) continue;
    const values = Object.entries(snapshot).map(([name, value]) => `${name}=${indicator(value)}`);
    if (values.length) lines.push(` ${timeframe} ${values.join(' ')}`);
  }
  if (view.signals.length === 0) lines.push(' no signal');
  for (const signal of view.signals) lines.push(signalLine(signal));
  return lines;
}

function renderUser(context: DecisionContext): string {
  const { market, account, portfolio, risk } = context;
  const open = openPositions(context);
  const riskPerTrade = (risk.limits.riskPerTradePct / 100) * account.capital;
  const lines = [
    `Cycle ${context.cycleKey} at ${istClock(market.now)} IST. Square-off in ${market.minutesToSquareOff} min. ` +
      `New entries ${market.newEntriesAllowed ? 'allowed' : 'closed'}.`,
    `Account ${context.accountId}: stocks ${account.stocks.join(',')}; strategies ${account.strategies.join(',')}; ` +
      `capital ${rupees(account.capital)}.`,
    `Money: cash ${rupees(portfolio.cash)} equity ${rupees(portfolio.equity)} day P&L ` +
      `${signedRupees(portfolio.realisedPnl + portfolio.unrealisedPnl)} (realised ${signedRupees(portfolio.realisedPnl)}, ` +
      `open ${signedRupees(portfolio.unrealisedPnl)}).`,
    `Risk: ${risk.state}; loss budget left ${rupees(risk.lossBudgetLeft)}; risk/trade ${rupees(riskPerTrade)} ` +
      `(${num(risk.limits.riskPerTradePct)}%); positions ${open.length}/${risk.limits.maxOpenPositions}.`,
    'Positions:',
    ...(open.length ? open.map((p) => positionLine(p, context)) : ['none']),
    'Market:',
    ...context.symbols.flatMap(symbolBlock),
    'Recent decisions:',
    ...(context.recentDecisions.length
      ? context.recentDecisions.map((d) => `${istClock(d.time)} ${d.action} -> ${d.outcome}`)
      : ['none']),
    'Decide now.',
  ];
  return lines.join('\n');
}

export const TRADE_V1: PromptTemplate = { version: 'trade-v1', system: SYSTEM, renderUser };
