import { ClosedTrades, Fills, Orders, Positions } from '../account/Books';
import { Controls } from '../account/Controls';
import { DecisionFeed } from '../account/DecisionFeed';
import { RiskLimitsForm } from '../account/RiskLimitsForm';
import type { AccountDetail, Portfolio } from '../api/types';
import { useApi } from '../api/use-api';
import { Badge, Dot, LoadError, Panel, Stat } from '../components/ui';
import { fractionPct, inr, signedInr, signedPct, tone } from '../format';
import { Link } from '../router';
import { useSystem } from '../system';

/**
 * One account: its workflow's state and controls, its books (positions, orders, fills, round trips),
 * its risk limits and the feed of its decisions.
 */
export function AccountPage({ accountId }: { accountId: string }) {
  const { colourOf } = useSystem();
  // The workflow's status query answers within the poll; cycles and fills move the books.
  const detail = useApi<AccountDetail>(`/api/accounts/${accountId}`, {
    on: ['cycle'],
    account: accountId,
    everyMs: 3_000,
  });
  const portfolio = useApi<Portfolio>(`/api/portfolio/${accountId}`, {
    on: ['cycle', 'fill'],
    account: accountId,
  });
  const account = detail.data?.account;
  const live = detail.data?.live;
  const state = live?.status ?? account?.status;

  if (detail.error?.problem.kind === 'refused' && detail.error.problem.status === 404)
    return (
      <p role="alert">
        No account “{accountId}”. <Link to="/">Back to the arena</Link>
      </p>
    );

  return (
    <div className="account-page">
      <header className="account-head">
        <h1>
          <Dot colour={colourOf(accountId)} />
          {account?.name ?? accountId} <span className="muted">{accountId}</span>
        </h1>
        <span className="muted">{account?.model}</span>
        {state && <Badge value={state} testId="account-status" />}
        {(live?.riskState ?? account?.riskState) && <Badge value={live?.riskState ?? account?.riskState ?? ''} />}
        {account && <span className={`mode mode-${account.mode}`}>{account.mode.toUpperCase()}</span>}
        {detail.data?.workflow?.url && (
          <a href={detail.data.workflow.url} target="_blank" rel="noreferrer">
            Workflow in Temporal ↗
          </a>
        )}
        <span className="spacer" />
        <Controls accountId={accountId} state={state} onDone={detail.reload} />
      </header>
      <LoadError error={detail.error} />
      {live?.stopReason && <p className="muted">Stopped: {live.stopReason}</p>}
      <Summary portfolio={portfolio.data} cycles={live?.cycles} />
      <div className="account-grid">
        <div className="column">
          <Positions portfolio={portfolio.data} />
          <Orders accountId={accountId} />
          <Fills accountId={accountId} />
          <ClosedTrades accountId={accountId} />
        </div>
        <div className="column">
          <DecisionFeed accountId={accountId} />
          <Panel title="Risk limits">
            {account && (
              <RiskLimitsForm
                accountId={accountId}
                limits={account.riskLimits}
                disabled={account.status === 'killed'}
                onSaved={detail.reload}
              />
            )}
            {account && (
              <p className="muted">
                Stocks:{' '}
                {account.stocks.map((s) => (
                  <Link key={s} to={`/symbols/${s}`}>
                    {s}{' '}
                  </Link>
                ))}{' '}
                · strategies: {account.strategies.join(', ')}
              </p>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}

function Summary({ portfolio: p, cycles }: { portfolio: Portfolio | undefined; cycles: number | undefined }) {
  if (!p) return <div className="stats" />;
  return (
    <div className="stats" data-testid="account-summary">
      <Stat label="Equity" value={inr(p.equity)} />
      <Stat label="Cash" value={inr(p.cash)} />
      <Stat
        label="Total P&L"
        value={`${signedInr(p.totalPnl)} (${signedPct(p.returnPct)})`}
        className={tone(p.totalPnl)}
      />
      <Stat label="Day P&L" value={signedInr(p.dayPnl)} className={tone(p.dayPnl)} />
      <Stat label="Realised" value={signedInr(p.realisedPnl)} className={tone(p.realisedPnl)} />
      <Stat label="Unrealised" value={signedInr(p.unrealisedPnl)} className={tone(p.unrealisedPnl)} />
      <Stat label="Charges" value={inr(p.charges, true)} />
      <Stat label="Drawdown" value={fractionPct(p.drawdown, 2)} />
      <Stat label="Capital" value={inr(p.allocatedCapital)} />
      {cycles !== undefined && <Stat label="Cycles this run" value={String(cycles)} />}
    </div>
  );
}
