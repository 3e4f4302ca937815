/** Writes a finished backtest's files: trades CSV, equity and drawdown PNG, self-contained HTML. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BacktestRun } from '../engine/run';
import { type Metrics } from '../metrics';
import { equityChartSvg, svgToPng } from './chart';
import { htmlReport } from './html';
import { tradesCsv } from './trades-csv';

export interface ReportFiles {
  readonly dir: string;
  readonly tradesCsv: string;
  readonly chartPng: string;
  readonly html: string;
}

/** The chart's title line for a run. */
export function chartTitle(run: BacktestRun): string {
  const { spec } = run;
  return spec.name ?? `${spec.account.id}: ${spec.account.strategies.join('+')} · ${spec.from} → ${spec.to}`;
}

/** Writes `trades.csv`, `equity.png` and `report.html` into `dir` (created if needed). */
export function writeReportFiles(run: BacktestRun, metrics: Metrics, dir: string, createdAt: number): ReportFiles {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const svg = equityChartSvg({ title: chartTitle(run), capital: run.spec.capital, equity: run.equity });
  const files: ReportFiles = {
    dir: out,
    tradesCsv: join(out, 'trades.csv'),
    chartPng: join(out, 'equity.png'),
    html: join(out, 'report.html'),
  };
  writeFileSync(files.tradesCsv, tradesCsv(run.trades));
  writeFileSync(files.chartPng, svgToPng(svg));
  writeFileSync(
    files.html,
    htmlReport({
      spec: run.spec,
      metrics,
      chartSvg: svg,
      trades: run.trades,
      orders: run.orders,
      warnings: run.warnings,
      cycles: run.cycles,
      bars: run.bars,
      createdAt,
    }),
  );
  return files;
}
