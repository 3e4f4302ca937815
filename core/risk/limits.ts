/**
 * The account's risk limits as the core sees them. The same field names as `contracts/account.ts`'s
 * zod schema, whose parsed type satisfies this interface (core never imports contracts/).
 */

export interface RiskLimits {
  /** Per-trade risk as a percentage of start-of-day equity (2 = 2 %). */
  readonly riskPerTradePct: number;
  readonly maxOpenPositions: number;
  /** Entries (first entry plus scale-ins) allowed in one symbol at a time. */
  readonly maxPositionsPerSymbol: number;
  /** Day's loss, as a percentage of start-of-day equity, that blocks entries and forces a flatten. */
  readonly dailyLossLimitPct: number;
  /** Intraday (MIS) buying power as a multiple of equity. 1 = no leverage. */
  readonly intradayLeverage: number;
}

/** The defaults of the original design: 2 % per trade, 3 positions, 1 per symbol, 10 % daily loss, no leverage. */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  riskPerTradePct: 2,
  maxOpenPositions: 3,
  maxPositionsPerSymbol: 1,
  dailyLossLimitPct: 10,
  intradayLeverage: 1,
};

/**
 * SEBI's retail-algo threshold: above 10 orders per second an algo must be registered with the
 * exchange (dhan-api-v2.md §8). Dhan counts places, modifies and cancels together.
 */
export const EXCHANGE_ALGO_OPS_THRESHOLD = 10;

/** The desk's own ceiling, well below the threshold so modifies and cancels still fit. */
export const DEFAULT_MAX_ORDERS_PER_SECOND = 5;
