import { type Sequelize } from 'sequelize';
import { select, selectOne } from './sql';

/** An account as stored: its configuration and the state the workers keep up to date. */
export interface AccountRecord {
  id: string;
  name: string;
  model: string;
  capitalSharePct: number;
  allocatedCapital: number;
  stocks: string[];
  strategies: string[];
  mode: 'paper' | 'live';
  status: 'created' | 'running' | 'paused' | 'stopped' | 'killed';
  riskState: 'ACTIVE' | 'REDUCING' | 'HALTED';
  riskLimits: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `
  id, name, model, capital_share_pct AS "capitalSharePct", allocated_capital AS "allocatedCapital",
  stocks, strategies, mode, status, risk_state AS "riskState", risk_limits AS "riskLimits",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export function listAccounts(db: Sequelize): Promise<AccountRecord[]> {
  return select<AccountRecord>(db, `SELECT ${COLUMNS} FROM accounts ORDER BY id`);
}

export function getAccount(db: Sequelize, id: string): Promise<AccountRecord | null> {
  return selectOne<AccountRecord>(db, `SELECT ${COLUMNS} FROM accounts WHERE id = :id`, { id });
}

/** What the API writes when it creates or reconfigures an account. */
export interface AccountConfigRecord {
  id: string;
  name: string;
  model: string;
  capitalSharePct: number;
  allocatedCapital: number;
  stocks: readonly string[];
  strategies: readonly string[];
  mode: 'paper' | 'live';
  riskLimits: Record<string, unknown>;
}

/**
 * Inserts a new account (status `created`). Returns null, writing nothing, when the id is taken or
 * the capital shares of all accounts would exceed `maxTotalSharePct`: both checks and the insert are
 * one statement, so two concurrent creations cannot both pass.
 */
export async function insertAccount(
  db: Sequelize,
  account: AccountConfigRecord,
  maxTotalSharePct = 100,
): Promise<AccountRecord | null> {
  const rows = await select<AccountRecord>(
    db,
    `INSERT INTO accounts (id, name, model, capital_share_pct, allocated_capital, stocks, strategies, mode,
                           risk_limits, created_at, updated_at)
     SELECT :id, :name, :model, :capitalSharePct, :allocatedCapital, ARRAY[:stocks]::varchar[],
            ARRAY[:strategies]::varchar[], :mode, CAST(:riskLimits AS jsonb), now(), now()
     WHERE (SELECT COALESCE(sum(capital_share_pct), 0) FROM accounts) + :capitalSharePct <= :maxTotalSharePct + 1e-9
     ON CONFLICT (id) DO NOTHING
     RETURNING ${COLUMNS}`,
    { ...account, riskLimits: JSON.stringify(account.riskLimits), maxTotalSharePct },
  );
  return rows[0] ?? null;
}

/** Sum of every account's capital share, in percent. */
export async function totalCapitalSharePct(db: Sequelize): Promise<number> {
  const row = await selectOne<{ total: number }>(
    db,
    'SELECT COALESCE(sum(capital_share_pct), 0)::float AS total FROM accounts',
  );
  return row?.total ?? 0;
}

/** Writes an account's configurable fields (model, stocks, strategies, risk limits). */
export async function updateAccountConfig(
  db: Sequelize,
  id: string,
  config: Pick<AccountConfigRecord, 'model' | 'stocks' | 'strategies' | 'riskLimits'>,
): Promise<AccountRecord | null> {
  const rows = await select<AccountRecord>(
    db,
    `UPDATE accounts SET model = :model, stocks = ARRAY[:stocks]::varchar[], strategies = ARRAY[:strategies]::varchar[],
            risk_limits = CAST(:riskLimits AS jsonb), updated_at = now()
     WHERE id = :id RETURNING ${COLUMNS}`,
    { id, ...config, riskLimits: JSON.stringify(config.riskLimits) },
  );
  return rows[0] ?? null;
}

/** Removes an account that never ran (undoes a creation whose workflow could not be started). */
export async function deleteNewAccount(db: Sequelize, id: string): Promise<void> {
  await db.query(`DELETE FROM accounts WHERE id = :id AND status = 'created'`, { replacements: { id } });
}
