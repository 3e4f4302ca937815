import pg from 'pg';
import { DataTypes, Sequelize } from 'sequelize';
import { type Secret } from '../config/secret';

// NUMERIC and BIGINT arrive as strings (to keep precision). Our money is NUMERIC(18,4) rupees,
// exact in a double far beyond any account's size, and our ids and counts fit 2^53: parse them once here.
(DataTypes as unknown as { postgres: { DECIMAL: { parse: (v: string) => number } } }).postgres.DECIMAL.parse = Number;
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export interface DatabaseOptions {
  /** Connection pool size per process. */
  readonly poolMax?: number;
  /** Statement log (development only): receives SQL without bound values. */
  readonly log?: (sql: string) => void;
}

/**
 * One Sequelize instance per process. The URL is a `Secret` (it embeds the password) and is
 * revealed only here, into the driver.
 */
export function createSequelize(url: Secret | string, options: DatabaseOptions = {}): Sequelize {
  return new Sequelize(typeof url === 'string' ? url : url.reveal(), {
    dialect: 'postgres',
    dialectModule: pg,
    logging: options.log ?? false,
    pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: 20_000 },
    define: { underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
    dialectOptions: { application_name: 'ai-trading-desk', statement_timeout: 30_000 },
  });
}

/** True when a trivial query answers within `timeoutMs`. */
export async function databaseReachable(sequelize: Sequelize, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([sequelize.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
