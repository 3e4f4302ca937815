import { type Models } from '../models';

export interface CycleStart {
  readonly accountId: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly marketTime: number;
  readonly startedAt: number;
}

export interface CycleFinish {
  readonly workflowId: string;
  readonly status: 'completed' | 'failed' | 'skipped';
  readonly finishedAt: number;
  readonly stepTimings: Record<string, number>;
  readonly decision?: string;
  readonly ordersPlaced: number;
  readonly error?: string;
}

/** The cycles table: one row per cycle workflow, keyed by its workflow id. */
export function cycleRepository(models: Models) {
  return {
    /** Creates the row, or returns the existing one (a retried activity or a replayed cycle). */
    async start(c: CycleStart): Promise<number> {
      const [row] = await models.Cycle.findOrCreate({
        where: { workflowId: c.workflowId },
        defaults: {
          accountId: c.accountId,
          workflowId: c.workflowId,
          runId: c.runId,
          marketTime: new Date(c.marketTime),
          startedAt: new Date(c.startedAt),
        },
      });
      return row.id;
    },

    /** The account's latest finished cycles, newest first, with what they decided. */
    async recent(accountId: string, limit: number) {
      return models.Cycle.findAll({
        where: { accountId, status: 'completed' },
        order: [['marketTime', 'DESC']],
        limit,
        raw: true,
      });
    },

    /** Market time (epoch ms) of each cycle id. */
    async marketTimes(ids: readonly number[]): Promise<Map<number, number>> {
      if (ids.length === 0) return new Map();
      const rows = await models.Cycle.findAll({ attributes: ['id', 'marketTime'], where: { id: [...ids] }, raw: true });
      return new Map(rows.map((r) => [r.id, new Date(r.marketTime).getTime()]));
    },

    async finish(f: CycleFinish): Promise<void> {
      await models.Cycle.update(
        {
          status: f.status,
          finishedAt: new Date(f.finishedAt),
          stepTimings: f.stepTimings,
          decision: f.decision ?? null,
          ordersPlaced: f.ordersPlaced,
          error: f.error ?? null,
        },
        { where: { workflowId: f.workflowId } },
      );
    },
  };
}
