import { type Sequelize } from 'sequelize';
import { type Page, type Paged, select, selectOne, selectPage, Where } from './sql';

/** One tick of an account: its own workflow run, the steps it timed, and how it ended. */
export interface CycleRecord {
  id: number;
  accountId: string;
  workflowId: string;
  runId: string | null;
  marketTime: Date;
  startedAt: Date;
  finishedAt: Date | null;
  status: string;
  stepTimings: Record<string, number>;
  decision: string | null;
  ordersPlaced: number;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A strategy signal the cycle computed and showed the decider. */
export interface SignalRecord {
  id: number;
  symbol: string;
  strategy: string;
  timeframe: string;
  kind: string;
  side: 'BUY' | 'SELL';
  strength: number;
  entry: number;
  stop: number;
  target: number | null;
  reason: string;
  marketTime: Date;
}

const COLUMNS = `
  c.id, c.account_id AS "accountId", c.workflow_id AS "workflowId", c.run_id AS "runId",
  c.market_time AS "marketTime", c.started_at AS "startedAt", c.finished_at AS "finishedAt", c.status,
  c.step_timings AS "stepTimings", c.decision, c.orders_placed AS "ordersPlaced", c.error,
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export interface CycleFilter {
  readonly accountId?: string;
  readonly status?: string;
  /** Market time at or after. */
  readonly from?: Date;
  /** Market time before. */
  readonly to?: Date;
}

/** Cycles matching the filter, latest market time first. */
export function listCycles(db: Sequelize, filter: CycleFilter, page: Page): Promise<Paged<CycleRecord>> {
  const where = new Where()
    .add('c.account_id = :accountId', { accountId: filter.accountId })
    .add('c.status = :status', { status: filter.status })
    .add('c.market_time >= :from', { from: filter.from })
    .add('c.market_time < :to', { to: filter.to });
  return selectPage<CycleRecord>(
    db,
    { columns: COLUMNS, from: 'cycles c', where, orderBy: 'c.market_time DESC, c.id DESC' },
    page,
  );
}

export function getCycle(db: Sequelize, id: number): Promise<CycleRecord | null> {
  return selectOne<CycleRecord>(db, `SELECT ${COLUMNS} FROM cycles c WHERE c.id = :id`, { id });
}

/** Signals of one cycle, in the order they were recorded. */
export function signalsOfCycle(db: Sequelize, cycleId: number): Promise<SignalRecord[]> {
  return select<SignalRecord>(
    db,
    `SELECT s.id, s.symbol, s.strategy, s.timeframe, s.kind, s.side, s.strength, s.entry, s.stop, s.target,
            s.reason, s.market_time AS "marketTime"
     FROM signals s WHERE s.cycle_id = :cycleId ORDER BY s.id`,
    { cycleId },
  );
}
