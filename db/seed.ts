import { type AccountSpec } from '../contracts/account';
import { INSTRUMENTS } from '../core/instruments';
import { type Models } from './models';

export interface SeedInput {
  readonly accounts: readonly AccountSpec[];
  readonly totalCapital: number;
  readonly mode: 'paper' | 'live';
}

/**
 * Upserts the stock universe and the configured accounts. Safe to run on every start:
 * configured fields follow the configuration (it is the source of truth for those accounts);
 * an account's status and risk state are left as the running system set them.
 */
export async function seed(models: Models, input: SeedInput): Promise<{ stocks: number; accounts: number }> {
  await models.Stock.bulkCreate(
    INSTRUMENTS.map((i) => ({
      symbol: i.symbol,
      securityId: i.securityId,
      exchangeSegment: i.exchangeSegment,
      name: i.name,
      tickSize: i.tickSize,
      lotSize: i.lotSize,
    })),
    { updateOnDuplicate: ['securityId', 'exchangeSegment', 'name', 'tickSize', 'lotSize', 'updatedAt'] },
  );
  await models.Account.bulkCreate(
    input.accounts.map((a) => ({
      id: a.id,
      name: a.name ?? a.id,
      model: a.model,
      capitalSharePct: a.capitalSharePct,
      allocatedCapital: Math.round(input.totalCapital * a.capitalSharePct) / 100,
      stocks: [...a.stocks],
      strategies: [...a.strategies],
      mode: input.mode,
      riskLimits: { ...a.risk },
    })),
    {
      updateOnDuplicate: [
        'name',
        'model',
        'capitalSharePct',
        'allocatedCapital',
        'stocks',
        'strategies',
        'mode',
        'riskLimits',
        'updatedAt',
      ],
    },
  );
  return { stocks: INSTRUMENTS.length, accounts: input.accounts.length };
}
