/**
 * The backtest's broker: every order the cycle places is a market order, filled at once against the
 * symbol's last price with the core fill model (`immediateMarketFill`, the built-in simulator's
 * function) and charged Dhan's intraday costs, then booked into the ledger.
 */
import { fillCharges } from '../../core/costs';
import { immediateMarketFill, type ImmediateFillOptions } from '../../core/fills';
import { bookFill, type ClosedTrade, type WorkingLedger } from '../../core/ledger';
import { type Fill, type OrderProposal } from '../../core/types';

/** An order the backtest placed and how it filled. */
export interface BacktestOrder {
  /** The live cycle's order key (`<account>-<YYMMDD>-<HHMM>-<n>`). */
  readonly key: string;
  /** Market time of the cycle that placed it (and of its fill). */
  readonly time: number;
  readonly symbol: string;
  readonly side: OrderProposal['side'];
  readonly quantity: number;
  /** Fill price. */
  readonly price: number;
  /** Charges of the fill, rupees. */
  readonly charges: number;
  readonly source: OrderProposal['source'];
  readonly strategy?: string;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly reason: string;
}

/**
 * Fills `proposal` at market time `time` against `lastPrice` and books it into the backtest's
 * working ledger, in place.
 *
 * @returns the order, and the trade it closed if it reduced a position.
 *
 * @throws RangeError for an order type other than MARKET: every order the desk's deciders and
 *   protective exits produce is a market order, and only those fill at once.
 */
export function fillAndBook(
  ledger: WorkingLedger,
  proposal: OrderProposal,
  order: { readonly key: string; readonly time: number; readonly lastPrice: number },
  options: ImmediateFillOptions,
): { readonly order: BacktestOrder; readonly closed: ClosedTrade | undefined } {
  if (proposal.orderType !== 'MARKET')
    throw new RangeError(`backtests fill MARKET orders only; ${proposal.symbol} asked for ${proposal.orderType}`);
  const { price } = immediateMarketFill(proposal.side, order.lastPrice, order.time, options);
  const { side, quantity, product, symbol } = proposal;
  const charges = fillCharges({ side, product, price, quantity, priorTurnover: 0 });
  const fill: Fill = { orderKey: order.key, symbol, side, quantity, price, time: order.time, product, charges };
  const closed = bookFill(ledger, fill);
  return {
    closed,
    order: {
      key: order.key,
      time: order.time,
      symbol,
      side,
      quantity,
      price,
      charges: charges.total,
      source: proposal.source,
      strategy: proposal.strategy,
      stopLoss: proposal.stopLoss,
      takeProfit: proposal.takeProfit,
      reason: proposal.reason,
    },
  };
}
