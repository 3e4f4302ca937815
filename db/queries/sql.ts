import { QueryTypes, type Sequelize } from 'sequelize';

/** Values bound into a query by name (`:name`); Sequelize escapes them, arrays become lists. */
export type Params = Record<string, unknown>;

/** Runs a SELECT and returns its rows as plain objects. */
export function select<T extends object>(db: Sequelize, sql: string, params: Params = {}): Promise<T[]> {
  return db.query<T>(sql, { replacements: params, type: QueryTypes.SELECT });
}

/** Runs a SELECT expected to return at most one row. */
export async function selectOne<T extends object>(db: Sequelize, sql: string, params: Params = {}): Promise<T | null> {
  const rows = await select<T>(db, sql, params);
  return rows[0] ?? null;
}

/**
 * A WHERE clause built from optional filters: each `add` keeps its condition only when the value is
 * given, so list queries read as the list of filters they accept.
 *
 * @example
 * const where = new Where().add('o.account_id = :account', { account: filter.account });
 * select(db, `SELECT … FROM orders o ${where.sql()}`, where.params);
 */
export class Where {
  private readonly conditions: string[] = [];
  readonly params: Params = {};

  add(condition: string, values: Params): this {
    if (Object.values(values).some((v) => v === undefined)) return this;
    this.conditions.push(condition);
    Object.assign(this.params, values);
    return this;
  }

  sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** Page of a list: which rows, and how many match in all. */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export interface Paged<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Runs `SELECT <columns> FROM <from> <where> ORDER BY <order>` for one page, with the total count
 * of matching rows (one extra COUNT query, cheap at the desk's sizes).
 */
export async function selectPage<T extends object>(
  db: Sequelize,
  query: { columns: string; from: string; where: Where; orderBy: string },
  page: Page,
): Promise<Paged<T>> {
  const { columns, from, where, orderBy } = query;
  const [items, count] = await Promise.all([
    select<T>(db, `SELECT ${columns} FROM ${from} ${where.sql()} ORDER BY ${orderBy} LIMIT :limit OFFSET :offset`, {
      ...where.params,
      limit: page.limit,
      offset: page.offset,
    }),
    selectOne<{ total: number }>(db, `SELECT count(*)::int AS total FROM ${from} ${where.sql()}`, where.params),
  ]);
  return { items, total: count?.total ?? 0, limit: page.limit, offset: page.offset };
}
