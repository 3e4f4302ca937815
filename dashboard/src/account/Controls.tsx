import { useState } from 'react';
import { ApiError } from '../api/client';
import type { ControlResult } from '../api/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useDesk } from '../desk';

type Action = 'start' | 'pause' | 'resume' | 'stop' | 'kill';

/** Which actions make sense in each state (the API has the last word and answers 409 otherwise). */
function allowed(state: string | undefined): Record<Action, boolean> {
  const running = state === 'running';
  const paused = state === 'paused';
  const killed = state === 'killed';
  return {
    start: !killed && !running,
    pause: running,
    resume: paused,
    stop: running || paused,
    kill: !killed,
  };
}

/**
 * Start, pause, resume, stop and kill, through the account's workflow. Stop and kill ask first: stop
 * ends the workflow (and flattens unless told not to), kill flattens now and can never be undone.
 */
export function Controls({
  accountId,
  state,
  onDone,
}: {
  accountId: string;
  /** The workflow's status, or the recorded one when it does not run. */
  state: string | undefined;
  onDone: () => void;
}) {
  const { client } = useDesk();
  const [asking, setAsking] = useState<'stop' | 'kill' | null>(null);
  const [reason, setReason] = useState('');
  const [flatten, setFlatten] = useState(true);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const can = allowed(state);

  async function run(action: Action) {
    setBusy(true);
    setOutcome(null);
    const body =
      action === 'kill'
        ? { reason: reason.trim() }
        : action === 'stop'
          ? { flatten, ...(reason.trim() ? { reason: reason.trim() } : {}) }
          : { reason: `${action} from the dashboard` };
    try {
      const result = await client.send<ControlResult>('POST', `/api/accounts/${accountId}/${action}`, body);
      setOutcome({ ok: true, text: `${action}: ${result.outcome.replace('_', ' ')}` });
      setAsking(null);
      setReason('');
    } catch (e) {
      setOutcome({ ok: false, text: e instanceof ApiError ? e.problem.message : `${action} failed` });
    } finally {
      setBusy(false);
      onDone();
    }
  }

  const button = (action: Action, label: string, className = '') => (
    <button
      type="button"
      className={className}
      disabled={busy || !can[action]}
      data-testid={`control-${action}`}
      onClick={() => (action === 'stop' || action === 'kill' ? setAsking(action) : void run(action))}
    >
      {label}
    </button>
  );

  return (
    <div className="controls">
      {button('start', 'Start')}
      {button('pause', 'Pause')}
      {button('resume', 'Resume')}
      {button('stop', 'Stop…', 'warn')}
      {button('kill', 'Kill…', 'danger')}
      {outcome && (
        <span
          className={outcome.ok ? 'muted' : 'form-error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="control-outcome"
        >
          {outcome.text}
        </span>
      )}
      {asking === 'stop' && (
        <ConfirmDialog
          title={`Stop ${accountId}?`}
          confirmLabel="Stop the account"
          busy={busy}
          onConfirm={() => void run('stop')}
          onCancel={() => setAsking(null)}
        >
          <p>The cycle in progress finishes, then the workflow ends. Start it again at any time.</p>
          <label className="check">
            <input type="checkbox" checked={flatten} onChange={(e) => setFlatten(e.target.checked)} /> Close open
            positions first
          </label>
          <label htmlFor="stop-reason">Reason (optional)</label>
          <input id="stop-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </ConfirmDialog>
      )}
      {asking === 'kill' && (
        <ConfirmDialog
          title={`Kill ${accountId}?`}
          confirmLabel="Kill: flatten and halt for good"
          danger
          busy={busy || !reason.trim()}
          onConfirm={() => void run('kill')}
          onCancel={() => setAsking(null)}
        >
          <p>
            Every open position is closed now and the account halts <b>for good</b>: it can never be started again.
          </p>
          <label htmlFor="kill-reason">Reason (required)</label>
          <input id="kill-reason" value={reason} maxLength={200} required onChange={(e) => setReason(e.target.value)} />
        </ConfirmDialog>
      )}
    </div>
  );
}
