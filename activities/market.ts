import { ANALYSIS_LOOKBACK_MS } from '../core/cycle';
import { positionOf, symbolActivity } from '../core/ledger';
import { analyseSymbol, createStrategy } from '../core/strategies';
import { type Candle } from '../core/types';
import { indicatorsForPrompt, type SymbolView } from '../llm';
import { barCache } from './bar-cache';
import { type ActivityDeps } from './deps';
import { type AccountRef, type CycleRef, type MarketAnalysis } from './types';

const BAR_MS = 5 * 60_000;

export function marketActivities(deps: ActivityDeps) {
  const { repos, market } = deps;
  // One per worker: the accounts trading a symbol share its bars, and each cycle reads only new ones.
  const bars = barCache(repos.candles.between);
  const fetches = marketDataFetches(deps);

  return {
    /** The market's current time (the simulator's clock, or the wall clock live). */
    async marketNow(): Promise<number> {
      return market.now();
    },

    /** Moves the simulated market to the cycle's market time, in step with the other accounts. */
    async advanceMarket(marketTime: number, accountId?: string): Promise<number> {
      return market.advanceTo(marketTime, accountId);
    },

    /**
     * Fetches the 5-minute bars closed by `marketTime` that are not stored yet and stores them; higher
     * timeframes are built from them by the trading core (anchored at 09:15).
     */
    async fetchMarketData(input: { symbols: readonly string[]; marketTime: number }): Promise<Record<string, number>> {
      const fetched: Record<string, number> = {};
      for (const symbol of input.symbols) fetched[symbol] = await fetches.once(symbol, input.marketTime);
      return fetched;
    },

    /**
     * Indicators and strategy signals per symbol at the cycle's market time, from stored bars only
     * (closed bars: no look-ahead). Signals are recorded; the compact view goes back to the workflow.
     */
    async computeSignals(input: { account: AccountRef; cycle: CycleRef }): Promise<MarketAnalysis> {
      const { account, cycle } = input;
      const strategies = account.spec.strategies.map((id) => createStrategy(id));
      const ledger = await repos.ledgers.load(account.accountId, account.capital, cycle.marketTime);
      const activity = symbolActivity(ledger, cycle.marketTime);
      const symbols: SymbolView[] = [];
      const lastBars: Record<string, Candle> = {};
      const stale: string[] = [];
      for (const symbol of account.spec.stocks) {
        const window = await bars.window(symbol, cycle.marketTime - ANALYSIS_LOOKBACK_MS, cycle.marketTime);
        const last = window.at(-1);
        if (!last) {
          stale.push(symbol);
          continue;
        }
        const held = ledger.positions[symbol];
        const position = held && positionOf(held);
        const analysis = analyseSymbol({
          symbol,
          bars: window,
          now: cycle.marketTime,
          strategies,
          position,
          activity: activity[symbol],
        });
        if (analysis.stale) stale.push(symbol);
        lastBars[symbol] = last;
        symbols.push({
          symbol,
          lastPrice: last.close,
          indicators: indicatorsForPrompt(analysis.snapshot, account.spec.strategies),
          signals: analysis.signals,
        });
        for (const failure of analysis.failures)
          deps.log.warn({ account: account.accountId, symbol, ...failure }, 'strategy failed this cycle');
      }
      await repos.signals.save(
        account.accountId,
        cycle.cycleId,
        symbols.flatMap((s) => s.signals),
      );
      return { symbols, lastBars, stale };
    },
  };
}

/**
 * Fetching and storing each symbol's new bars, one symbol fetch at a time in this worker: of the
 * accounts trading a symbol, the first to ask at a new bar fetches it from the broker, the others
 * find it stored and ask the broker nothing. Bars are never deleted, so the newest bar known stored
 * here answers "is the bar closed by `marketTime` stored?" without a query when it is.
 */
function marketDataFetches({ repos, broker }: ActivityDeps) {
  const newestStored = new Map<string, number>();
  const queue = new Map<string, Promise<number>>();

  async function fetchAndStore(symbol: string, marketTime: number): Promise<number> {
    let latest = newestStored.get(symbol);
    if (latest === undefined || latest + BAR_MS < marketTime) latest = await repos.candles.latest(symbol, '5m');
    const from = Math.max(latest === undefined ? 0 : latest + BAR_MS, marketTime - ANALYSIS_LOOKBACK_MS);
    let written = 0;
    if (from < marketTime) {
      const fresh = await broker.candles(symbol, '5m', from, marketTime);
      written = await repos.candles.upsert(symbol, '5m', fresh);
      latest = Math.max(latest ?? -Infinity, fresh.at(-1)?.time ?? -Infinity);
    }
    if (latest !== undefined && Number.isFinite(latest))
      newestStored.set(symbol, Math.max(latest, newestStored.get(symbol) ?? -Infinity));
    return written;
  }

  return {
    /** Stores the symbol's bars closed by `marketTime`; returns how many were written. */
    once(symbol: string, marketTime: number): Promise<number> {
      const previous = queue.get(symbol)?.catch(() => 0) ?? Promise.resolve(0);
      const next = previous.then(() => fetchAndStore(symbol, marketTime));
      queue.set(symbol, next);
      void next.finally(() => queue.get(symbol) === next && queue.delete(symbol)).catch(() => undefined);
      return next;
    },
  };
}
