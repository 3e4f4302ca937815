import { useCallback, useState } from 'react';
import { KeyScreen } from './components/KeyScreen';
import { SystemBar } from './components/SystemBar';
import { DeskProvider, storedKey, useDesk } from './desk';
import { AccountPage } from './pages/AccountPage';
import { ArenaPage } from './pages/ArenaPage';
import { BacktestPage } from './pages/BacktestPage';
import { BacktestsPage } from './pages/BacktestsPage';
import { SymbolPage } from './pages/SymbolPage';
import { Link, parseRoute, useLocation } from './router';
import { SystemProvider } from './system';

/** The key gate, then the desk: one API client and event stream per key. */
export function App() {
  const [apiKey, setApiKey] = useState(storedKey.read);
  const accept = useCallback((key: string) => {
    storedKey.write(key);
    setApiKey(key);
  }, []);
  const signOut = useCallback(() => {
    storedKey.write(null);
    setApiKey(null);
  }, []);
  if (!apiKey) return <KeyScreen onAccepted={accept} />;
  return (
    // Keyed by the key: a new key starts with a fresh connection state.
    <DeskProvider key={apiKey} apiKey={apiKey} onSignOut={signOut}>
      <Shell onKey={accept} />
    </DeskProvider>
  );
}

function Shell({ onKey }: { onKey: (key: string) => void }) {
  const { connection } = useDesk();
  if (connection.state === 'unauthorized') return <KeyScreen onAccepted={onKey} problem={connection.message} />;
  return (
    <SystemProvider>
      <SystemBar />
      {connection.state === 'unreachable' && (
        <div className="banner" role="alert" data-testid="unreachable">
          <b>The API is unreachable</b> at {window.location.origin}: {connection.message} Is the desk still running? The
          dashboard keeps retrying and catches up when it answers.
        </div>
      )}
      <main className="page">
        <Page />
      </main>
    </SystemProvider>
  );
}

function Page() {
  const route = parseRoute(useLocation().path);
  switch (route.page) {
    case 'arena':
      return <ArenaPage />;
    case 'account':
      return <AccountPage key={route.accountId} accountId={route.accountId} />;
    case 'symbol':
      return <SymbolPage symbol={route.symbol} />;
    case 'backtests':
      return <BacktestsPage />;
    case 'backtest':
      return <BacktestPage key={route.id} id={route.id} />;
    case 'not-found':
      return (
        <p>
          No page at <code>{route.path}</code>. <Link to="/">Back to the arena</Link>
        </p>
      );
  }
}
