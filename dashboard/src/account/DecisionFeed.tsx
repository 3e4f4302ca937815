import { useState } from 'react';
import type { CycleDetail, CycleList, Cycle, Invocation } from '../api/types';
import { useApi } from '../api/use-api';
import { Badge, LoadError, Panel } from '../components/ui';
import { clock, dateTime, inr, num } from '../format';

/**
 * Each cycle of the account, newest first, as the live stream reports them: what it decided and
 * why. A card opens onto the signals, the decider's prompt, reasoning and tool calls, the risk
 * verdicts and the orders, with the cycle's workflow in the Temporal Web UI.
 */
export function DecisionFeed({ accountId }: { accountId: string }) {
  const cycles = useApi<CycleList>(`/api/cycles?account=${accountId}&limit=15`, { on: ['cycle'], account: accountId });
  const [open, setOpen] = useState<number | null>(null);
  const items = cycles.data?.items ?? [];
  return (
    <Panel
      title="Decision feed"
      testId="decision-feed"
      actions={cycles.data && <span className="muted">{cycles.data.total} cycles</span>}
    >
      <LoadError error={cycles.error} />
      {items.length === 0 && cycles.data && <p className="muted">No cycles yet.</p>}
      <ol className="cycles">
        {items.map((c, i) => {
          // Until the user picks one, the newest cycle is open (and follows the live stream).
          const isOpen = open === null ? i === 0 : open === c.id;
          return (
            // Keyed by status too: a running cycle's details are read again once it finishes.
            <CycleCard
              key={`${c.id}-${c.status}`}
              cycle={c}
              open={isOpen}
              onToggle={() => setOpen(isOpen ? -1 : c.id)}
            />
          );
        })}
      </ol>
    </Panel>
  );
}

function CycleCard({ cycle, open, onToggle }: { cycle: Cycle; open: boolean; onToggle: () => void }) {
  const detail = useApi<CycleDetail>(`/api/cycles/${cycle.id}`);
  const url = detail.data?.temporal.url;
  const took = cycle.finishedAt ? (Date.parse(cycle.finishedAt) - Date.parse(cycle.startedAt)) / 1000 : undefined;
  return (
    <li className={`cycle ${open ? 'open' : ''}`} data-testid="cycle-card" data-cycle-id={cycle.id}>
      <div className="cycle-head">
        <button type="button" className="link-button" onClick={onToggle} aria-expanded={open}>
          {open ? '▾' : '▸'} {dateTime(cycle.marketTime)}
        </button>
        <Badge value={cycle.status} />
        <span className="cycle-decision">{cycle.decision ?? cycle.error ?? '—'}</span>
        {cycle.ordersPlaced > 0 && <b>{cycle.ordersPlaced} order(s)</b>}
        {took !== undefined && <span className="muted">{took.toFixed(1)} s</span>}
        {url ? (
          <a href={url} target="_blank" rel="noreferrer" data-testid="temporal-link">
            Temporal ↗
          </a>
        ) : (
          <span className="muted" title="The Temporal Web UI address is not configured">
            {cycle.workflowId}
          </span>
        )}
      </div>
      {open && detail.data && <CycleBody detail={detail.data} />}
      <LoadError error={detail.error} />
    </li>
  );
}

function CycleBody({ detail }: { detail: CycleDetail }) {
  return (
    <div className="cycle-body">
      {detail.signals.length > 0 && (
        <section>
          <h3>Signals</h3>
          <ul className="plain">
            {detail.signals.map((s) => (
              <li key={s.id}>
                <b className={s.side === 'BUY' ? 'up' : 'down'}>{s.side}</b> {s.symbol} · {s.strategy} {s.timeframe}{' '}
                {s.kind} · entry {num(s.entry)} stop {num(s.stop)}
                {s.target !== null && ` target ${num(s.target)}`} · <span className="muted">{s.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.invocations.map((i) => (
        <InvocationView key={i.id} id={i.id} />
      ))}
      {detail.riskEvents.length > 0 && (
        <section>
          <h3>Risk verdicts</h3>
          <ul className="plain">
            {detail.riskEvents.map((r) => (
              <li key={r.id}>
                <Badge value={r.verdict} /> <b>{r.rule}</b> <span className="muted">{r.detail}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.trades.length > 0 && (
        <section>
          <h3>Orders</h3>
          <ul className="plain">
            {detail.trades.map((t) => (
              <li key={t.id}>
                <b className={t.side === 'BUY' ? 'up' : 'down'}>{t.side}</b> {t.quantity} {t.symbol} {t.orderType}{' '}
                <Badge value={t.status} /> {t.averagePrice !== null && <>@ {num(t.averagePrice)}</>}{' '}
                <span className="muted">{t.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

interface Message {
  role?: string;
  content?: unknown;
}
interface ToolCall {
  name?: string;
  arguments?: unknown;
  outcome?: string;
  reason?: string;
}

const text = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((part: { text?: string }) => part.text ?? '').join('')
      : '';

/** The prompt's gist (its last user message, shortened), the model's own words, and its tool calls. */
function InvocationView({ id }: { id: number }) {
  const invocation = useApi<Invocation>(`/api/invocations/${id}`);
  const i = invocation.data;
  if (!i) return null;
  const messages = i.messages as Message[];
  const prompt = text([...messages].reverse().find((m) => m.role === 'user')?.content);
  const reasoning = messages
    .filter((m) => m.role === 'assistant')
    .map((m) => text(m.content))
    .filter(Boolean);
  const calls = i.toolCalls as ToolCall[];
  return (
    <section className="invocation" data-testid="invocation">
      <h3>
        Decision · {i.decider}
        {i.model && <span className="muted"> · {i.model}</span>}
        <span className="muted">
          {' '}
          · {i.inputTokens + i.outputTokens} tokens · {inr(i.costInr, true)} · {i.latencyMs} ms
        </span>
        {i.stopReason && <span className="muted"> · {i.stopReason}</span>}
      </h3>
      {i.error && <p className="form-error">{i.error}</p>}
      {prompt && (
        <details>
          <summary>Prompt ({clock(i.createdAt)} IST)</summary>
          <pre className="prompt">{prompt.length > 4000 ? `${prompt.slice(0, 4000)}…` : prompt}</pre>
        </details>
      )}
      {reasoning.length > 0 && (
        <div className="reasoning">
          {reasoning.map((r, n) => (
            <p key={n}>{r}</p>
          ))}
        </div>
      )}
      {calls.length > 0 && (
        <ul className="plain tool-calls">
          {calls.map((c, n) => (
            <li key={n}>
              <code>
                {c.name}({typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments)})
              </code>{' '}
              {c.outcome && <Badge value={c.outcome} />} {c.reason && <span className="muted">{c.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      {calls.length === 0 && reasoning.length === 0 && (i.proposals?.length ?? 0) > 0 && (
        <ul className="plain">
          {(i.proposals as { symbol?: string; side?: string; quantity?: number; reason?: string }[]).map((p, n) => (
            <li key={n}>
              Proposed <b>{p.side}</b> {p.quantity} {p.symbol} <span className="muted">{p.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
