import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { useDesk } from '../desk';

/** The limits the risk rules enforce, as the API's ConfigPatch names them. */
const FIELDS = [
  { name: 'riskPerTradePct', label: 'Risk per trade', unit: '% of capital' },
  { name: 'maxOpenPositions', label: 'Max open positions', unit: 'positions' },
  { name: 'maxPositionsPerSymbol', label: 'Max positions per symbol', unit: 'positions' },
  { name: 'dailyLossLimitPct', label: 'Daily loss limit', unit: '% of capital' },
  { name: 'intradayLeverage', label: 'Intraday leverage', unit: '× cash' },
] as const;

type FieldName = (typeof FIELDS)[number]['name'];

/** The limits as the inputs' texts. */
const asFields = (limits: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(FIELDS.map((f) => [f.name, String(limits[f.name] ?? '')]));

/**
 * Edits the account's risk limits. The API (and the running workflow's validator) decides what is
 * acceptable; its field errors are shown beside the fields they concern.
 */
export function RiskLimitsForm({
  accountId,
  limits,
  disabled,
  onSaved,
}: {
  accountId: string;
  limits: Record<string, unknown>;
  disabled: boolean;
  onSaved: () => void;
}) {
  const { client } = useDesk();
  const [values, setValues] = useState(() => asFields(limits));
  // When the account's limits change (saved here, or elsewhere), the fields show them; a reload that
  // brings the same limits leaves what is being typed alone.
  const current = JSON.stringify(limits);
  useEffect(() => setValues(asFields(JSON.parse(current) as Record<string, unknown>)), [current]);
  const [errors, setErrors] = useState<Partial<Record<FieldName | 'form', string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setSaved(null);
    // Numbers as typed; an empty field goes as null, which the API refuses with the reason.
    const risk = Object.fromEntries(
      FIELDS.map((f) => [f.name, values[f.name]?.trim() ? Number(values[f.name]) : null]),
    );
    try {
      const answer = await client.send<{ appliedBy: string }>('PATCH', `/api/accounts/${accountId}`, { risk });
      setSaved(
        answer.appliedBy === 'workflow' ? 'Applied by the running workflow.' : 'Saved; applied at the next start.',
      );
      onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const found: Partial<Record<FieldName | 'form', string>> = {};
      const problem = err.problem;
      if (problem.kind === 'refused' && problem.fields)
        for (const [where, why] of Object.entries(problem.fields)) {
          const field = FIELDS.find((f) => where.endsWith(`.${f.name}`));
          if (field) found[field.name] = why;
        }
      if (Object.keys(found).length === 0) found.form = problem.message;
      setErrors(found);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="risk-form" onSubmit={(e) => void submit(e)} noValidate data-testid="risk-form">
      {FIELDS.map((f) => (
        <div key={f.name} className="field">
          <label htmlFor={`risk-${f.name}`}>{f.label}</label>
          <div className="field-input">
            <input
              id={`risk-${f.name}`}
              name={f.name}
              type="number"
              step="any"
              value={values[f.name] ?? ''}
              disabled={disabled}
              aria-invalid={errors[f.name] ? true : undefined}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
            <span className="muted">{f.unit}</span>
          </div>
          {errors[f.name] && (
            <p className="form-error" role="alert">
              {errors[f.name]}
            </p>
          )}
        </div>
      ))}
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || disabled}>
          Save limits
        </button>
        {saved && (
          <span className="muted" role="status">
            {saved}
          </span>
        )}
      </div>
    </form>
  );
}
