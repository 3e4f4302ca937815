import { type ReactNode } from 'react';
import { type ApiError } from '../api/client';

/** A titled box of the page. */
export function Panel({
  title,
  actions,
  children,
  className,
  testId,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

const BADGE_TONES: Record<string, string> = {
  running: 'good',
  completed: 'good',
  ACTIVE: 'good',
  TRADED: 'good',
  approve: 'good',
  paused: 'warn',
  stopping: 'warn',
  REDUCING: 'warn',
  adjust: 'warn',
  PENDING: 'warn',
  TRANSIT: 'warn',
  PART_TRADED: 'warn',
  NEW: 'warn',
  skipped: 'muted',
  created: 'muted',
  stopped: 'muted',
  CANCELLED: 'muted',
  EXPIRED: 'muted',
  killed: 'bad',
  failed: 'bad',
  HALTED: 'bad',
  REJECTED: 'bad',
  reject: 'bad',
};

/** A status word in a colour that says whether it is good news. */
export function Badge({ value, testId }: { value: string; testId?: string }) {
  return (
    <span className={`badge badge-${BADGE_TONES[value] ?? 'muted'}`} data-testid={testId}>
      {value}
    </span>
  );
}

/** What went wrong loading a view, in the API's words; nothing while it loads fine. */
export function LoadError({ error }: { error: ApiError | undefined }) {
  if (!error || error.problem.kind !== 'refused') return null;
  return (
    <p className="form-error" role="alert">
      {error.problem.message}
    </p>
  );
}

/** Shown in an empty table body. */
export function Empty({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="empty">
        {children}
      </td>
    </tr>
  );
}

/** A coloured dot naming an account. */
export function Dot({ colour }: { colour: string }) {
  return <i className="dot" style={{ background: colour }} aria-hidden="true" />;
}

/** A labelled figure in a row of stats. */
export function Stat({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className="stat">
      <span className="muted">{label}</span>
      <b className={className}>{value}</b>
    </div>
  );
}
