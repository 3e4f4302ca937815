/** The printed summary of a backtest: a few lines a person reads in the terminal or the README. */
import { type Metrics } from '../metrics';
import { type BacktestSpec } from '../spec';
import { inr, pct, ratio } from './format';

/** What decides, in words: `rules` or `llm openai/gpt-4o (trade-v1)`. */
export function deciderLabel(spec: BacktestSpec): string {
  const d = spec.decider;
  return d.kind === 'rules' ? 'rules decider' : `LLM ${d.model}${d.promptVersion ? ` (${d.promptVersion})` : ''}`;
}

export interface SummaryFacts {
  readonly spec: BacktestSpec;
  readonly metrics: Metrics;
  readonly cycles: number;
  readonly bars: number;
  /** LLM replies served from the cache, and calls actually paid for this run. */
  readonly llmCache?: { readonly hits: number; readonly misses: number };
}

/** The summary lines (no trailing newline). */
export function summaryText(facts: SummaryFacts): string {
  const { spec, metrics: m } = facts;
  const a = spec.account;
  const profit = m.profitFactor === null ? (m.wins > 0 ? '∞' : 'n/a') : ratio(m.profitFactor);
  const llm =
    spec.decider.kind === 'rules'
      ? 'none'
      : `${m.llm.calls} calls, ${m.llm.tokens.toLocaleString('en-IN')} tokens, ${inr(m.llm.costInr)}` +
        (facts.llmCache ? ` (${facts.llmCache.hits} from the cache, ${facts.llmCache.misses} paid now)` : '');
  return [
    `Backtest ${a.id} (${a.strategies.join('+')} on ${a.stocks.join(', ')}) ${spec.from} → ${spec.to}, ${deciderLabel(spec)}, data ${spec.data}`,
    `  ${m.sessions} sessions, ${facts.cycles} cycles, ${facts.bars} five-minute bars`,
    `  Capital ${inr(m.startEquity)} → ${inr(m.endEquity)}   net ${inr(m.netPnl)} (${pct(m.totalReturn)})`,
    `  CAGR ${pct(m.cagr)} (248 sessions a year)   Sharpe ${ratio(m.sharpe)}   Sortino ${ratio(m.sortino)}   (daily returns, √248)`,
    `  Max drawdown ${pct(m.maxDrawdown)}, longest under water ${m.longestUnderwaterCycles} cycles   Calmar ${ratio(m.calmar)}`,
    `  Trades ${m.trades}: win rate ${pct(m.winRate)}, profit factor ${profit}, expectancy ${m.expectancy === null ? 'n/a' : inr(m.expectancy)}` +
      ` (${ratio(m.expectancyR)} R), avg win ${m.averageWin === null ? 'n/a' : inr(m.averageWin)}, avg loss ${m.averageLoss === null ? 'n/a' : inr(m.averageLoss)}`,
    `  Exposure ${pct(m.exposure)} of cycles, ${pct(m.meanDeployed)} of equity deployed on average`,
    `  Charges ${inr(m.charges)} over ${m.orders} orders   LLM: ${llm}`,
  ].join('\n');
}
