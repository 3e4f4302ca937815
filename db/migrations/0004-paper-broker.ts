import { DataTypes, literal } from 'sequelize';
import { type Migration } from './types';

/*
 * The paper broker's book (broker/paper): the orders it accepted or rejected and their executions,
 * so paper trading on real market data survives a restart and is shared by every worker.
 * - `paper_orders.correlation_id` is unique: two workers, or a retry after a crash, can never create
 *   two paper orders for one decision.
 * - `paper_trades.order_id` is unique: a paper order fills in full, once (the fill and the order's
 *   new status are written in one transaction).
 * Times are market times (the paper broker's clock), not insert times.
 */
export const paperBroker: Migration = {
  name: '0004-paper-broker',
  async up({ queryInterface: qi }) {
    const price = (allowNull = true) => ({ type: DataTypes.DECIMAL(18, 4), allowNull });
    await qi.createTable('paper_orders', {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      correlation_id: { type: DataTypes.STRING(30), allowNull: false, unique: true },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      security_id: { type: DataTypes.STRING(20), allowNull: false },
      side: { type: DataTypes.STRING(4), allowNull: false },
      product: { type: DataTypes.STRING(10), allowNull: false },
      order_type: { type: DataTypes.STRING(20), allowNull: false },
      validity: { type: DataTypes.STRING(4), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      price: price(),
      trigger_price: price(),
      status: { type: DataTypes.STRING(12), allowNull: false },
      /** A stop whose trigger was reached: it now works as its limit (or as a market order). */
      triggered: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      filled_quantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      average_price: price(),
      /** Funds the order holds while it works, per unfilled share. */
      margin_per_share: { type: DataTypes.DECIMAL(18, 4), allowNull: false, defaultValue: 0 },
      rejection_reason: { type: DataTypes.TEXT },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
      /** Bars starting before this instant have been matched against the order. */
      checked_to: { type: DataTypes.DATE, allowNull: false },
      recorded_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });
    await qi.addIndex('paper_orders', ['status'], {
      name: 'paper_orders_working_idx',
      where: { status: 'PENDING' },
    });
    await qi.sequelize.query(
      `ALTER TABLE paper_orders
         ADD CONSTRAINT paper_orders_side_check CHECK (side IN ('BUY', 'SELL')),
         ADD CONSTRAINT paper_orders_status_check
           CHECK (status IN ('PENDING', 'TRADED', 'REJECTED', 'CANCELLED', 'EXPIRED')),
         ADD CONSTRAINT paper_orders_quantity_check CHECK (quantity > 0 AND filled_quantity BETWEEN 0 AND quantity)`,
    );

    await qi.createTable('paper_trades', {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      order_id: {
        type: DataTypes.BIGINT,
        allowNull: false,
        unique: true,
        references: { model: 'paper_orders', key: 'id' },
        onDelete: 'CASCADE',
      },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      side: { type: DataTypes.STRING(4), allowNull: false },
      product: { type: DataTypes.STRING(10), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      price: price(false),
      /** Itemised Indian charges of the execution (core/costs `Charges`). */
      charges: { type: DataTypes.JSONB, allowNull: false },
      time: { type: DataTypes.DATE, allowNull: false },
      recorded_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });
    await qi.sequelize.query(
      'ALTER TABLE paper_trades ADD CONSTRAINT paper_trades_fill_check CHECK (quantity > 0 AND price > 0)',
    );
  },

  async down({ queryInterface: qi }) {
    await qi.dropTable('paper_trades');
    await qi.dropTable('paper_orders');
  },
};
