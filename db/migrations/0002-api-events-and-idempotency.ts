import { type Migration } from './types';

/*
 * What the API needs from the database beyond the ledger:
 *
 * - `desk_events`: an append-only log of new cycles, invocations, orders, fills and risk events,
 *   written by triggers in the same transaction as the row, and announced with NOTIFY. Workers write
 *   the rows; every API process LISTENs and pushes them over server-sent events. The log's ids are the
 *   SSE event ids, so a client that reconnects with `Last-Event-ID` misses nothing.
 * - `api_idempotency_keys`: the answer given to each `Idempotency-Key` of `POST /trades/execute`, so
 *   a repeated request gets the same answer and a key reused for another request is refused.
 *
 * Ordering: a reader that has seen event N must never later find an event < N committed. Ids come
 * from a sequence, which does not promise that across concurrent transactions, so the trigger takes a
 * transaction-scoped advisory lock first: event ids are then handed out in commit order. The lock is
 * held only by transactions that write these tables, for the rest of that transaction (short upserts).
 */
const EVENT_LOCK = 7_402_011; // any constant; names the advisory lock of the event log

/** Tables whose new rows are events: [table, SSE event kind]. */
const INSERTS: readonly [string, string][] = [
  ['cycles', 'cycle'],
  ['invocations', 'invocation'],
  ['orders', 'order'],
  ['fills', 'fill'],
  ['risk_events', 'risk_event'],
];

/** Updates that are events too: [table, kind, columns whose change matters]. */
const UPDATES: readonly [string, string, readonly string[]][] = [
  ['cycles', 'cycle', ['status']],
  ['orders', 'order', ['status', 'filled_quantity']],
];

export const apiEventsAndIdempotency: Migration = {
  name: '0002-api-events-and-idempotency',
  async up({ queryInterface: qi }) {
    const sql = (text: string) => qi.sequelize.query(text);
    await sql(`
      CREATE TABLE desk_events (
        id BIGSERIAL PRIMARY KEY,
        kind VARCHAR(16) NOT NULL,
        op VARCHAR(8) NOT NULL,
        row_id BIGINT NOT NULL,
        account_id VARCHAR(12) NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    await sql('CREATE INDEX desk_events_created_idx ON desk_events (created_at)');
    await sql(`
      CREATE FUNCTION desk_record_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_id BIGINT;
      BEGIN
        PERFORM pg_advisory_xact_lock(${EVENT_LOCK});
        INSERT INTO desk_events (kind, op, row_id, account_id)
          VALUES (TG_ARGV[0], lower(TG_OP), NEW.id, NEW.account_id)
          RETURNING id INTO event_id;
        PERFORM pg_notify('desk_events', event_id::text);
        RETURN NULL;
      END $$`);
    for (const [table, kind] of INSERTS) {
      await sql(
        `CREATE TRIGGER ${table}_desk_event_insert AFTER INSERT ON ${table}
         FOR EACH ROW EXECUTE FUNCTION desk_record_event('${kind}')`,
      );
    }
    for (const [table, kind, columns] of UPDATES) {
      // The WHEN clause skips updates that only touch other columns (e.g. updated_at).
      const changed = columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
      await sql(
        `CREATE TRIGGER ${table}_desk_event_update AFTER UPDATE ON ${table}
         FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION desk_record_event('${kind}')`,
      );
    }

    await sql(`
      CREATE TABLE api_idempotency_keys (
        key VARCHAR(64) PRIMARY KEY,
        account_id VARCHAR(12) NOT NULL REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
        request_hash CHAR(64) NOT NULL,
        status_code INTEGER,
        response JSONB,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        completed_at TIMESTAMPTZ
      )`);
  },

  async down({ queryInterface: qi }) {
    const sql = (text: string) => qi.sequelize.query(text);
    await sql('DROP TABLE api_idempotency_keys');
    for (const [table] of UPDATES) await sql(`DROP TRIGGER ${table}_desk_event_update ON ${table}`);
    for (const [table] of INSERTS) await sql(`DROP TRIGGER ${table}_desk_event_insert ON ${table}`);
    await sql('DROP FUNCTION desk_record_event()');
    await sql('DROP TABLE desk_events');
  },
};
