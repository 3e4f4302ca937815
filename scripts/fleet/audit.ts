import { QueryTypes } from 'sequelize';
import { type RunningDhanSimulator } from '../../broker/simulator';
import { type Database } from '../../db';

/**
 * What the broker holds against what the desk recorded, matched by correlation id (the order key the
 * desk sends to Dhan). The scale-out run and the fault suite both judge a run by it.
 */
export interface OrderAudit {
  /** Orders in the simulator's order book. */
  readonly atBroker: number;
  /** Rows in the orders table. */
  readonly recorded: number;
  /** Correlation ids the broker holds more than once: an order placed twice. */
  readonly duplicates: readonly string[];
  /** Broker orders the table does not hold with the same broker id and quantity: an order the desk lost track of. */
  readonly lost: readonly string[];
  /** Recorded orders that never reached the broker, with their status and why (expired, refused…). */
  readonly unsent: readonly { readonly correlationId: string; readonly status: string; readonly reason: string }[];
}

/** A row of the orders table, as the audit reads it. */
export interface RecordedOrder {
  readonly correlation_id: string;
  readonly broker_order_id: string | null;
  readonly quantity: number;
  readonly status: string;
  readonly rejection_reason: string | null;
}

/** An order in the broker's book (the Dhan wire shape's fields the audit needs). */
export interface BrokerOrder {
  readonly orderId: string;
  readonly correlationId?: string;
  readonly quantity: number;
}

/** Compares the simulator's order book with the orders table. */
export async function auditOrders(db: Database, sim: RunningDhanSimulator): Promise<OrderAudit> {
  const rows = await db.sequelize.query<RecordedOrder>(
    `SELECT correlation_id, broker_order_id, quantity, status, rejection_reason FROM orders`,
    { type: QueryTypes.SELECT },
  );
  return compareOrderBooks(sim.control.orders(), rows);
}

/** The audit itself: the broker's book against the recorded orders, by correlation id. */
export function compareOrderBooks(book: readonly BrokerOrder[], rows: readonly RecordedOrder[]): OrderAudit {
  const recorded = new Map(rows.map((r) => [r.correlation_id, r]));
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const lost: string[] = [];
  for (const order of book) {
    const key = String(order.correlationId);
    if (seen.has(key)) duplicates.push(key);
    seen.add(key);
    const row = recorded.get(key);
    if (row?.broker_order_id !== String(order.orderId) || row.quantity !== order.quantity) lost.push(key);
  }
  const unsent = rows
    .filter((r) => !seen.has(r.correlation_id))
    .map((r) => ({ correlationId: r.correlation_id, status: r.status, reason: r.rejection_reason ?? '' }));
  return { atBroker: book.length, recorded: rows.length, duplicates, lost, unsent };
}

/** Cycles per status (`running`, `completed`, `failed`) in the cycles table. */
export async function cyclesByStatus(db: Database): Promise<Record<string, number>> {
  const rows = await db.sequelize.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM cycles GROUP BY status`,
    { type: QueryTypes.SELECT },
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
