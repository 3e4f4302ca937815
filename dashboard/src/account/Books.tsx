import { useState } from 'react';
import type { ClosedTradeList, Fill, FillList, Portfolio, Trade, TradeDetail, TradeList } from '../api/types';
import { useApi } from '../api/use-api';
import { type Column, DataTable } from '../components/DataTable';
import { Badge, LoadError, Panel } from '../components/ui';
import { dateTime, inr, num, signedInr, tone } from '../format';
import { Link } from '../router';

type Position = Portfolio['positions'][number];
type ClosedTrade = ClosedTradeList['items'][number];

const OPEN_STATUSES = new Set(['NEW', 'TRANSIT', 'PENDING', 'PART_TRADED']);

const symbolLink = (symbol: string) => <Link to={`/symbols/${symbol}`}>{symbol}</Link>;
const side = (s: string) => <b className={s === 'BUY' ? 'up' : 'down'}>{s}</b>;
const price = (x: number | null) => (x === null ? '—' : num(x));
const paise = (header: string, pick: (f: Fill) => number): Column<Fill> => ({
  header,
  num: true,
  cell: (f) => inr(pick(f), true),
});

const POSITION_COLUMNS: Column<Position>[] = [
  { header: 'Symbol', cell: (p) => symbolLink(p.symbol) },
  { header: 'Qty', num: true, cell: (p) => p.quantity, tone: (p) => (p.quantity < 0 ? 'down' : '') },
  { header: 'Avg price', num: true, cell: (p) => num(p.avgPrice) },
  { header: 'Stop', num: true, cell: (p) => price(p.stopLoss) },
  { header: 'Target', num: true, cell: (p) => price(p.takeProfit) },
  { header: 'Strategy', cell: (p) => p.strategy ?? '—', tone: () => 'muted' },
  { header: 'Opened', cell: (p) => (p.openedAt ? dateTime(p.openedAt) : '—'), tone: () => 'muted' },
];

const ORDER_COLUMNS: Column<Trade>[] = [
  { header: 'Created', cell: (t) => dateTime(t.createdAt), tone: () => 'muted' },
  { header: 'Symbol', cell: (t) => symbolLink(t.symbol) },
  { header: 'Side', cell: (t) => side(t.side) },
  { header: 'Qty', num: true, cell: (t) => t.quantity },
  { header: 'Type', cell: (t) => `${t.orderType} ${t.product}`, tone: () => 'muted' },
  { header: 'Status', cell: (t) => <Badge value={t.status} /> },
  { header: 'Filled', num: true, cell: (t) => t.filledQuantity },
  { header: 'Avg price', num: true, cell: (t) => price(t.averagePrice) },
  { header: 'Source', cell: (t) => t.source, tone: () => 'muted' },
  { header: 'Reason', cell: (t) => t.rejectionReason ?? t.reason, tone: () => 'muted reason' },
];

const FILL_COLUMNS: Column<Fill>[] = [
  { header: 'Filled', cell: (f) => dateTime(f.filledAt), tone: () => 'muted' },
  { header: 'Symbol', cell: (f) => symbolLink(f.symbol) },
  { header: 'Side', cell: (f) => side(f.side) },
  { header: 'Qty', num: true, cell: (f) => f.quantity },
  { header: 'Price', num: true, cell: (f) => num(f.price) },
  paise('Brokerage', (f) => f.brokerage),
  paise('STT', (f) => f.stt),
  paise('Exchange', (f) => f.exchangeCharge),
  paise('SEBI', (f) => f.sebiFee),
  paise('Stamp', (f) => f.stampDuty),
  paise('GST', (f) => f.gst),
  { header: 'Total', num: true, cell: (f) => <b>{inr(f.totalCharges, true)}</b> },
];

const CLOSED_TRADE_COLUMNS: Column<ClosedTrade>[] = [
  { header: 'Closed', cell: (t) => dateTime(t.closedAt), tone: () => 'muted' },
  { header: 'Symbol', cell: (t) => symbolLink(t.symbol) },
  { header: 'Direction', cell: (t) => t.direction },
  { header: 'Qty', num: true, cell: (t) => t.quantity },
  { header: 'Entry', num: true, cell: (t) => num(t.entryPrice) },
  { header: 'Exit', num: true, cell: (t) => num(t.exitPrice) },
  { header: 'Gross', num: true, cell: (t) => signedInr(t.grossPnl, true), tone: (t) => tone(t.grossPnl) },
  { header: 'Charges', num: true, cell: (t) => inr(t.charges, true) },
  { header: 'Net', num: true, cell: (t) => <b>{signedInr(t.netPnl, true)}</b>, tone: (t) => tone(t.netPnl) },
  { header: 'Strategy', cell: (t) => t.strategy ?? '—', tone: () => 'muted' },
];

/** Open positions from the latest snapshot, with their protective levels. */
export function Positions({ portfolio }: { portfolio: Portfolio | undefined }) {
  return (
    <Panel title="Positions" testId="positions">
      <DataTable
        columns={POSITION_COLUMNS}
        rows={portfolio?.positions ?? []}
        rowKey={(p) => p.symbol}
        empty="Flat: no open positions."
      />
    </Panel>
  );
}

/** The account's orders: the open ones first, then every order, whose fills open under it on a click. */
export function Orders({ accountId }: { accountId: string }) {
  const orders = useApi<TradeList>(`/api/trades?account=${accountId}&limit=100`, {
    on: ['order', 'fill'],
    account: accountId,
  });
  const [open, setOpen] = useState<number | null>(null);
  const items = orders.data?.items ?? [];
  return (
    <>
      <Panel title="Open orders" testId="open-orders">
        <LoadError error={orders.error} />
        <DataTable
          columns={ORDER_COLUMNS}
          rows={items.filter((t) => OPEN_STATUSES.has(t.status))}
          rowKey={(t) => t.id}
          empty="No open orders."
        />
      </Panel>
      <Panel
        title="Orders"
        testId="orders"
        actions={orders.data && <span className="muted">{orders.data.total} in all · click one for its fills</span>}
      >
        <DataTable
          columns={ORDER_COLUMNS}
          rows={items}
          rowKey={(t) => t.id}
          empty="No orders yet."
          onRowClick={(t) => setOpen(open === t.id ? null : t.id)}
          detail={(t) => open === t.id && <FillsOfOrder orderId={t.id} />}
        />
      </Panel>
    </>
  );
}

function FillsOfOrder({ orderId }: { orderId: number }) {
  const detail = useApi<TradeDetail>(`/api/trades/${orderId}`);
  if (!detail.data) return <span className="muted">Loading…</span>;
  if (detail.data.fills.length === 0) return <span className="muted">No fills.</span>;
  return detail.data.fills.map((f) => (
    <div key={f.id}>
      Fill {f.quantity} @ {num(f.price)} on {dateTime(f.filledAt)} · charges {inr(f.totalCharges, true)}
    </div>
  ));
}

/** Every execution with its itemised Indian charges. */
export function Fills({ accountId }: { accountId: string }) {
  const fills = useApi<FillList>(`/api/fills?account=${accountId}&limit=50`, { on: ['fill'], account: accountId });
  return (
    <Panel
      title="Fills and charges"
      testId="fills"
      actions={fills.data && <span className="muted">{fills.data.total} in all</span>}
    >
      <LoadError error={fills.error} />
      <DataTable columns={FILL_COLUMNS} rows={fills.data?.items ?? []} rowKey={(f) => f.id} empty="No fills yet." />
    </Panel>
  );
}

/** Round trips, entry to exit, with their net result: what the win rate counts. */
export function ClosedTrades({ accountId }: { accountId: string }) {
  const trades = useApi<ClosedTradeList>(`/api/closed-trades?account=${accountId}&limit=50`, {
    on: ['fill'],
    account: accountId,
  });
  return (
    <Panel title="Closed trades" testId="closed-trades">
      <LoadError error={trades.error} />
      <DataTable
        columns={CLOSED_TRADE_COLUMNS}
        rows={trades.data?.items ?? []}
        rowKey={(t) => t.id}
        empty="No round trips closed yet."
      />
    </Panel>
  );
}
