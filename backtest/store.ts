/**
 * A finished backtest as Postgres keeps it (db/repositories `backtests`): plain JSON with ISO times,
 * the equity curve cut down to at most a couple of thousand points for the API and the dashboard.
 */
import { type ChatCompletion } from 'openai/resources/chat/completions';
import { type BacktestOutcome } from '../db/repositories/backtests';
import { type BacktestRun } from './engine/run';
import { type ResponseCache } from './llm/cache';
import { type Metrics } from './metrics';
import { type ReportFiles } from './report/files';

/** Points of the stored equity curve at most (the PNG and the HTML report draw every cycle). */
export const STORED_CURVE_POINTS = 2_000;

const iso = (t: number) => new Date(t).toISOString();

/** Every `n`-th cycle's equity and drawdown, the last one always included. */
export function storedCurve(run: BacktestRun, capital: number, points = STORED_CURVE_POINTS) {
  const every = Math.max(1, Math.ceil(run.equity.length / points));
  let peak = capital;
  const curve: { time: string; equity: number; drawdown: number }[] = [];
  run.equity.forEach((p, i) => {
    peak = Math.max(peak, p.equity);
    if (i % every === 0 || i === run.equity.length - 1)
      curve.push({ time: iso(p.time), equity: Math.round(p.equity * 100) / 100, drawdown: p.equity / peak - 1 });
  });
  return curve;
}

/** The row's results. */
export function backtestOutcome(
  run: BacktestRun,
  metrics: Metrics,
  summary: string,
  files: ReportFiles | undefined,
  finishedAt: number,
): BacktestOutcome {
  return {
    cycles: run.cycles,
    bars: run.bars,
    orders: run.orders.length,
    tradesCount: run.trades.length,
    netPnl: metrics.netPnl,
    totalReturn: metrics.totalReturn,
    metrics,
    dailyEquity: run.days,
    equityCurve: storedCurve(run, run.spec.capital),
    trades: run.trades.map((t) => ({
      symbol: t.symbol,
      direction: t.direction,
      quantity: t.quantity,
      openedAt: iso(t.openedAt),
      closedAt: iso(t.closedAt),
      entryPrice: t.entryPrice,
      exitPrice: t.exitPrice,
      stopLoss: t.stopLoss ?? null,
      grossPnl: t.grossPnl,
      charges: t.charges,
      netPnl: t.netPnl,
      rMultiple: t.rMultiple ?? null,
      strategy: t.strategy ?? null,
      exitOrderKey: t.exitOrderKey,
    })),
    warnings: run.warnings,
    summary,
    files: files && { dir: files.dir, tradesCsv: files.tradesCsv, chartPng: files.chartPng, html: files.html },
    finishedAt,
  };
}

/** The cached-replies store of the desk's Postgres, as the backtest's response cache. */
export function postgresResponseCache(repo: {
  get(key: string): Promise<unknown>;
  put(key: string, entry: { model: string; promptVersion: string; response: unknown }): Promise<void>;
}): ResponseCache {
  return {
    get: async (key) => (await repo.get(key)) as ChatCompletion | undefined,
    put: (key, entry) => repo.put(key, entry),
  };
}
