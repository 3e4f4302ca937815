import type { Backtest } from '../api/types';
import { useApi } from '../api/use-api';
import { EquityDrawdownChart } from '../backtest/EquityDrawdownChart';
import { RunProgress } from '../backtest/RunProgress';
import { type Column, DataTable } from '../components/DataTable';
import { Badge, LoadError, Panel, Stat } from '../components/ui';
import { dateTime, fractionPct, inr, num, signedInr, signedPct, tone } from '../format';
import { Link } from '../router';
import { period } from './BacktestsPage';

type Trade = NonNullable<Backtest['trades']>[number];
type Metrics = NonNullable<Backtest['metrics']>;

const ratio = (x: number | null) => (x === null ? '—' : num(x));
const share = (x: number | null) => (x === null ? '—' : fractionPct(x, 1));

const TRADE_COLUMNS: Column<Trade>[] = [
  { header: 'Symbol', cell: (t) => <b>{t.symbol}</b> },
  { header: 'Side', cell: (t) => t.direction },
  { header: 'Qty', num: true, cell: (t) => t.quantity },
  { header: 'Opened', cell: (t) => dateTime(t.openedAt) },
  { header: 'Closed', cell: (t) => dateTime(t.closedAt) },
  { header: 'Entry', num: true, cell: (t) => inr(t.entryPrice, true) },
  { header: 'Exit', num: true, cell: (t) => inr(t.exitPrice, true) },
  { header: 'Charges', num: true, cell: (t) => inr(t.charges, true) },
  { header: 'Net P&L', num: true, cell: (t) => signedInr(t.netPnl, true), tone: (t) => tone(t.netPnl) },
  { header: 'R', num: true, cell: (t) => (t.rMultiple === null ? '—' : t.rMultiple.toFixed(2)) },
  { header: 'Strategy', cell: (t) => t.strategy ?? '—' },
];

/** The headline figures, as defined in the backtesting notes. */
function MetricStats({ m }: { m: Metrics }) {
  return (
    <div className="stats" data-testid="backtest-metrics">
      <Stat
        label="Net P&L"
        value={`${signedInr(m.netPnl)} (${signedPct(m.totalReturn * 100)})`}
        className={tone(m.netPnl)}
      />
      <Stat label="End equity" value={inr(m.endEquity)} />
      <Stat label="CAGR" value={share(m.cagr)} />
      <Stat label="Sharpe" value={ratio(m.sharpe)} />
      <Stat label="Sortino" value={ratio(m.sortino)} />
      <Stat label="Max drawdown" value={fractionPct(m.maxDrawdown, 2)} />
      <Stat label="Calmar" value={ratio(m.calmar)} />
      <Stat label="Trades" value={`${m.trades} (${m.wins} won)`} />
      <Stat label="Win rate" value={share(m.winRate)} />
      <Stat label="Profit factor" value={ratio(m.profitFactor)} />
      <Stat label="Expectancy" value={m.expectancy === null ? '—' : signedInr(m.expectancy)} />
      <Stat label="Exposure" value={fractionPct(m.exposure, 1)} />
      <Stat label="Charges" value={inr(m.charges, true)} />
      <Stat label="Sessions" value={String(m.sessions)} />
      <Stat label="LLM" value={m.llm.calls ? `${m.llm.calls} calls, ${inr(m.llm.costInr, true)}` : 'none'} />
    </div>
  );
}

/**
 * One backtest: what ran, its progress while it runs, then its metrics, equity and drawdown chart,
 * trades, warnings and the summary the command line printed.
 */
export function BacktestPage({ id }: { id: number }) {
  const backtest = useApi<Backtest>(`/api/backtests/${id}`);
  const b = backtest.data;
  return (
    <div className="backtest">
      <div className="account-head">
        <Link to="/backtests" className="muted">
          ← Backtests
        </Link>
        <h1>
          Backtest {id}
          {b?.name && <span className="muted"> · {b.name}</span>}
        </h1>
        {b && <Badge value={b.status} testId="backtest-status" />}
        {b && (
          <span className="muted">
            {b.accountId} · {period(b)} · {b.decider} · {b.data}
          </span>
        )}
      </div>
      <LoadError error={backtest.error} />
      {b?.status === 'running' && (
        <Panel title="Progress">
          <RunProgress runKey={b.runKey} onEnded={backtest.reload} />
        </Panel>
      )}
      {b?.error && (
        <p className="form-error" role="alert">
          {b.error}
        </p>
      )}
      {b?.metrics && <MetricStats m={b.metrics} />}
      {b?.equityCurve && b.equityCurve.length > 0 && (
        <Panel title="Equity and drawdown">
          <EquityDrawdownChart curve={b.equityCurve} />
        </Panel>
      )}
      {b?.trades && (
        <Panel title={`Trades (${b.trades.length})`}>
          <DataTable
            columns={TRADE_COLUMNS}
            rows={b.trades}
            rowKey={(t) => t.exitOrderKey}
            testId="backtest-trades"
            empty="No trades."
          />
        </Panel>
      )}
      {b?.warnings && b.warnings.length > 0 && (
        <Panel title="Warnings">
          <ul className="warnings">
            {b.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Panel>
      )}
      {b?.summary && (
        <Panel title="Summary">
          <pre className="summary" data-testid="backtest-summary">
            {b.summary}
          </pre>
        </Panel>
      )}
    </div>
  );
}
