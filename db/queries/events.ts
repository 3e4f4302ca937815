import { type Sequelize } from 'sequelize';
import { select, selectOne } from './sql';

/** What happened: a new or changed row of one of the tables the dashboard follows. */
export type DeskEventKind = 'cycle' | 'invocation' | 'order' | 'fill' | 'risk_event';

export interface DeskEventRecord {
  id: number;
  kind: DeskEventKind;
  op: 'insert' | 'update';
  rowId: number;
  accountId: string;
  createdAt: Date;
}

/** The channel the event log triggers NOTIFY on, with the new event id as payload. */
export const DESK_EVENTS_CHANNEL = 'desk_events';

/** Events after `afterId`, oldest first, at most `limit`. */
export function eventsAfter(db: Sequelize, afterId: number, limit: number): Promise<DeskEventRecord[]> {
  return select<DeskEventRecord>(
    db,
    `SELECT id, kind, op, row_id AS "rowId", account_id AS "accountId", created_at AS "createdAt"
     FROM desk_events WHERE id > :afterId ORDER BY id LIMIT :limit`,
    { afterId, limit },
  );
}

/** Id of the newest event (0 when there is none). */
export async function lastEventId(db: Sequelize): Promise<number> {
  const row = await selectOne<{ id: number | null }>(db, 'SELECT max(id) AS id FROM desk_events');
  return row?.id ?? 0;
}

/** Deletes events older than `before`; returns how many. */
export async function pruneEvents(db: Sequelize, before: Date): Promise<number> {
  const rows = await select<{ id: number }>(db, 'DELETE FROM desk_events WHERE created_at < :before RETURNING id', {
    before,
  });
  return rows.length;
}
