import { QueryTypes, type Transaction } from 'sequelize';
import { applyFill, openLedger, type Ledger } from '../../core/ledger';
import { type Fill } from '../../core/types';
import { type Database } from '../index';

/** A broker execution to book: the fill in core terms, plus the keys that make booking idempotent. */
export interface BrokerFill {
  readonly orderId: number;
  readonly tradeId: string;
  readonly accountId: string;
  readonly fill: Fill;
}

/**
 * Each account's ledger (core/ledger) lives in `account_ledgers` and moves only by fills inserted
 * in the same transaction, so a fill seen twice (a retried reconciliation, two workers) is booked once.
 */
export function ledgerRepository(db: Database) {
  const { sequelize, models } = db;

  async function lockOrOpen(
    accountId: string,
    capital: number,
    now: number,
    transaction: Transaction,
  ): Promise<Ledger> {
    await models.AccountLedger.bulkCreate([{ accountId, ledger: openLedger(accountId, capital, now), fillCount: 0 }], {
      ignoreDuplicates: true,
      transaction,
    });
    const row = await models.AccountLedger.findByPk(accountId, {
      transaction,
      lock: transaction.LOCK.UPDATE,
      raw: true,
    });
    return row!.ledger as Ledger;
  }

  async function save(ledger: Ledger, transaction: Transaction): Promise<void> {
    await models.AccountLedger.update(
      { ledger, fillCount: ledger.fillCount },
      { where: { accountId: ledger.accountId }, transaction },
    );
    // The positions table is a projection of the ledger for readers (API, dashboard).
    await models.Position.destroy({ where: { accountId: ledger.accountId }, transaction });
    const positions = Object.values(ledger.positions);
    if (positions.length > 0)
      await models.Position.bulkCreate(
        positions.map((p) => ({
          accountId: ledger.accountId,
          symbol: p.symbol,
          quantity: p.quantity,
          avgPrice: p.avgPrice,
          realisedPnl: 0,
          stopLoss: p.stopLoss ?? null,
          takeProfit: p.takeProfit ?? null,
          strategy: p.strategy ?? null,
          openedAt: new Date(p.openedAt),
        })),
        { transaction },
      );
  }

  return {
    /** The account's ledger, opened with `capital` on first use. */
    load(accountId: string, capital: number, now: number): Promise<Ledger> {
      return sequelize.transaction((t) => lockOrOpen(accountId, capital, now, t));
    },

    /** Replaces the ledger after a change that is not a fill (a mark, a new day, a stop recorded). */
    update(accountId: string, capital: number, now: number, change: (ledger: Ledger) => Ledger): Promise<Ledger> {
      return sequelize.transaction(async (t) => {
        const next = change(await lockOrOpen(accountId, capital, now, t));
        await save(next, t);
        return next;
      });
    },

    /**
     * Inserts the fills that are new and books exactly those, in order, with the closed trades they
     * produce. Returns the ledger and how many fills were new.
     */
    bookFills(accountId: string, capital: number, now: number, fills: readonly BrokerFill[]) {
      return sequelize.transaction(async (t) => {
        let ledger = await lockOrOpen(accountId, capital, now, t);
        let booked = 0;
        for (const f of fills) {
          const c = f.fill.charges;
          const inserted = await sequelize.query(
            `INSERT INTO fills (order_id, trade_id, account_id, symbol, side, quantity, price, brokerage, stt,
               exchange_charge, sebi_fee, stamp_duty, gst, total_charges, filled_at)
             VALUES (:orderId, :tradeId, :accountId, :symbol, :side, :quantity, :price, :brokerage, :stt,
               :exchange, :sebi, :stamp, :gst, :total, :filledAt)
             ON CONFLICT (order_id, trade_id) DO NOTHING RETURNING id`,
            {
              type: QueryTypes.SELECT,
              transaction: t,
              replacements: {
                orderId: f.orderId,
                tradeId: f.tradeId,
                accountId,
                symbol: f.fill.symbol,
                side: f.fill.side,
                quantity: f.fill.quantity,
                price: f.fill.price,
                brokerage: c.brokerage,
                stt: c.stt,
                exchange: c.exchange,
                sebi: c.sebi,
                stamp: c.stamp,
                gst: c.gst,
                total: c.total,
                filledAt: new Date(f.fill.time),
              },
            },
          );
          if (inserted.length === 0) continue;
          const closedBefore = ledger.closedTrades.length;
          ledger = applyFill(ledger, f.fill);
          booked++;
          const closed = ledger.closedTrades.slice(closedBefore);
          if (closed.length > 0)
            await models.ClosedTrade.bulkCreate(
              closed.map((trade) => ({
                accountId,
                symbol: trade.symbol,
                direction: trade.direction,
                quantity: trade.quantity,
                entryPrice: trade.entryPrice,
                exitPrice: trade.exitPrice,
                openedAt: new Date(trade.openedAt),
                closedAt: new Date(trade.closedAt),
                grossPnl: trade.grossPnl,
                charges: trade.charges,
                netPnl: trade.netPnl,
                exitOrderKey: trade.exitOrderKey,
                fillSeq: ledger.fillCount,
                strategy: trade.strategy ?? null,
              })),
              { transaction: t, ignoreDuplicates: true },
            );
        }
        if (booked > 0) await save(ledger, t);
        return { ledger, booked };
      });
    },
  };
}
