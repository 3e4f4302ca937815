import { useState } from 'react';
import type { ClosedTradeList, FillList, Portfolio, Trade, TradeDetail, TradeList } from '../api/types';
import { useApi } from '../api/use-api';
import { Badge, Empty, LoadError, Panel } from '../components/ui';
import { dateTime, inr, num, signedInr, tone } from '../format';
import { Link } from '../router';

const OPEN_STATUSES = new Set(['NEW', 'TRANSIT', 'PENDING', 'PART_TRADED']);

const symbolLink = (symbol: string) => <Link to={`/symbols/${symbol}`}>{symbol}</Link>;
const side = (s: string) => <b className={s === 'BUY' ? 'up' : 'down'}>{s}</b>;

/** Open positions from the latest snapshot, with their protective levels. */
export function Positions({ portfolio }: { portfolio: Portfolio | undefined }) {
  const positions = portfolio?.positions ?? [];
  return (
    <Panel title="Positions" testId="positions">
      <table className="table">
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Qty</th>
            <th className="num">Avg price</th>
            <th className="num">Stop</th>
            <th className="num">Target</th>
            <th>Strategy</th>
            <th>Opened</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={p.symbol}>
              <td>{symbolLink(p.symbol)}</td>
              <td className={`num ${p.quantity < 0 ? 'down' : ''}`}>{p.quantity}</td>
              <td className="num">{num(p.avgPrice)}</td>
              <td className="num">{p.stopLoss === null ? '—' : num(p.stopLoss)}</td>
              <td className="num">{p.takeProfit === null ? '—' : num(p.takeProfit)}</td>
              <td className="muted">{p.strategy ?? '—'}</td>
              <td className="muted">{p.openedAt ? dateTime(p.openedAt) : '—'}</td>
            </tr>
          ))}
          {positions.length === 0 && <Empty colSpan={7}>Flat: no open positions.</Empty>}
        </tbody>
      </table>
    </Panel>
  );
}

/** The account's orders: the open ones first, then every order with its fills and charges on demand. */
export function Orders({ accountId }: { accountId: string }) {
  const orders = useApi<TradeList>(`/api/trades?account=${accountId}&limit=100`, {
    on: ['order', 'fill'],
    account: accountId,
  });
  const items = orders.data?.items ?? [];
  const open = items.filter((t) => OPEN_STATUSES.has(t.status));
  return (
    <>
      <Panel title="Open orders" testId="open-orders">
        <LoadError error={orders.error} />
        <OrderTable orders={open} empty="No open orders." />
      </Panel>
      <Panel
        title="Orders"
        testId="orders"
        actions={orders.data && <span className="muted">{orders.data.total} in all</span>}
      >
        <OrderTable orders={items} empty="No orders yet." expandable />
      </Panel>
    </>
  );
}

function OrderTable({ orders, empty, expandable }: { orders: readonly Trade[]; empty: string; expandable?: boolean }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>Created</th>
            <th>Symbol</th>
            <th>Side</th>
            <th className="num">Qty</th>
            <th>Type</th>
            <th>Status</th>
            <th className="num">Filled</th>
            <th className="num">Avg price</th>
            <th>Source</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {orders.flatMap((t) => {
            const row = (
              <tr
                key={t.id}
                className={expandable ? 'clickable' : ''}
                onClick={expandable ? () => setOpen(open === t.id ? null : t.id) : undefined}
              >
                <td className="muted">{dateTime(t.createdAt)}</td>
                <td>{symbolLink(t.symbol)}</td>
                <td>{side(t.side)}</td>
                <td className="num">{t.quantity}</td>
                <td className="muted">
                  {t.orderType} {t.product}
                </td>
                <td>
                  <Badge value={t.status} />
                </td>
                <td className="num">{t.filledQuantity}</td>
                <td className="num">{t.averagePrice === null ? '—' : num(t.averagePrice)}</td>
                <td className="muted">{t.source}</td>
                <td className="muted reason">{t.rejectionReason ?? t.reason}</td>
              </tr>
            );
            return open === t.id ? [row, <FillsOfOrder key={`${t.id}-fills`} orderId={t.id} />] : [row];
          })}
          {orders.length === 0 && <Empty colSpan={10}>{empty}</Empty>}
        </tbody>
      </table>
    </div>
  );
}

function FillsOfOrder({ orderId }: { orderId: number }) {
  const detail = useApi<TradeDetail>(`/api/trades/${orderId}`);
  const fills = detail.data?.fills ?? [];
  return (
    <tr className="sub-row">
      <td colSpan={10}>
        {fills.length === 0 ? (
          <span className="muted">{detail.data ? 'No fills.' : 'Loading…'}</span>
        ) : (
          fills.map((f) => (
            <div key={f.id}>
              Fill {f.quantity} @ {num(f.price)} on {dateTime(f.filledAt)} · charges {inr(f.totalCharges, true)}
            </div>
          ))
        )}
      </td>
    </tr>
  );
}

/** Every execution with its itemised Indian charges. */
export function Fills({ accountId }: { accountId: string }) {
  const fills = useApi<FillList>(`/api/fills?account=${accountId}&limit=50`, { on: ['fill'], account: accountId });
  const items = fills.data?.items ?? [];
  return (
    <Panel
      title="Fills and charges"
      testId="fills"
      actions={fills.data && <span className="muted">{fills.data.total} in all</span>}
    >
      <LoadError error={fills.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Filled</th>
              <th>Symbol</th>
              <th>Side</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num">Brokerage</th>
              <th className="num">STT</th>
              <th className="num">Exchange</th>
              <th className="num">SEBI</th>
              <th className="num">Stamp</th>
              <th className="num">GST</th>
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.id}>
                <td className="muted">{dateTime(f.filledAt)}</td>
                <td>{symbolLink(f.symbol)}</td>
                <td>{side(f.side)}</td>
                <td className="num">{f.quantity}</td>
                <td className="num">{num(f.price)}</td>
                <td className="num">{inr(f.brokerage, true)}</td>
                <td className="num">{inr(f.stt, true)}</td>
                <td className="num">{inr(f.exchangeCharge, true)}</td>
                <td className="num">{inr(f.sebiFee, true)}</td>
                <td className="num">{inr(f.stampDuty, true)}</td>
                <td className="num">{inr(f.gst, true)}</td>
                <td className="num">
                  <b>{inr(f.totalCharges, true)}</b>
                </td>
              </tr>
            ))}
            {items.length === 0 && <Empty colSpan={12}>No fills yet.</Empty>}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

/** Round trips, entry to exit, with their net result: what the win rate counts. */
export function ClosedTrades({ accountId }: { accountId: string }) {
  const trades = useApi<ClosedTradeList>(`/api/closed-trades?account=${accountId}&limit=50`, {
    on: ['fill'],
    account: accountId,
  });
  const items = trades.data?.items ?? [];
  return (
    <Panel title="Closed trades" testId="closed-trades">
      <LoadError error={trades.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Closed</th>
              <th>Symbol</th>
              <th>Direction</th>
              <th className="num">Qty</th>
              <th className="num">Entry</th>
              <th className="num">Exit</th>
              <th className="num">Gross</th>
              <th className="num">Charges</th>
              <th className="num">Net</th>
              <th>Strategy</th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td className="muted">{dateTime(t.closedAt)}</td>
                <td>{symbolLink(t.symbol)}</td>
                <td>{t.direction}</td>
                <td className="num">{t.quantity}</td>
                <td className="num">{num(t.entryPrice)}</td>
                <td className="num">{num(t.exitPrice)}</td>
                <td className={`num ${tone(t.grossPnl)}`}>{signedInr(t.grossPnl, true)}</td>
                <td className="num">{inr(t.charges, true)}</td>
                <td className={`num ${tone(t.netPnl)}`}>
                  <b>{signedInr(t.netPnl, true)}</b>
                </td>
                <td className="muted">{t.strategy ?? '—'}</td>
              </tr>
            ))}
            {items.length === 0 && <Empty colSpan={10}>No round trips closed yet.</Empty>}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
