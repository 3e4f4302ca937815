import { type BrokerOrder } from '../broker/broker';
import { ORDER_VALIDITY_MS } from '../contracts/orders';
import { fillCharges } from '../core/costs';
import { type Ledger, protectEntries, startDay, snapshot } from '../core/ledger';
import { type ProductType, type StrategyId } from '../core/types';
import { type BrokerFill } from '../db/repositories';
import { type OrderRow } from '../db/models';
import { type ActivityDeps } from './deps';
import { type AccountRef, type PlacedOrder, type PlaceOrderInput, type PortfolioSummary } from './types';

/** Grace after an order's validity before a never-sent row is closed (a slow last attempt may still be finishing). */
const EXPIRY_GRACE_MS = 60_000;

export function orderActivities(deps: ActivityDeps) {
  const { repos, broker } = deps;

  return {
    /**
     * Places one decided order at most once, whatever is retried or restarted:
     * 1. the intent is recorded under its key (a unique row) before anything is sent;
     * 2. the broker is asked for that key (Dhan's correlation id) first, and an order found there is
     *    recorded instead of placing another;
     * 3. only then, and only before `validUntil`, the order is sent and its broker id recorded.
     * A broker refusal (insufficient funds, bad price…) is recorded and returned, not thrown.
     */
    async placeOrder(input: PlaceOrderInput): Promise<PlacedOrder> {
      const { account, orderKey, proposal } = input;
      const row = await repos.orders.recordIntent({
        correlationId: orderKey,
        accountId: account.accountId,
        cycleId: input.cycleId,
        proposal,
      });
      if (row.brokerOrderId || row.status !== 'NEW')
        return { orderKey, status: row.status, brokerOrderId: row.brokerOrderId ?? undefined, alreadyPlaced: true };

      const found = await broker.getOrderByCorrelationId(orderKey);
      if (found) {
        await record(orderKey, found);
        return { orderKey, status: found.status, brokerOrderId: found.orderId, alreadyPlaced: true };
      }
      if (deps.wallNow() > input.validUntil) {
        const reason = 'not sent: the decision expired before it could be placed';
        await repos.orders.applyBrokerState(orderKey, { status: 'EXPIRED', rejectionReason: reason }, deps.wallNow());
        return { orderKey, status: 'EXPIRED', reason, alreadyPlaced: false };
      }
      try {
        const result = await broker.placeOrder({
          correlationId: orderKey,
          symbol: proposal.symbol,
          side: proposal.side,
          quantity: proposal.quantity,
          orderType: proposal.orderType,
          product: proposal.product,
          price: proposal.price,
          triggerPrice: proposal.triggerPrice,
        });
        await record(orderKey, result.order);
        return {
          orderKey,
          status: result.order.status,
          brokerOrderId: result.order.orderId,
          reason: result.order.rejectionReason,
          alreadyPlaced: result.alreadyExisted,
        };
      } catch (error) {
        // Only a definite refusal (bad input, funds, token…) is an outcome to record; anything else may
        // have reached the broker, so it is retried and the retry's correlation-id lookup settles it.
        if (!isDefiniteRefusal(error)) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        await repos.orders.applyBrokerState(orderKey, { status: 'REJECTED', rejectionReason: reason }, deps.wallNow());
        return { orderKey, status: 'REJECTED', reason, alreadyPlaced: false };
      }
    },

    /**
     * Brings the account's open orders up to date with the broker and books their new fills (with
     * Indian charges) into the account's ledger, exactly once each. Starts the trading day of
     * `marketTime` on the ledger first (fixing the day's start equity for sizing and the loss limit).
     */
    async syncOrders(input: { account: AccountRef; marketTime: number }): Promise<PortfolioSummary> {
      const { account, marketTime } = input;
      const { accountId, capital } = account;
      await repos.ledgers.update(accountId, capital, marketTime, (l) => startDay(l, marketTime));

      const fills: BrokerFill[] = [];
      const entries: OrderRow[] = [];
      for (const row of await repos.orders.toReconcile(accountId)) {
        const order = row.brokerOrderId
          ? await broker.getOrder(row.brokerOrderId)
          : await broker.getOrderByCorrelationId(row.correlationId);
        if (!order) {
          const age = deps.wallNow() - new Date(row.createdAt).getTime();
          if (!row.brokerOrderId && age > ORDER_VALIDITY_MS + EXPIRY_GRACE_MS)
            await repos.orders.applyBrokerState(
              row.correlationId,
              { status: 'EXPIRED', rejectionReason: 'never reached the broker; its decision expired' },
              deps.wallNow(),
            );
          continue;
        }
        await record(row.correlationId, order);
        if (order.filledQuantity === 0) continue;
        let prior = 0;
        const trades = (await broker.trades(order.orderId)).sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
        for (const trade of trades) {
          const product = row.product as ProductType;
          const charges = fillCharges({
            side: trade.side,
            product,
            price: trade.price,
            quantity: trade.quantity,
            priorTurnover: prior,
          });
          prior += trade.price * trade.quantity;
          fills.push({
            orderId: row.id,
            tradeId: trade.tradeId,
            accountId,
            fill: {
              orderKey: row.correlationId,
              symbol: row.symbol,
              side: trade.side,
              quantity: trade.quantity,
              price: trade.price,
              time: trade.time ?? marketTime,
              product,
              charges,
            },
          });
        }
        if (row.stopLoss !== null || row.takeProfit !== null) entries.push(row);
      }

      let { ledger } = await repos.ledgers.bookFills(accountId, capital, marketTime, fills);
      if (entries.length > 0)
        ledger = await repos.ledgers.update(accountId, capital, marketTime, (l) => protect(l, entries));
      return summary(ledger, marketTime);
    },
  };

  async function record(orderKey: string, order: BrokerOrder): Promise<void> {
    if (order.status === 'UNKNOWN') {
      // Keep the last known status; the raw word is logged for the operator.
      deps.log.warn({ orderKey, rawStatus: order.rawStatus }, 'broker reported an unknown order status');
      return;
    }
    await repos.orders.applyBrokerState(
      orderKey,
      {
        brokerOrderId: order.orderId,
        status: order.status,
        filledQuantity: order.filledQuantity,
        averagePrice: order.averagePrice,
        rejectionReason: order.rejectionReason,
      },
      deps.wallNow(),
    );
  }
}

/** Records the stop, target and strategy of positions opened by entry orders that filled. */
function protect(ledger: Ledger, entries: readonly OrderRow[]): Ledger {
  return protectEntries(
    ledger,
    entries.map((o) => ({
      orderKey: o.correlationId,
      symbol: o.symbol,
      stopLoss: o.stopLoss ?? undefined,
      takeProfit: o.takeProfit ?? undefined,
      strategy: (o.strategy ?? undefined) as StrategyId | undefined,
    })),
  );
}

/** The portfolio in a few numbers, for the workflow's status and the Web UI. */
export function summary(ledger: Ledger, marketTime: number, prices: Record<string, number> = {}): PortfolioSummary {
  const s = snapshot(ledger, prices, marketTime);
  return {
    cash: s.cash,
    equity: s.equity,
    dayPnl: s.dayPnl,
    positions: s.positions.map((p) => ({ symbol: p.symbol, quantity: p.quantity, avgPrice: p.avgPrice })),
  };
}

function isDefiniteRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false;
}
