import { type LedgerSnapshot } from '../../core/ledger';
import { type Models } from '../models';

/** Equity curve points: one per account per cycle market time. */
export function snapshotRepository(models: Models) {
  return {
    async save(accountId: string, cycleId: number | null, marketTime: number, s: LedgerSnapshot): Promise<void> {
      await models.PortfolioSnapshot.bulkCreate(
        [
          {
            accountId,
            cycleId,
            marketTime: new Date(marketTime),
            cash: s.cash,
            equity: s.equity,
            realisedPnl: s.realisedPnl,
            unrealisedPnl: s.unrealisedPnl,
            charges: s.charges,
            peakEquity: s.peakEquity,
            drawdown: Math.abs(s.drawdown),
            positions: s.positions.map((p) => ({ ...p })),
          },
        ],
        {
          // One point per account and market time: a manual trade at a tick's time replaces the tick's.
          conflictAttributes: ['accountId', 'marketTime'],
          updateOnDuplicate: [
            'cycleId',
            'cash',
            'equity',
            'realisedPnl',
            'unrealisedPnl',
            'charges',
            'peakEquity',
            'drawdown',
            'positions',
          ],
        },
      );
    },
  };
}
