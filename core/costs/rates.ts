/**
 * Indian equity (NSE cash) charge rates, in one table.
 *
 * Rates are fractions of turnover (0.0003 = 0.03 %). Source: Dhan's published pricing table and
 * the statutory rates, as collected in dhan-api-v2.md §9.1 (S10, S11) and strategies.md §1.0.
 * When a rate changes, add a new table with its `effectiveFrom` rather than editing this one, so
 * that old backtests and contract-note checks stay reproducible.
 */
import { type ProductType } from '../types';

/** The rates that differ between intraday and delivery. */
export interface ProductRates {
  /** Dhan brokerage per executed order: `min(brokerageCap, brokerageRate × order turnover)`. */
  readonly brokerageRate: number;
  readonly brokerageCap: number;
  /** Securities transaction tax on buy and sell turnover. */
  readonly sttBuyRate: number;
  readonly sttSellRate: number;
  /** Stamp duty, buy side only. */
  readonly stampBuyRate: number;
}

export interface ChargeRates {
  /** First IST date these rates apply to. */
  readonly effectiveFrom: string;
  readonly source: string;
  readonly products: Readonly<Record<ProductType, ProductRates>>;
  /** NSE transaction charge on all turnover. */
  readonly exchangeRate: number;
  /** NSE Investor Protection Fund Trust contribution (Dhan lists it); reported inside `exchange`. */
  readonly ipftRate: number;
  /** SEBI turnover fee. */
  readonly sebiRate: number;
  /** GST on brokerage + exchange charges (incl. IPFT) + SEBI fee. */
  readonly gstRate: number;
}

/**
 * Dhan, NSE equity cash, in force since the NSE transaction-charge revision of 1 Oct 2024
 * (Budget 2026 changed only F&O STT, so the cash rates still hold in 2026).
 *
 * Not modelled per fill: the delivery DP charge (₹12.50 + GST per ISIN per sell day) and Dhan's
 * auto square-off fee (₹20 + GST per order it squares off); the desk squares off itself at 15:15.
 */
export const DHAN_NSE_EQUITY_RATES: ChargeRates = {
  effectiveFrom: '2024-10-01',
  source: 'Dhan pricing table (S10) and NSE circular of Oct 2024 (S11), via dhan-api-v2.md §9.1',
  products: {
    INTRADAY: {
      brokerageRate: 0.0003, // 0.03 %
      brokerageCap: 20, // ₹20 per executed order
      sttBuyRate: 0,
      sttSellRate: 0.00025, // 0.025 % on the sell leg
      stampBuyRate: 0.00003, // 0.003 %
    },
    CNC: {
      brokerageRate: 0, // free delivery
      brokerageCap: 0,
      sttBuyRate: 0.001, // 0.1 % both legs
      sttSellRate: 0.001,
      stampBuyRate: 0.00015, // 0.015 %
    },
  },
  exchangeRate: 0.0000297, // 0.00297 % (₹2.97 per lakh)
  ipftRate: 0.000001, // 0.0001 % (₹10 per crore)
  sebiRate: 0.000001, // 0.0001 % (₹10 per crore)
  gstRate: 0.18,
};
