import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import type { BacktestRequest, BacktestStarted } from '../api/types';
import { useDesk } from '../desk';
import { useSystem } from '../system';

/** A fresh Idempotency-Key: one per intended backtest, kept while the same request is retried. */
const newKey = () => `dash-${crypto.randomUUID()}`;

interface Values {
  account: string;
  from: string;
  to: string;
  data: 'simulator' | 'db' | 'csv';
  folder: string;
  decider: 'rules' | 'llm';
  model: string;
  maxInr: string;
  name: string;
}

/** The request as the API's BacktestRequest names it (empty optional fields are left out). */
function requestOf(v: Values): BacktestRequest {
  return {
    account: v.account,
    from: v.from,
    to: v.to,
    data:
      v.data === 'csv' ? { kind: 'csv', folder: v.folder } : v.data === 'db' ? { kind: 'db' } : { kind: 'simulator' },
    decider:
      v.decider === 'llm'
        ? { kind: 'llm', ...(v.model ? { model: v.model } : {}), ...(v.maxInr ? { maxInr: Number(v.maxInr) } : {}) }
        : { kind: 'rules' },
    ...(v.name ? { name: v.name } : {}),
  };
}

/**
 * Starts a backtest as a workflow on the desk's workers. The API validates the whole request; its
 * field errors are listed under the form. A retry after a lost answer sends the same key, so it never
 * starts a second run.
 */
export function BacktestForm({ onStarted }: { onStarted: (started: BacktestStarted) => void }) {
  const { client } = useDesk();
  const { status } = useSystem();
  const accounts = status?.accounts.map((a) => a.id) ?? [];
  const [values, setValues] = useState<Values>({
    account: '',
    from: '',
    to: '',
    data: 'simulator',
    folder: '',
    decider: 'rules',
    model: '',
    maxInr: '',
    name: '',
  });
  const [key, setKey] = useState(newKey);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const account = values.account || accounts[0] || '';

  const set = (field: keyof Values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    // Another request deserves another key.
    setKey(newKey());
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblems([]);
    try {
      const started = await client.send<BacktestStarted>('POST', '/api/backtests', requestOf({ ...values, account }), {
        'Idempotency-Key': key,
      });
      setKey(newKey());
      onStarted(started);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const p = err.problem;
      setProblems(
        p.kind === 'refused' && p.fields
          ? Object.entries(p.fields).map(([field, why]) => `${field.replace(/^body\./, '')}: ${why}`)
          : [p.message],
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="backtest-form" onSubmit={(e) => void submit(e)} noValidate data-testid="backtest-form">
      <label>
        Account
        <select name="account" value={account} onChange={set('account')}>
          {accounts.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input name="from" type="date" value={values.from} onChange={set('from')} required />
      </label>
      <label>
        To
        <input name="to" type="date" value={values.to} onChange={set('to')} required />
      </label>
      <label>
        Bars
        <select name="data" value={values.data} onChange={set('data')}>
          <option value="simulator">simulator (synthetic)</option>
          <option value="db">candles table</option>
          <option value="csv">CSV folder</option>
        </select>
      </label>
      {values.data === 'csv' && (
        <label>
          Folder
          <input name="folder" value={values.folder} onChange={set('folder')} placeholder="nse" />
        </label>
      )}
      <label>
        Decider
        <select name="decider" value={values.decider} onChange={set('decider')}>
          <option value="rules">rules</option>
          <option value="llm">LLM</option>
        </select>
      </label>
      {values.decider === 'llm' && (
        <>
          <label>
            Model
            <input name="model" value={values.model} onChange={set('model')} placeholder="the account's" />
          </label>
          <label>
            Cap ₹
            <input
              name="maxInr"
              type="number"
              min="1"
              value={values.maxInr}
              onChange={set('maxInr')}
              placeholder="500"
            />
          </label>
        </>
      )}
      <label>
        Name
        <input name="name" value={values.name} onChange={set('name')} placeholder="optional" />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !account}>
          Start backtest
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="form-error" role="alert" data-testid="backtest-form-errors">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
