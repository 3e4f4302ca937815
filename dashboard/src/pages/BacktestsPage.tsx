import { useCallback, useState } from 'react';
import type { BacktestList, BacktestStarted, BacktestSummary } from '../api/types';
import { useApi } from '../api/use-api';
import { BacktestForm } from '../backtest/BacktestForm';
import { RunProgress } from '../backtest/RunProgress';
import { type Column, DataTable } from '../components/DataTable';
import { Badge, LoadError, Panel } from '../components/ui';
import { fractionPct, num, signedPct, tone } from '../format';
import { navigate } from '../router';

/** `2026-06-01 → 2026-06-19` (one day once). */
export const period = (b: Pick<BacktestSummary, 'fromDate' | 'toDate'>) =>
  b.fromDate === b.toDate ? b.fromDate : `${b.fromDate} → ${b.toDate}`;

const COLUMNS: Column<BacktestSummary>[] = [
  { header: '#', cell: (b) => b.id, tone: () => 'muted' },
  {
    header: 'Account',
    cell: (b) => (
      <>
        <b>{b.accountId}</b>
        {b.name && <div className="muted small">{b.name}</div>}
      </>
    ),
  },
  { header: 'Period', cell: period },
  { header: 'Decider', cell: (b) => b.decider },
  {
    header: 'Status',
    cell: (b) => (
      <>
        <Badge value={b.status} testId={`backtest-status-${b.id}`} />
        {b.status === 'running' && <span className="muted small"> {fractionPct(b.progress, 0)}</span>}
      </>
    ),
  },
  {
    header: 'Return',
    num: true,
    cell: (b) => (b.totalReturn === null ? '—' : signedPct(b.totalReturn * 100)),
    tone: (b) => tone(b.totalReturn ?? 0),
  },
  { header: 'Sharpe', num: true, cell: (b) => (b.sharpe === null ? '—' : num(b.sharpe)) },
  { header: 'Max DD', num: true, cell: (b) => (b.maxDrawdown === null ? '—' : fractionPct(b.maxDrawdown, 2)) },
  { header: 'Trades', num: true, cell: (b) => b.tradesCount ?? '—' },
];

/**
 * Backtests: every run, newest first (command line or workflow, running ones with their progress),
 * and a form that starts one on the desk's workers.
 */
export function BacktestsPage() {
  const [started, setStarted] = useState<BacktestStarted | null>(null);
  const [running, setRunning] = useState(false);
  // Running rows move every few seconds; a finished list only changes when a run starts or ends.
  const list = useApi<BacktestList>('/api/backtests?limit=100', { everyMs: running ? 2_000 : 10_000 });
  const anyRunning = list.data?.items.some((b) => b.status === 'running') ?? false;
  if (anyRunning !== running) setRunning(anyRunning);
  const { reload } = list;
  const onStarted = useCallback(
    (s: BacktestStarted) => {
      setStarted(s);
      reload();
    },
    [reload],
  );
  return (
    <div className="backtests">
      <Panel title="New backtest">
        <BacktestForm onStarted={onStarted} />
        {started && <RunProgress key={started.runKey} runKey={started.runKey} onEnded={reload} />}
      </Panel>
      <Panel title="Backtests" actions={list.data && <span className="muted">{list.data.total} in all</span>}>
        <LoadError error={list.error} />
        <DataTable
          columns={COLUMNS}
          rows={list.data?.items ?? []}
          rowKey={(b) => b.id}
          rowTestId={(b) => `backtest-row-${b.id}`}
          testId="backtests"
          onRowClick={(b) => navigate(`/backtests/${b.id}`)}
          empty={list.data ? 'No backtests yet: start one above, or run `npm run backtest`.' : 'Loading…'}
        />
      </Panel>
    </div>
  );
}
