import { type Metric } from 'prom-client';
import { type Sequelize } from 'sequelize';
import {
  cycleDurations,
  cyclesByOutcome,
  latestEquities,
  type LabelledHistogram,
  type LabelledValue,
  llmLatencies,
  llmUsage,
  ordersByStatus,
  riskRejections,
} from '../../db/queries';

/*
 * Metrics of the trading itself, derived from Postgres at scrape time: the worker processes write
 * the rows, so the API reports the same totals however many workers ran and restarted.
 */

const CYCLE_SECONDS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300];
const LLM_SECONDS = [0.25, 0.5, 1, 2, 5, 10, 20, 40, 60, 120];

type Value = { value: number; labels: Record<string, string>; metricName?: string };

interface Snapshot {
  cycles: LabelledValue[];
  cycleDurations: LabelledHistogram[];
  llmLatencies: LabelledHistogram[];
  llmUsage: Awaited<ReturnType<typeof llmUsage>>;
  orders: LabelledValue[];
  rejections: LabelledValue[];
  equities: Awaited<ReturnType<typeof latestEquities>>;
}

const EMPTY: Snapshot = {
  cycles: [],
  cycleDurations: [],
  llmLatencies: [],
  llmUsage: [],
  orders: [],
  rejections: [],
  equities: [],
};

/** Prometheus histogram lines from cumulative bucket counts. */
function histogramValues(name: string, histograms: readonly LabelledHistogram[]): Value[] {
  return histograms.flatMap((h) => [
    ...h.buckets.map((le, i) => ({
      metricName: `${name}_bucket`,
      labels: { ...h.labels, le: String(le) },
      value: h.cumulative[i] ?? 0,
    })),
    { metricName: `${name}_bucket`, labels: { ...h.labels, le: '+Inf' }, value: h.count },
    { metricName: `${name}_sum`, labels: h.labels, value: h.sum },
    { metricName: `${name}_count`, labels: h.labels, value: h.count },
  ]);
}

/**
 * A metric whose values come from the last snapshot. prom-client's registry reads a metric through
 * `name`, `help`, `type`, `get()` and `reset()`; its typed classes cannot be set to a histogram read
 * from the database, so this object provides those members itself.
 */
function snapshotMetric(
  name: string,
  help: string,
  type: 'counter' | 'gauge' | 'histogram',
  values: (s: Snapshot) => Value[],
  current: () => Snapshot,
): Metric {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: values(current()) }),
    reset: () => undefined,
  };
  return metric as unknown as Metric;
}

/** The trading metrics, refreshed from Postgres before each scrape. */
export class DbMetrics {
  private snapshot: Snapshot = EMPTY;

  constructor(private readonly db: Sequelize) {}

  /** Reads every aggregate (one query per table, in parallel). */
  async refresh(): Promise<void> {
    const db = this.db;
    const [cycles, durations, latencies, usage, orders, rejections, equities] = await Promise.all([
      cyclesByOutcome(db),
      cycleDurations(db, CYCLE_SECONDS),
      llmLatencies(db, LLM_SECONDS),
      llmUsage(db),
      ordersByStatus(db),
      riskRejections(db),
      latestEquities(db),
    ]);
    this.snapshot = {
      cycles,
      cycleDurations: durations,
      llmLatencies: latencies,
      llmUsage: usage,
      orders,
      rejections,
      equities,
    };
  }

  /** The metric objects, to register once. */
  metrics(): Metric[] {
    const now = () => this.snapshot;
    const plain = (rows: readonly LabelledValue[]) => rows.map((r) => ({ labels: r.labels, value: r.value }));
    return [
      snapshotMetric('desk_cycles_total', 'Cycles by account and outcome.', 'counter', (s) => plain(s.cycles), now),
      snapshotMetric(
        'desk_cycle_duration_seconds',
        'Wall time of finished cycles.',
        'histogram',
        (s) => histogramValues('desk_cycle_duration_seconds', s.cycleDurations),
        now,
      ),
      snapshotMetric(
        'desk_llm_latency_seconds',
        'LLM call latency by account and model.',
        'histogram',
        (s) => histogramValues('desk_llm_latency_seconds', s.llmLatencies),
        now,
      ),
      snapshotMetric(
        'desk_llm_tokens_total',
        'LLM tokens by account, model and direction (input/output).',
        'counter',
        (s) =>
          s.llmUsage.flatMap((u) => [
            { labels: { ...u.labels, direction: 'input' }, value: u.inputTokens },
            { labels: { ...u.labels, direction: 'output' }, value: u.outputTokens },
          ]),
        now,
      ),
      snapshotMetric(
        'desk_llm_cost_usd_total',
        'LLM cost in US dollars by account and model.',
        'counter',
        (s) => s.llmUsage.map((u) => ({ labels: u.labels, value: u.costUsd })),
        now,
      ),
      snapshotMetric(
        'desk_llm_cost_inr_total',
        'LLM cost in rupees by account and model.',
        'counter',
        (s) => s.llmUsage.map((u) => ({ labels: u.labels, value: u.costInr })),
        now,
      ),
      snapshotMetric('desk_orders', 'Orders by account and current status.', 'gauge', (s) => plain(s.orders), now),
      snapshotMetric(
        'desk_risk_rejections_total',
        'Orders the risk gate rejected, by account and rule.',
        'counter',
        (s) => plain(s.rejections),
        now,
      ),
      snapshotMetric(
        'desk_equity_rupees',
        'Latest equity of each account.',
        'gauge',
        (s) => s.equities.map((e) => ({ labels: { account: e.accountId }, value: e.equity })),
        now,
      ),
      snapshotMetric(
        'desk_drawdown_ratio',
        'Latest drawdown of each account below its peak equity (0..1).',
        'gauge',
        (s) => s.equities.map((e) => ({ labels: { account: e.accountId }, value: e.drawdown })),
        now,
      ),
    ];
  }
}
