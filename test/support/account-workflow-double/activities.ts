import { type Sequelize } from 'sequelize';
import { accountSpecSchema, type AccountSpec } from '../../../contracts/account';
import { type ManualTradeRequest } from '../../../contracts/workflows';
import { getAccount } from '../../../db/queries';
import { DOUBLE_FILL_PRICE, type DoubleActivities } from './workflows';

/**
 * The double's activities over a test database: read the account's spec, and record a manual trade as
 * an order filled in one fill at ₹100 (what a worker's bookkeeping would write), so the API's read
 * routes and event stream see it.
 */
export function createDoubleActivities(db: Sequelize): DoubleActivities {
  return {
    async loadAccountSpec(accountId: string): Promise<AccountSpec> {
      const account = await getAccount(db, accountId);
      if (!account) throw new Error(`no account ${accountId}`);
      return accountSpecSchema.parse({
        id: account.id,
        name: account.name,
        model: account.model,
        capitalSharePct: account.capitalSharePct,
        stocks: account.stocks,
        strategies: account.strategies,
        risk: account.riskLimits,
      });
    },
    async recordManualOrder(accountId: string, orderKey: string, request: ManualTradeRequest): Promise<void> {
      await db.query(
        `WITH o AS (
           INSERT INTO orders (correlation_id, account_id, symbol, side, quantity, order_type, product, status,
                               filled_quantity, average_price, source, reason, placed_at, completed_at,
                               created_at, updated_at)
           VALUES (:orderKey, :accountId, :symbol, :side, :quantity, :orderType, :product, 'TRADED', :quantity,
                   :price, 'manual', :reason, now(), now(), now(), now())
           ON CONFLICT (correlation_id) DO NOTHING RETURNING id)
         INSERT INTO fills (order_id, trade_id, account_id, symbol, side, quantity, price, filled_at)
         SELECT id, :orderKey, :accountId, :symbol, :side, :quantity, :price, now() FROM o`,
        {
          replacements: {
            orderKey,
            accountId,
            symbol: request.symbol,
            side: request.side,
            quantity: request.quantity,
            orderType: request.orderType ?? 'MARKET',
            product: request.product ?? 'INTRADAY',
            price: DOUBLE_FILL_PRICE,
            reason: request.reason,
          },
        },
      );
    },
  };
}
