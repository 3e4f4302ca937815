import { type Sequelize } from 'sequelize';
import { select, selectOne } from './sql';

/** A client's Idempotency-Key as the API first saw it, and the answer it gave (once it had one). */
export interface IdempotencyRecord {
  key: string;
  accountId: string;
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

/**
 * Records the key for this request, unless it is known already. Returns `{ claimed: true }` for a
 * first use, else the stored record (same request or not: the caller compares `requestHash`).
 */
export async function claimIdempotencyKey(
  db: Sequelize,
  claim: { key: string; accountId: string; requestHash: string },
): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
  const inserted = await select<{ key: string }>(
    db,
    `INSERT INTO api_idempotency_keys (key, account_id, request_hash) VALUES (:key, :accountId, :requestHash)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    claim,
  );
  if (inserted.length > 0) return { claimed: true };
  const existing = await selectOne<IdempotencyRecord>(
    db,
    `SELECT key, account_id AS "accountId", request_hash AS "requestHash", status_code AS "statusCode", response
     FROM api_idempotency_keys WHERE key = :key`,
    { key: claim.key },
  );
  // Deleted in between (its account was removed): treat as a first use.
  return existing ? { claimed: false, existing } : { claimed: true };
}

/** Stores the answer given to the key's request, so a repeat gets the same answer. */
export async function completeIdempotencyKey(
  db: Sequelize,
  key: string,
  answer: { statusCode: number; response: unknown },
): Promise<void> {
  await db.query(
    `UPDATE api_idempotency_keys SET status_code = :statusCode, response = CAST(:response AS jsonb),
            completed_at = now() WHERE key = :key`,
    { replacements: { key, statusCode: answer.statusCode, response: JSON.stringify(answer.response) } },
  );
}

/** Forgets a key whose request was refused before anything happened, so the refusal leaves no trace. */
export async function releaseIdempotencyKey(db: Sequelize, key: string): Promise<void> {
  await db.query('DELETE FROM api_idempotency_keys WHERE key = :key AND response IS NULL', { replacements: { key } });
}
