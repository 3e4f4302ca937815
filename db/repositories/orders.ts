import { literal, Op } from 'sequelize';
import { type OrderProposal } from '../../core/types';
import { type Models, type OrderRow, type OrderStatus } from '../models';

/** Statuses after which an order never changes. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['TRADED', 'REJECTED', 'CANCELLED', 'EXPIRED'];
const OPEN_STATUSES: readonly OrderStatus[] = ['NEW', 'TRANSIT', 'PENDING', 'PART_TRADED'];

export interface OrderIntentRecord {
  readonly correlationId: string;
  readonly accountId: string;
  readonly cycleId: number | null;
  readonly proposal: OrderProposal;
}

export interface BrokerState {
  readonly brokerOrderId?: string;
  readonly status: OrderStatus;
  readonly filledQuantity?: number;
  readonly averagePrice?: number;
  readonly rejectionReason?: string;
}

/** The orders table, keyed by correlation id (the decision's idempotency key). */
export function orderRepository(models: Models) {
  const find = (correlationId: string) => models.Order.findOne({ where: { correlationId }, raw: true });
  return {
    find,

    /**
     * Records the intent before anything is sent (status NEW). A second call with the same
     * correlation id returns the first row unchanged: the decision is recorded exactly once.
     */
    async recordIntent(o: OrderIntentRecord): Promise<OrderRow> {
      const p = o.proposal;
      await models.Order.bulkCreate(
        [
          {
            correlationId: o.correlationId,
            accountId: o.accountId,
            cycleId: o.cycleId,
            symbol: p.symbol,
            side: p.side,
            quantity: p.quantity,
            orderType: p.orderType,
            product: p.product,
            price: p.price ?? null,
            triggerPrice: p.triggerPrice ?? null,
            stopLoss: p.stopLoss ?? null,
            takeProfit: p.takeProfit ?? null,
            source: p.source,
            strategy: p.strategy ?? null,
            reason: p.reason.slice(0, 2000),
          },
        ],
        { ignoreDuplicates: true },
      );
      const row = await find(o.correlationId);
      if (!row) throw new Error(`order ${o.correlationId} vanished after insert`);
      return row;
    },

    /** Applies what the broker reports; a final status is never overwritten by a stale one. */
    async applyBrokerState(correlationId: string, state: BrokerState, now: number): Promise<void> {
      const row = await find(correlationId);
      if (!row || FINAL_ORDER_STATUSES.includes(row.status)) return;
      const final = FINAL_ORDER_STATUSES.includes(state.status);
      await models.Order.update(
        {
          brokerOrderId: state.brokerOrderId ?? row.brokerOrderId,
          status: state.status,
          filledQuantity: state.filledQuantity ?? row.filledQuantity,
          averagePrice: state.averagePrice ?? row.averagePrice,
          rejectionReason: state.rejectionReason ?? row.rejectionReason,
          placedAt: row.placedAt ?? (state.brokerOrderId ? new Date(now) : null),
          completedAt: final ? new Date(now) : null,
        },
        { where: { correlationId } },
      );
    },

    /**
     * Orders to reconcile: those that may still change, and those with executions not yet booked as
     * fills (a market order can be TRADED already in the placement's answer).
     */
    toReconcile(accountId: string): Promise<OrderRow[]> {
      return models.Order.findAll({
        where: {
          accountId,
          [Op.or]: [
            { status: { [Op.in]: [...OPEN_STATUSES] } },
            literal(
              'filled_quantity > (SELECT COALESCE(SUM(f.quantity), 0) FROM fills f WHERE f.order_id = "Order"."id")',
            ),
          ],
        },
        order: [['id', 'ASC']],
        raw: true,
      });
    },

    /** Orders of the account that may still change (sent or possibly sent). */
    open(accountId: string): Promise<OrderRow[]> {
      return models.Order.findAll({
        where: { accountId, status: { [Op.in]: [...OPEN_STATUSES] } },
        order: [['id', 'ASC']],
        raw: true,
      });
    },

    /** The account's latest orders, newest first. */
    recent(accountId: string, limit: number): Promise<OrderRow[]> {
      return models.Order.findAll({ where: { accountId }, order: [['id', 'DESC']], limit, raw: true });
    },

    /** When the desk sent orders since `since` (all accounts: the exchange counts per client). */
    async sentSince(since: number): Promise<number[]> {
      const rows = await models.Order.findAll({
        attributes: ['placedAt'],
        where: { placedAt: { [Op.gte]: new Date(since) } },
        raw: true,
      });
      return rows.map((r) => new Date(r.placedAt as Date).getTime());
    },
  };
}
