import { useEffect, useState } from 'react';
import type { BacktestRun } from '../api/types';
import { useApi } from '../api/use-api';
import { Badge, LoadError } from '../components/ui';
import { dateTime, fractionPct } from '../format';
import { Link } from '../router';

/**
 * How far a backtest run got: its workflow's state and the running attempt's last heartbeat (cycles
 * done of all, market time), polled while it runs; `onEnded` once the workflow has ended.
 */
export function RunProgress({ runKey, onEnded }: { runKey: string; onEnded?: () => void }) {
  const [polling, setPolling] = useState(true);
  const run = useApi<BacktestRun>(`/api/backtests/runs/${encodeURIComponent(runKey)}`, {
    everyMs: polling ? 1_000 : undefined,
  });
  const r = run.data;
  const ended = r !== undefined && r.workflow?.status !== 'RUNNING';
  useEffect(() => {
    if (!ended) return;
    setPolling(false);
    onEnded?.();
  }, [ended, onEnded]);
  if (!r) return <LoadError error={run.error} />;
  const p = r.progress;
  // The row's share (written every 2 s) and the last heartbeat's: whichever is further along.
  const fraction = ended ? 1 : Math.max(p?.fraction ?? 0, r.backtest?.progress ?? 0);
  return (
    <div className="run-progress" data-testid="run-progress">
      <div className="run-progress-head">
        <Badge value={r.workflow?.status.toLowerCase() ?? r.backtest?.status ?? 'unknown'} testId="run-status" />
        <span className="muted">{runKey}</span>
        {r.workflow?.url && (
          <a href={r.workflow.url} target="_blank" rel="noreferrer" className="muted">
            workflow ↗
          </a>
        )}
        {r.backtest && ended && <Link to={`/backtests/${r.backtest.id}`}>backtest {r.backtest.id} →</Link>}
      </div>
      <progress max={1} value={fraction} aria-label="backtest progress" />
      <span className="muted small" data-testid="run-progress-text">
        {p
          ? `${p.done} of ${p.total ?? '?'} cycles (${fractionPct(fraction, 0)})` +
            (p.marketTime ? ` · market ${dateTime(p.marketTime)}` : '') +
            (p.attempt > 1 ? ` · attempt ${p.attempt}` : '')
          : ended
            ? 'done'
            : 'waiting for the first heartbeat…'}
      </span>
      {r.error && (
        <p className="form-error" role="alert">
          {r.error}
        </p>
      )}
    </div>
  );
}
