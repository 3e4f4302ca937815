import { useDesk } from '../desk';
import { clock } from '../format';
import { Link } from '../router';
import { useSystem } from '../system';

function Light({ label, ok, title }: { label: string; ok: boolean | undefined; title: string }) {
  const state = ok === undefined ? 'unknown' : ok ? 'ok' : 'bad';
  return (
    <span className={`light light-${state}`} title={title} data-testid={`health-${label.toLowerCase()}`}>
      <i aria-hidden="true" />
      {label}
    </span>
  );
}

const PHASES: Record<string, string> = {
  closed: 'closed',
  opening: 'opening range',
  entry: 'entries open',
  'no-new-entries': 'no new entries',
  'square-off': 'square-off',
};

/**
 * Always on top: trading mode (LIVE in red, impossible to miss), the market session and next tick,
 * the health of Postgres, Temporal and the live stream, and the way to the other pages.
 */
export function SystemBar() {
  const { status, health } = useSystem();
  const { stream, signOut } = useDesk();
  const mode = status?.mode ?? health?.mode;
  const market = status?.market;
  const check = (name: string) => health?.checks[name];
  return (
    <header className={`system-bar ${mode === 'live' ? 'is-live' : ''}`}>
      {mode === 'live' && (
        <div className="live-warning" role="status">
          LIVE TRADING — orders go to Dhan with real money
        </div>
      )}
      <div className="system-row">
        <Link to="/" className="brand">
          AI trading desk
        </Link>
        <span className={`mode mode-${mode ?? 'unknown'}`} data-testid="trading-mode">
          {mode ? mode.toUpperCase() : '…'}
        </span>
        <nav className="nav">
          <Link to="/">Arena</Link>
          {status?.accounts.map((a) => (
            <Link key={a.id} to={`/accounts/${a.id}`}>
              {a.id}
            </Link>
          ))}
          <Link to="/symbols/RELIANCE">Charts</Link>
          <Link to="/backtests">Backtests</Link>
        </nav>
        <span className="spacer" />
        {market && (
          <span className="market" data-testid="market">
            <b className={market.open ? 'up' : 'muted'}>{market.open ? 'Market open' : 'Market closed'}</b>
            <span className="muted"> · {PHASES[market.phase] ?? market.phase}</span>
            <span title={`Market time by the ${market.clock} clock`}> · {clock(market.now)} IST</span>
            <span className="muted"> · next tick {clock(market.nextTick)}</span>
          </span>
        )}
        <Light label="Postgres" ok={check('postgres')?.ok} title="Database" />
        <Light label="Temporal" ok={check('temporal')?.ok} title="Workflow engine" />
        <Light
          label="Live"
          ok={stream === 'connecting' ? undefined : stream === 'live'}
          title={`Event stream: ${stream}`}
        />
        {status?.temporal.uiUrl && (
          <a href={status.temporal.uiUrl} target="_blank" rel="noreferrer" className="muted">
            Temporal UI ↗
          </a>
        )}
        <a href="/docs" target="_blank" rel="noreferrer" className="muted">
          API ↗
        </a>
        <button type="button" className="link-button" onClick={signOut} title="Forget the API key in this browser">
          Key
        </button>
      </div>
    </header>
  );
}
