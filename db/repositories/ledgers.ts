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

  /** The stored ledger, locked for the rest of `transaction` when given. */
  async function read(accountId: string, transaction?: Transaction): Promise<Ledger | undefined> {
    const [row] = await sequelize.query<{ ledger: Ledger }>(
      `SELECT ledger FROM account_ledgers WHERE account_id = :accountId${transaction ? ' FOR UPDATE' : ''}`,
      { type: QueryTypes.SELECT, replacements: { accountId }, transaction },
    );
    return row?.ledger;
  }

  /** The ledger, locked for the rest of `transaction`; opened with `capital` on first use. */
  async function lockOrOpen(
    accountId: string,
    capital: number,
    now: number,
    transaction: Transaction,
  ): Promise<Ledger> {
    const stored = await read(accountId, transaction);
    if (stored) return stored;
    await models.AccountLedger.bulkCreate([{ accountId, ledger: openLedger(accountId, capital, now), fillCount: 0 }], {
      ignoreDuplicates: true,
      transaction,
    });
    return (await read(accountId, transaction))!;
  }

  /** Writes `ledger`, which replaces `previous` (the ledger as loaded in the same transaction). */
  async function save(ledger: Ledger, previous: Ledger, transaction: Transaction): Promise<void> {
    await models.AccountLedger.update(
      { ledger, fillCount: ledger.fillCount },
      { where: { accountId: ledger.accountId }, transaction },
    );
    // The positions table is a projection of the ledger for readers (API, dashboard); a mark or a new
    // day leaves the position objects as they were, and then the projection too.
    if (samePositions(previous, ledger)) return;
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
    async load(accountId: string, capital: number, now: number): Promise<Ledger> {
      // A plain read of the committed row (the account's steps run one after another); a transaction
      // only to open the ledger the first time.
      return (await read(accountId)) ?? sequelize.transaction((t) => lockOrOpen(accountId, capital, now, t));
    },

    /**
     * Replaces the ledger after a change that is not a fill (a mark, a new day, a stop recorded). A
     * change that returns the same ledger (the day already started) writes nothing.
     */
    update(accountId: string, capital: number, now: number, change: (ledger: Ledger) => Ledger): Promise<Ledger> {
      return sequelize.transaction(async (t) => {
        const current = await lockOrOpen(accountId, capital, now, t);
        const next = change(current);
        if (next !== current) await save(next, current, t);
        return next;
      });
    },

    /**
     * Inserts the fills that are new and books exactly those, in order, with the closed trades they
     * produce. Returns the ledger and how many fills were new.
     */
    bookFills(accountId: string, capital: number, now: number, fills: readonly BrokerFill[]) {
      return sequelize.transaction(async (t) => {
        const loaded = await lockOrOpen(accountId, capital, now, t);
        let ledger = loaded;
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
        if (booked > 0) await save(ledger, loaded, t);
        return { ledger, booked };
      });
    },
  };
}

/** Whether two ledgers hold the very same position objects (a copy or a change makes a new object). */
function samePositions(a: Ledger, b: Ledger): boolean {
  const symbols = Object.keys(a.positions);
  return symbols.length === Object.keys(b.positions).length && symbols.every((s) => a.positions[s] === b.positions[s]);
}
