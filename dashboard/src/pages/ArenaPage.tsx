import type { CycleList, Leaderboard, LeaderboardRow, Performance } from '../api/types';
import { useApi } from '../api/use-api';
import { ArenaChart } from '../components/ArenaChart';
import { Badge, Dot, Empty, LoadError, Panel } from '../components/ui';
import { clock, fractionPct, inr, signedInr, signedPct, tone, usd } from '../format';
import { Link } from '../router';
import { useSystem } from '../system';

/**
 * The arena: the leaderboard of every account (best return first), their equity curves on one chart,
 * and the latest cycles as they happen.
 */
export function ArenaPage() {
  const board = useApi<Leaderboard>('/api/leaderboard', { on: ['cycle', 'fill', 'invocation'] });
  const performance = useApi<Performance>('/api/portfolio/performance?points=500', { on: ['cycle'] });
  const rows = [...(board.data?.accounts ?? [])].sort((a, b) => b.returnPct - a.returnPct);
  return (
    <div className="arena">
      <Panel title="Leaderboard" actions={board.data && <span className="muted">today {board.data.today} (IST)</span>}>
        <LoadError error={board.error} />
        <div className="table-wrap">
          <table className="table" data-testid="leaderboard">
            <thead>
              <tr>
                <th>#</th>
                <th>Account · model</th>
                <th>Status</th>
                <th>Risk</th>
                <th className="num">Capital</th>
                <th className="num">Equity</th>
                <th className="num">Return</th>
                <th className="num">Realised</th>
                <th className="num">Unrealised</th>
                <th className="num">Max DD</th>
                <th className="num">Win rate</th>
                <th className="num">Trades</th>
                <th className="num">LLM today</th>
                <th className="num">LLM total</th>
                <th className="num">Cycles</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <LeaderboardLine key={row.accountId} row={row} rank={i + 1} />
              ))}
              {board.data && rows.length === 0 && <Empty colSpan={15}>No accounts yet.</Empty>}
              {!board.data && !board.error && <Empty colSpan={15}>Loading…</Empty>}
            </tbody>
          </table>
        </div>
      </Panel>
      <div className="arena-lower">
        <Panel title="Equity curves (return on allocated capital)" className="grow">
          <LoadError error={performance.error} />
          <ArenaChart performance={performance.data} />
        </Panel>
        <LatestCycles />
      </div>
    </div>
  );
}

function LeaderboardLine({ row, rank }: { row: LeaderboardRow; rank: number }) {
  const { status, colourOf } = useSystem();
  // The workflow's own view when it answers; the recorded status otherwise.
  const live = status?.accounts.find((a) => a.id === row.accountId)?.live;
  const state = live?.status ?? row.status;
  return (
    <tr data-testid={`leaderboard-row-${row.accountId}`}>
      <td className="muted">{rank}</td>
      <td>
        <Dot colour={colourOf(row.accountId)} />
        <Link to={`/accounts/${row.accountId}`}>
          <b>{row.name}</b>
        </Link>{' '}
        <span className="muted">{row.accountId}</span>
        <div className="muted small">{row.model}</div>
      </td>
      <td>
        <Badge value={state} testId={`status-${row.accountId}`} />
      </td>
      <td>
        <Badge value={live?.riskState ?? row.riskState} />
      </td>
      <td className="num">{inr(row.allocatedCapital)}</td>
      <td className="num">{inr(row.equity)}</td>
      <td className={`num ${tone(row.returnPct)}`}>
        <b>{signedPct(row.returnPct)}</b>
      </td>
      <td className={`num ${tone(row.realisedPnl)}`}>{signedInr(row.realisedPnl)}</td>
      <td className={`num ${tone(row.unrealisedPnl)}`}>{signedInr(row.unrealisedPnl)}</td>
      <td className="num">{fractionPct(row.maxDrawdown, 2)}</td>
      <td className="num">{row.winRate === null ? '—' : fractionPct(row.winRate, 0)}</td>
      <td
        className="num"
        title={`${row.closedTrades} round trips, ${row.filledOrders} filled orders`}
        data-testid={`trades-${row.accountId}`}
      >
        {row.closedTrades}
        <span className="muted"> / {row.filledOrders}</span>
      </td>
      <td className="num" title={usd(row.llmCost.todayUsd)}>
        {inr(row.llmCost.todayInr, true)}
      </td>
      <td className="num" title={usd(row.llmCost.totalUsd)}>
        {inr(row.llmCost.totalInr, true)}
      </td>
      <td className="num" data-testid={`cycles-${row.accountId}`}>
        {row.cycles}
      </td>
    </tr>
  );
}

/** The newest cycles of every account, pushed by the live stream. */
function LatestCycles() {
  const { colourOf } = useSystem();
  const cycles = useApi<CycleList>('/api/cycles?limit=12', { on: ['cycle'] });
  return (
    <Panel title="Latest cycles" className="latest-cycles" testId="latest-cycles">
      <LoadError error={cycles.error} />
      <ul className="feed">
        {cycles.data?.items.map((c) => (
          <li key={c.id} data-testid="latest-cycle" data-cycle-id={c.id}>
            <Dot colour={colourOf(c.accountId)} />
            <Link to={`/accounts/${c.accountId}`}>{c.accountId}</Link>
            <span className="muted"> {clock(c.marketTime)}</span> <Badge value={c.status} />
            <span className="feed-text">
              {c.decision ?? c.error ?? ''}
              {c.ordersPlaced > 0 && <b> · {c.ordersPlaced} order(s)</b>}
            </span>
          </li>
        ))}
        {cycles.data?.items.length === 0 && (
          <li className="muted">No cycles yet: the accounts tick every 5 minutes in market hours.</li>
        )}
      </ul>
    </Panel>
  );
}
