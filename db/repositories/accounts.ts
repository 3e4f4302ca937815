import { type AccountSpec } from '../../contracts/account';
import { type AccountStatus, type Models } from '../models';

export interface AccountRecord {
  readonly spec: AccountSpec;
  readonly allocatedCapital: number;
  readonly mode: 'paper' | 'live';
  readonly status: AccountStatus;
}

/** Accounts as the workflows see them: the spec (validated shape) plus capital, mode and status. */
export function accountRepository(models: Models) {
  return {
    async get(accountId: string): Promise<AccountRecord | null> {
      const row = await models.Account.findByPk(accountId, { raw: true });
      if (!row) return null;
      return {
        spec: {
          id: row.id,
          name: row.name,
          model: row.model,
          capitalSharePct: row.capitalSharePct,
          stocks: row.stocks,
          strategies: row.strategies as AccountSpec['strategies'],
          risk: row.riskLimits as AccountSpec['risk'],
        },
        allocatedCapital: row.allocatedCapital,
        mode: row.mode,
        status: row.status,
      };
    },

    async setState(accountId: string, state: { status?: AccountStatus; riskState?: string }): Promise<void> {
      await models.Account.update(state as never, { where: { id: accountId } });
    },

    async saveSpec(spec: AccountSpec): Promise<void> {
      await models.Account.update(
        {
          name: spec.name ?? spec.id,
          model: spec.model,
          stocks: [...spec.stocks],
          strategies: [...spec.strategies],
          riskLimits: { ...spec.risk },
        },
        { where: { id: spec.id } },
      );
    },
  };
}
