import { type Sequelize } from 'sequelize';
import {
  DESK_EVENTS_CHANNEL,
  type DeskEventKind,
  type DeskEventRecord,
  eventsAfter,
  getCycle,
  getFill,
  getInvocationSummary,
  getOrderById,
  getRiskEvent,
  lastEventId,
  pruneEvents,
} from '../../db/queries';
import { type Logger } from '../../platform/logger';
import { toJson } from '../schemas/json';
import { type Listen, type Listening } from './pg-listener';

/** One pushed event: what happened, to which account, and the row as the REST routes show it. */
export interface DeskEvent {
  readonly id: number;
  readonly kind: DeskEventKind;
  readonly op: 'insert' | 'update';
  readonly accountId: string;
  readonly at: string;
  readonly data: unknown;
}

export interface EventFilter {
  readonly accountId?: string;
  /** Kinds to receive; all when absent. */
  readonly kinds?: ReadonlySet<DeskEventKind>;
}

interface Subscriber {
  readonly filter: EventFilter;
  /** Id of the last event this subscriber has been given (or skipped). */
  cursor: number;
  readonly send: (event: DeskEvent) => void;
}

/** Loads the row an event points at, shaped like the REST answer for it. */
const LOADERS: Record<DeskEventKind, (db: Sequelize, id: number) => Promise<object | null>> = {
  cycle: getCycle,
  invocation: getInvocationSummary,
  order: getOrderById,
  fill: getFill,
  risk_event: getRiskEvent,
};

export interface EventHubOptions {
  readonly db: Sequelize;
  readonly listen: Listen;
  readonly log: Logger;
  /** Poll as a fallback to NOTIFY (default 5 s). */
  readonly pollMs?: number;
  /** Events read per query (default 200). */
  readonly batch?: number;
  /** How long the log keeps events for reconnecting clients (default 7 days); pruned hourly. */
  readonly retentionMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * Fans the desk's event log out to server-sent-event subscribers. NOTIFY (and a slow poll, in case
 * a notification was missed) triggers a drain: read the log after the slowest subscriber's cursor,
 * load each row once, and hand every subscriber the events after its own cursor that match its filter.
 * A subscriber that gives `since` is first caught up from the log, so a reconnecting client misses nothing.
 */
export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private listening: Promise<Listening> | undefined;
  private poll: NodeJS.Timeout | undefined;
  private prune: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: EventHubOptions) {}

  /**
   * Starts delivering events after `since` (default: from now on) to `send`.
   * @returns a function that ends the subscription
   */
  async subscribe(filter: EventFilter, since: number | undefined, send: (e: DeskEvent) => void): Promise<() => void> {
    this.listening ??= this.startListening();
    await this.listening;
    const subscriber: Subscriber = { filter, cursor: since ?? (await lastEventId(this.options.db)), send };
    this.subscribers.add(subscriber);
    if (since !== undefined) void this.drain();
    return () => this.subscribers.delete(subscriber);
  }

  /** How many streams are open. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Stops listening; subscribers get nothing more. */
  async close(): Promise<void> {
    this.subscribers.clear();
    clearInterval(this.poll);
    clearInterval(this.prune);
    const listening = this.listening;
    this.listening = undefined;
    await (await listening?.catch(() => undefined))?.close();
    await this.draining;
  }

  private startListening(): Promise<Listening> {
    this.poll = setInterval(() => void this.drain(), this.options.pollMs ?? 5_000);
    this.poll.unref();
    const retentionMs = this.options.retentionMs ?? 7 * 24 * HOUR_MS;
    this.prune = setInterval(() => void this.pruneOld(retentionMs), HOUR_MS);
    this.prune.unref();
    return this.options
      .listen(DESK_EVENTS_CHANNEL, () => void this.drain())
      .catch((e: unknown) => {
        this.listening = undefined; // the next subscriber tries again
        throw e;
      });
  }

  /** Deletes events older than the retention; a failure only waits for the next hour. */
  async pruneOld(retentionMs: number): Promise<number> {
    try {
      return await pruneEvents(this.options.db, new Date(Date.now() - retentionMs));
    } catch (err) {
      this.options.log.warn({ err }, 'event stream: pruning the event log failed');
      return 0;
    }
  }

  /** Runs one drain at a time; a trigger during a drain runs one more after it. */
  private drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drainAll()
      .catch((err: unknown) => this.options.log.warn({ err }, 'event stream: reading the event log failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          void this.drain();
        }
      });
    return this.draining;
  }

  private async drainAll(): Promise<void> {
    const batch = this.options.batch ?? 200;
    for (;;) {
      if (this.subscribers.size === 0) return;
      const from = Math.min(...[...this.subscribers].map((s) => s.cursor));
      const events = await eventsAfter(this.options.db, from, batch);
      for (const record of events) await this.deliver(record);
      if (events.length < batch) return;
    }
  }

  private async deliver(record: DeskEventRecord): Promise<void> {
    const due = [...this.subscribers].filter((s) => s.cursor < record.id);
    const wanted = due.filter((s) => matches(s.filter, record));
    if (wanted.length > 0) {
      const row = await LOADERS[record.kind](this.options.db, record.rowId);
      // A row deleted since (e.g. its account was removed) is no longer news.
      if (row) {
        const event: DeskEvent = {
          id: record.id,
          kind: record.kind,
          op: record.op,
          accountId: record.accountId,
          at: record.createdAt.toISOString(),
          data: toJson(row),
        };
        for (const s of wanted) s.send(event);
      }
    }
    for (const s of due) s.cursor = record.id;
  }
}

function matches(filter: EventFilter, record: DeskEventRecord): boolean {
  return (
    (filter.accountId === undefined || filter.accountId === record.accountId) &&
    (filter.kinds === undefined || filter.kinds.has(record.kind))
  );
}
