import type { CycleList, Leaderboard, LeaderboardRow, Performance } from '../api/types';
import { useApi } from '../api/use-api';
import { ArenaChart } from '../components/ArenaChart';
import { type Column, DataTable } from '../components/DataTable';
import { Badge, Dot, LoadError, Panel } from '../components/ui';
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
  const columns = useLeaderboardColumns((row) => rows.indexOf(row) + 1);
  return (
    <div className="arena">
      <Panel title="Leaderboard" actions={board.data && <span className="muted">today {board.data.today} (IST)</span>}>
        <LoadError error={board.error} />
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(row) => row.accountId}
          rowTestId={(row) => `leaderboard-row-${row.accountId}`}
          testId="leaderboard"
          empty={board.data ? 'No accounts yet.' : 'Loading…'}
        />
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

/** The leaderboard's columns; status and risk state from the workflow's own view when it answers. */
function useLeaderboardColumns(rank: (row: LeaderboardRow) => number): Column<LeaderboardRow>[] {
  const { status, colourOf } = useSystem();
  const live = (row: LeaderboardRow) => status?.accounts.find((a) => a.id === row.accountId)?.live;
  return [
    { header: '#', cell: rank, tone: () => 'muted' },
    {
      header: 'Account · model',
      cell: (row) => (
        <>
          <Dot colour={colourOf(row.accountId)} />
          <Link to={`/accounts/${row.accountId}`}>
            <b>{row.name}</b>
          </Link>{' '}
          <span className="muted">{row.accountId}</span>
          <div className="muted small">{row.model}</div>
        </>
      ),
    },
    {
      header: 'Status',
      cell: (row) => <Badge value={live(row)?.status ?? row.status} testId={`status-${row.accountId}`} />,
    },
    { header: 'Risk', cell: (row) => <Badge value={live(row)?.riskState ?? row.riskState} /> },
    { header: 'Capital', num: true, cell: (row) => inr(row.allocatedCapital) },
    { header: 'Equity', num: true, cell: (row) => inr(row.equity) },
    {
      header: 'Return',
      num: true,
      cell: (row) => <b>{signedPct(row.returnPct)}</b>,
      tone: (row) => tone(row.returnPct),
    },
    { header: 'Realised', num: true, cell: (row) => signedInr(row.realisedPnl), tone: (row) => tone(row.realisedPnl) },
    {
      header: 'Unrealised',
      num: true,
      cell: (row) => signedInr(row.unrealisedPnl),
      tone: (row) => tone(row.unrealisedPnl),
    },
    { header: 'Max DD', num: true, cell: (row) => fractionPct(row.maxDrawdown, 2) },
    { header: 'Win rate', num: true, cell: (row) => (row.winRate === null ? '—' : fractionPct(row.winRate, 0)) },
    {
      header: 'Trades',
      num: true,
      cell: (row) => (
        <span
          title={`${row.closedTrades} round trips, ${row.filledOrders} filled orders`}
          data-testid={`trades-${row.accountId}`}
        >
          {row.closedTrades}
          <span className="muted"> / {row.filledOrders}</span>
        </span>
      ),
    },
    {
      header: 'LLM today',
      num: true,
      cell: (row) => <span title={usd(row.llmCost.todayUsd)}>{inr(row.llmCost.todayInr, true)}</span>,
    },
    {
      header: 'LLM total',
      num: true,
      cell: (row) => <span title={usd(row.llmCost.totalUsd)}>{inr(row.llmCost.totalInr, true)}</span>,
    },
    { header: 'Cycles', num: true, cell: (row) => <span data-testid={`cycles-${row.accountId}`}>{row.cycles}</span> },
  ];
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
