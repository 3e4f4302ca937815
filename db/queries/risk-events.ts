import { type Sequelize } from 'sequelize';
import { type Page, type Paged, select, selectOne, selectPage, Where } from './sql';

/** A verdict of the risk gate: which rule, what it decided, and why. */
export interface RiskEventRecord {
  id: number;
  eventKey: string;
  accountId: string;
  cycleId: number | null;
  correlationId: string | null;
  rule: string;
  verdict: string;
  detail: string;
  proposal: unknown;
  marketTime: Date;
  createdAt: Date;
}

const COLUMNS = `
  r.id, r.event_key AS "eventKey", r.account_id AS "accountId", r.cycle_id AS "cycleId",
  r.correlation_id AS "correlationId", r.rule, r.verdict, r.detail, r.proposal, r.market_time AS "marketTime",
  r.created_at AS "createdAt"`;

export interface RiskEventFilter {
  readonly accountId?: string;
  readonly rule?: string;
  readonly verdict?: string;
  readonly cycleId?: number;
  readonly correlationId?: string;
  readonly from?: Date;
  readonly to?: Date;
}

function whereOf(filter: RiskEventFilter): Where {
  return new Where()
    .add('r.account_id = :accountId', { accountId: filter.accountId })
    .add('r.rule = :rule', { rule: filter.rule })
    .add('r.verdict = :verdict', { verdict: filter.verdict })
    .add('r.cycle_id = :cycleId', { cycleId: filter.cycleId })
    .add('r.correlation_id = :correlationId', { correlationId: filter.correlationId })
    .add('r.created_at >= :from', { from: filter.from })
    .add('r.created_at < :to', { to: filter.to });
}

/** Risk events matching the filter, newest first. */
export function listRiskEvents(db: Sequelize, filter: RiskEventFilter, page: Page): Promise<Paged<RiskEventRecord>> {
  return selectPage<RiskEventRecord>(
    db,
    { columns: COLUMNS, from: 'risk_events r', where: whereOf(filter), orderBy: 'r.created_at DESC, r.id DESC' },
    page,
  );
}

/** Every risk event matching the filter, oldest first (for one cycle or one order: a handful). */
export function riskEventsWhere(db: Sequelize, filter: RiskEventFilter): Promise<RiskEventRecord[]> {
  const where = whereOf(filter);
  return select<RiskEventRecord>(db, `SELECT ${COLUMNS} FROM risk_events r ${where.sql()} ORDER BY r.id`, where.params);
}

export function getRiskEvent(db: Sequelize, id: number): Promise<RiskEventRecord | null> {
  return selectOne<RiskEventRecord>(db, `SELECT ${COLUMNS} FROM risk_events r WHERE r.id = :id`, { id });
}
