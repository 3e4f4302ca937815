/**
 * Flatten orders: close every open position of an account at market.
 */
import { type OrderProposal } from '../types';
import { type RiskPosition } from './context';

export interface FlattenRequest {
  /** `squareoff` for the 15:15 flatten, `risk` for a daily-loss or kill-switch flatten. */
  readonly source: 'squareoff' | 'risk';
  readonly reason: string;
}

/**
 * One MARKET order per open position, on the opposite side and for its whole quantity. These are
 * the only orders a HALTED account lets through. Working orders must be cancelled separately.
 */
export function flattenOrders(positions: readonly RiskPosition[], request: FlattenRequest): OrderProposal[] {
  return positions
    .filter((p) => p.quantity !== 0)
    .map((p) => ({
      symbol: p.symbol,
      side: p.quantity > 0 ? 'SELL' : 'BUY',
      quantity: Math.abs(p.quantity),
      orderType: 'MARKET',
      product: p.product ?? 'INTRADAY',
      strategy: p.strategy,
      reason: request.reason,
      source: request.source,
    }));
}
