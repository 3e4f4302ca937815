/**
 * A self-contained HTML report of a backtest: the spec, every metric, the equity and drawdown chart
 * (inline SVG), the trades, the orders and any warnings. No scripts, fonts or links to load: the file
 * opens the same offline, attached to an email or years later.
 */
import { type BacktestOrder } from '../engine/book';
import { type BacktestTrade } from '../engine/trades';
import { type Metrics } from '../metrics';
import { type BacktestSpec } from '../spec';
import { inr, istDateTime, pct, ratio } from './format';
import { deciderLabel } from './summary';

export interface ReportInput {
  readonly spec: BacktestSpec;
  readonly metrics: Metrics;
  readonly chartSvg: string;
  readonly trades: readonly BacktestTrade[];
  readonly orders: readonly BacktestOrder[];
  readonly warnings: readonly string[];
  readonly cycles: number;
  readonly bars: number;
  /** When the report was made (wall clock), shown in the footer. */
  readonly createdAt: number;
}

/** Rows shown per table; the CSV has them all. */
const MAX_ROWS = 2_000;

const esc = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function table(headers: readonly string[], rows: readonly (readonly unknown[])[], total = rows.length): string {
  const head = `<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows
    .slice(0, MAX_ROWS)
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('\n');
  const more = total > MAX_ROWS ? `<p class="note">${total - MAX_ROWS} more rows in the CSV.</p>` : '';
  return `<table><thead>${head}</thead><tbody>\n${body}\n</tbody></table>${more}`;
}

function metricRows(m: Metrics): [string, string][] {
  const profit = m.profitFactor === null ? (m.wins > 0 ? '∞ (no losing trade)' : 'n/a') : ratio(m.profitFactor);
  return [
    ['Start → end equity', `${inr(m.startEquity)} → ${inr(m.endEquity)}`],
    ['Net P&L (after charges)', `${inr(m.netPnl)} (${pct(m.totalReturn)})`],
    ['CAGR (sessions ÷ 248 years)', pct(m.cagr)],
    ['Sharpe (daily returns × √248, r_f = 0)', ratio(m.sharpe)],
    ['Sortino (daily, downside over all days)', ratio(m.sortino)],
    ['Max drawdown (equity after every cycle)', pct(m.maxDrawdown)],
    ['Longest time under water', `${m.longestUnderwaterCycles} cycles`],
    ['Calmar', ratio(m.calmar)],
    ['Trades (closed round trips)', `${m.trades} (${m.wins} won, ${m.losses} lost)`],
    ['Win rate (P&L > 0)', pct(m.winRate)],
    ['Profit factor', profit],
    ['Expectancy per trade', m.expectancy === null ? 'n/a' : `${inr(m.expectancy)} (${ratio(m.expectancyR)} R)`],
    [
      'Average win / loss',
      `${m.averageWin === null ? 'n/a' : inr(m.averageWin)} / ${m.averageLoss === null ? 'n/a' : inr(m.averageLoss)}`,
    ],
    ['Exposure', `${pct(m.exposure)} of cycles; ${pct(m.meanDeployed)} of equity deployed on average`],
    ['Orders and charges', `${m.orders} orders, ${inr(m.charges)}`],
    ['LLM', `${m.llm.calls} calls, ${m.llm.tokens} tokens, ${inr(m.llm.costInr)}`],
  ];
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,DejaVu Sans,sans-serif;color:#111827;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.sub{color:#6b7280;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;white-space:nowrap}
th{background:#f9fafb;position:sticky;top:0}.metrics td:first-child{color:#4b5563;width:45%}.note{color:#6b7280}
.chart svg{width:100%;height:auto;border:1px solid #e5e7eb}.scroll{max-height:520px;overflow:auto}ul.warn{color:#92400e}`;

/** The report as one HTML document. */
export function htmlReport(input: ReportInput): string {
  const { spec, metrics } = input;
  const a = spec.account;
  const title = spec.name ?? `${a.id}: ${a.strategies.join('+')} on ${a.stocks.join(', ')}`;
  const specRows: [string, string][] = [
    ['Account', `${a.id} (${a.name ?? a.model})`],
    ['Stocks / strategies', `${a.stocks.join(', ')} / ${a.strategies.join(', ')}`],
    ['Period', `${spec.from} → ${spec.to} (${metrics.sessions} sessions, ${input.cycles} cycles, ${input.bars} bars)`],
    ['Decider', deciderLabel(spec)],
    ['Capital', inr(spec.capital)],
    [
      'Risk limits',
      Object.entries(a.risk)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    [
      'Fills',
      `market orders at the last price, half of a ${spec.fills.spreadBps} bps spread plus ${spec.fills.slippageBps} bps slippage; Dhan intraday charges`,
    ],
    [
      'Analysis',
      spec.analysis === 'window' ? "the live cycle's 21-day window at every cycle" : 'streaming feature engine',
    ],
    ['Data', spec.data],
  ];
  const trades = input.trades.map((t) => [
    t.symbol,
    t.direction,
    t.quantity,
    istDateTime(t.openedAt),
    istDateTime(t.closedAt),
    t.entryPrice,
    t.exitPrice,
    t.stopLoss ?? '',
    t.netPnl.toFixed(2),
    t.rMultiple?.toFixed(2) ?? '',
    t.strategy ?? '',
  ]);
  const orders = input.orders.map((o) => [
    istDateTime(o.time),
    o.key,
    o.side,
    o.symbol,
    o.quantity,
    o.price,
    o.charges.toFixed(2),
    o.source,
    o.reason,
  ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Backtest ${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>Backtest ${esc(title)}</h1>
<p class="sub">${esc(spec.from)} → ${esc(spec.to)} · ${esc(deciderLabel(spec))} · net ${esc(inr(metrics.netPnl))} (${esc(pct(metrics.totalReturn))})</p>
<div class="chart">${input.chartSvg}</div>
<h2>Metrics</h2>
${table(['Metric', 'Value'], metricRows(metrics)).replace('<table>', '<table class="metrics">')}
<h2>Setup</h2>
${table(['', ''], specRows).replace('<table>', '<table class="metrics">')}
<h2>Trades (${input.trades.length})</h2>
<div class="scroll">${table(['Symbol', 'Side', 'Qty', 'Opened (IST)', 'Closed (IST)', 'Entry', 'Exit', 'Stop', 'Net P&L ₹', 'R', 'Strategy'], trades)}</div>
<h2>Orders (${input.orders.length})</h2>
<div class="scroll">${table(['Time (IST)', 'Key', 'Side', 'Symbol', 'Qty', 'Fill', 'Charges ₹', 'Source', 'Reason'], orders)}</div>
${input.warnings.length ? `<h2>Warnings</h2><ul class="warn">${input.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
<p class="note">Made ${esc(new Date(input.createdAt).toISOString())} by the AI trading desk's backtester: the live cycle's functions replayed on closed bars only.</p>
</body></html>
`;
}
