import { type FormEvent, useState } from 'react';
import { ApiError, createApiClient } from '../api/client';

/** Words for a failed check, with the way out. */
function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The check failed unexpectedly; try again.';
  const { problem } = error;
  if (problem.kind === 'unauthorized') return `${problem.message} Check the key and try again.`;
  if (problem.kind === 'unreachable')
    return `${problem.message} Is the desk running (npm start)? This page is served by it at ${window.location.origin}.`;
  return problem.message;
}

/**
 * Asks for the API key once, checks it against the API, and hands it on only if the API took it.
 * `problem` explains why it is asked again (e.g. the stored key was refused).
 */
export function KeyScreen({ onAccepted, problem }: { onAccepted: (key: string) => void; problem?: string }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>(problem);
  const [checking, setChecking] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const candidate = key.trim();
    if (!candidate) return setError('Enter the API key.');
    setChecking(true);
    setError(undefined);
    try {
      await createApiClient(candidate, () => undefined).get('/api/system/status');
      onAccepted(candidate);
    } catch (err) {
      setError(explain(err));
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="key-screen">
      <form className="panel key-form" onSubmit={(e) => void submit(e)}>
        <h1>AI trading desk</h1>
        <p className="muted">
          Enter the desk&apos;s API key. <code>npm start</code> prints where it is (<code>API_KEY</code>, or the file{' '}
          <code>DATA_DIR/api-key</code>). It stays in this browser.
        </p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoFocus
        />
        {error && (
          <p className="form-error" role="alert" data-testid="key-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={checking}>
          {checking ? 'Checking…' : 'Connect'}
        </button>
      </form>
    </main>
  );
}
