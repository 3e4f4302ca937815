import { type Sequelize } from 'sequelize';
import { select } from './sql';

/*
 * Aggregates for the Prometheus scrape. The workers write the rows; the API derives the metrics from
 * Postgres at scrape time, so every API process reports the same numbers and nothing is lost when a
 * worker restarts. Each query is one pass over its table.
 */

/** One labelled count or sum. */
export interface LabelledValue {
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** One labelled histogram: cumulative counts of values ≤ each bucket bound, their count and sum. */
export interface LabelledHistogram {
  readonly labels: Record<string, string>;
  readonly buckets: readonly number[];
  readonly cumulative: readonly number[];
  readonly count: number;
  readonly sum: number;
}

type Row = Record<string, string | number | null>;

function labelsOf(row: Row, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, row[n] === null ? 'none' : String(row[n])]));
}

/** Counts rows of `from` grouped by the label columns (each `column AS label`). */
async function countBy(
  db: Sequelize,
  from: string,
  labels: Record<string, string>,
  where = 'TRUE',
): Promise<LabelledValue[]> {
  const names = Object.keys(labels);
  const columns = names.map((n) => `${labels[n]} AS "${n}"`).join(', ');
  const rows = await select<Row>(
    db,
    `SELECT ${columns}, count(*)::int AS value FROM ${from} WHERE ${where} GROUP BY ${names.map((_, i) => i + 1).join(', ')}`,
  );
  return rows.map((r) => ({ labels: labelsOf(r, names), value: Number(r.value) }));
}

/** Histogram of `value` (an SQL expression) over `from`, grouped by the label columns. */
async function histogramBy(
  db: Sequelize,
  query: { from: string; value: string; labels: Record<string, string>; where?: string },
  buckets: readonly number[],
): Promise<LabelledHistogram[]> {
  const names = Object.keys(query.labels);
  const columns = names.map((n) => `${query.labels[n]} AS "${n}"`).join(', ');
  // Bucket bounds are our own constants (numbers), never user input.
  const bucketColumns = buckets.map((b, i) => `count(*) FILTER (WHERE v <= ${Number(b)})::int AS b${i}`).join(', ');
  const rows = await select<Row>(
    db,
    `SELECT ${names.map((n) => `"${n}"`).join(', ')}, count(*)::int AS count, COALESCE(sum(v), 0)::float AS sum,
            ${bucketColumns}
     FROM (SELECT ${columns}, (${query.value})::float AS v FROM ${query.from} WHERE ${query.where ?? 'TRUE'}) x
     GROUP BY ${names.map((_, i) => i + 1).join(', ')}`,
  );
  return rows.map((r) => ({
    labels: labelsOf(r, names),
    buckets,
    cumulative: buckets.map((_, i) => Number(r[`b${i}`])),
    count: Number(r.count),
    sum: Number(r.sum),
  }));
}

/** Cycles by account and how they ended (running, completed, failed, skipped). */
export function cyclesByOutcome(db: Sequelize): Promise<LabelledValue[]> {
  return countBy(db, 'cycles', { account: 'account_id', outcome: 'status' });
}

/** Wall seconds from start to finish of finished cycles, by account. */
export function cycleDurations(db: Sequelize, buckets: readonly number[]): Promise<LabelledHistogram[]> {
  return histogramBy(
    db,
    {
      from: 'cycles',
      value: 'extract(epoch FROM finished_at - started_at)',
      labels: { account: 'account_id' },
      where: 'finished_at IS NOT NULL',
    },
    buckets,
  );
}

/** LLM call latency in seconds, by account and model (rules decisions have no model and are left out). */
export function llmLatencies(db: Sequelize, buckets: readonly number[]): Promise<LabelledHistogram[]> {
  return histogramBy(
    db,
    {
      from: 'invocations',
      value: 'latency_ms / 1000.0',
      labels: { account: 'account_id', model: 'model' },
      where: "decider = 'llm'",
    },
    buckets,
  );
}

/** Token and cost totals of every decision, by account and model. */
export async function llmUsage(db: Sequelize): Promise<
  {
    labels: Record<string, string>;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    costInr: number;
  }[]
> {
  const rows = await select<Row>(
    db,
    `SELECT account_id AS account, model, sum(input_tokens)::float AS "inputTokens",
            sum(output_tokens)::float AS "outputTokens", sum(cost_usd)::float AS "costUsd",
            sum(cost_inr)::float AS "costInr"
     FROM invocations GROUP BY 1, 2`,
  );
  return rows.map((r) => ({
    labels: labelsOf(r, ['account', 'model']),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    costUsd: Number(r.costUsd),
    costInr: Number(r.costInr),
  }));
}

/** Orders by account and current status. */
export function ordersByStatus(db: Sequelize): Promise<LabelledValue[]> {
  return countBy(db, 'orders', { account: 'account_id', status: 'status' });
}

/** Risk-gate rejections by account and rule. */
export function riskRejections(db: Sequelize): Promise<LabelledValue[]> {
  return countBy(db, 'risk_events', { account: 'account_id', rule: 'rule' }, "verdict = 'reject'");
}
