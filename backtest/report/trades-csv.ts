/** The closed round trips of a backtest as CSV: one row per trade, IST times, rupees, the R-multiple. */
import { type BacktestTrade } from '../engine/trades';
import { istDateTime } from './format';

const COLUMNS = [
  'symbol',
  'direction',
  'quantity',
  'opened_ist',
  'closed_ist',
  'entry_price',
  'exit_price',
  'stop_loss',
  'gross_pnl',
  'charges',
  'net_pnl',
  'r_multiple',
  'strategy',
  'exit_order',
] as const;

/** Quotes a cell when it holds a comma, a quote or a line break. */
function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const money = (x: number) => x.toFixed(2);

/** The trades as CSV text with a header line. */
export function tradesCsv(trades: readonly BacktestTrade[]): string {
  const rows = trades.map((t) =>
    [
      t.symbol,
      t.direction,
      t.quantity,
      istDateTime(t.openedAt),
      istDateTime(t.closedAt),
      t.entryPrice,
      t.exitPrice,
      t.stopLoss,
      money(t.grossPnl),
      money(t.charges),
      money(t.netPnl),
      t.rMultiple === undefined ? undefined : t.rMultiple.toFixed(3),
      t.strategy,
      t.exitOrderKey,
    ]
      .map(cell)
      .join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\n') + '\n';
}
