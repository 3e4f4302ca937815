/** The files of a finished backtest: trades CSV, chart (SVG → PNG), self-contained HTML, printed summary. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest, type BacktestRun } from '../../../backtest/engine/run';
import { computeMetrics } from '../../../backtest/metrics';
import { equityChartSvg, niceTicks, svgToPng } from '../../../backtest/report/chart';
import { writeReportFiles } from '../../../backtest/report/files';
import { summaryText } from '../../../backtest/report/summary';
import { tradesCsv } from '../../../backtest/report/trades-csv';
import { parse } from 'csv-parse/sync';
import { coreSize, createRulesDecider } from '../../../llm/rules-decider';
import { specOver, walkBars } from './fixtures';

const bars = walkBars(['RELIANCE', 'INFY'], 3);
let run: BacktestRun;

beforeAll(async () => {
  run = await runBacktest({ spec: specOver(bars), bars, decider: createRulesDecider(coreSize) });
});

test('trades CSV: a header and one parseable row per trade, IST times, quoted where needed', () => {
  const rows = parse(tradesCsv(run.trades), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(run.trades.length);
  expect(run.trades.length).toBeGreaterThan(0);
  const [first] = rows;
  const trade = run.trades[0]!;
  expect(first).toMatchObject({ symbol: trade.symbol, direction: trade.direction, net_pnl: trade.netPnl.toFixed(2) });
  expect(first!.opened_ist).toMatch(/^2026-06-0\d \d\d:\d\d$/);
  const quoted = tradesCsv([{ ...trade, exitOrderKey: 'a,"b"' }]).split('\n')[1]!;
  expect(quoted.endsWith(',"a,""b"""')).toBe(true);
});

test('the chart: equity and drawdown paths, round axis ticks, a PNG rendered from the SVG', () => {
  const svg = equityChartSvg({ title: 'test <run>', capital: 600_000, equity: run.equity });
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).toContain('test &lt;run&gt;');
  expect(svg.match(/<path d="M/g)).toHaveLength(2);
  expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
  expect(niceTicks(-3.2, 0)).toEqual([-3, -2, -1, 0]);
  const png = svgToPng(svg, 480);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.readUInt32BE(16)).toBe(480); // IHDR width
});

test('the report files: CSV, PNG and an HTML page that loads nothing from elsewhere', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bt-report-'));
  try {
    const metrics = computeMetrics({ capital: 600_000, ...run });
    const files = writeReportFiles(run, metrics, dir, Date.UTC(2026, 5, 20));
    expect(readFileSync(files.tradesCsv, 'utf8').split('\n')[0]).toMatch(/^symbol,direction,quantity/);
    expect(readFileSync(files.chartPng).subarray(1, 4).toString()).toBe('PNG');
    const html = readFileSync(files.html, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain(`Trades (${run.trades.length})`);
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the printed summary names the account, the period, the decider and every headline metric', () => {
  const metrics = computeMetrics({ capital: 600_000, ...run });
  const text = summaryText({ spec: run.spec, metrics, cycles: run.cycles, bars: run.bars });
  expect(text.split('\n')[0]).toBe(
    `Backtest claude (vwap+ema+rsi+smc on RELIANCE, INFY) ${run.spec.from} → ${run.spec.to}, rules decider, data test walk`,
  );
  for (const word of [
    'CAGR',
    'Sharpe',
    'Sortino',
    'Max drawdown',
    'win rate',
    'profit factor',
    'expectancy',
    'Exposure',
    'Charges',
  ])
    expect(text).toContain(word);
  expect(text).toContain(`Trades ${run.trades.length}:`);
});
