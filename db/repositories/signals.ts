import { type Signal } from '../../core/types';
import { type Models } from '../models';

/** Strategy signals of each cycle; a retried write adds nothing (natural key per cycle). */
export function signalRepository(models: Models) {
  return {
    async save(accountId: string, cycleId: number, signals: readonly Signal[]): Promise<void> {
      if (signals.length === 0) return;
      await models.Signal.bulkCreate(
        signals.map((s) => ({
          accountId,
          cycleId,
          symbol: s.symbol,
          strategy: s.strategy,
          timeframe: s.timeframe,
          kind: s.kind,
          side: s.side,
          strength: s.strength,
          entry: s.entry,
          stop: s.stop,
          target: s.target ?? null,
          reason: s.reason,
          marketTime: new Date(s.time),
        })),
        { ignoreDuplicates: true },
      );
    },
  };
}
