/**
 * The stock universe the desk knows, with Dhan's security ids.
 *
 * Pure reference data: the `stocks` table is seeded from this list, config validates account
 * stocks against it, and the trading core reads tick sizes from it. Adding a stock means adding
 * a row here (and a migration-free re-seed picks it up).
 */
export interface Instrument {
  readonly symbol: string;
  /** Dhan's `securityId` for the NSE equity segment. */
  readonly securityId: string;
  readonly exchangeSegment: 'NSE_EQ';
  readonly name: string;
  /** Minimum price step in rupees. */
  readonly tickSize: number;
  readonly lotSize: number;
}

export const INSTRUMENTS: readonly Instrument[] = [
  {
    symbol: 'RELIANCE',
    securityId: '2885',
    exchangeSegment: 'NSE_EQ',
    name: 'Reliance Industries Ltd',
    tickSize: 0.1,
    lotSize: 1,
  },
  {
    symbol: 'TCS',
    securityId: '11536',
    exchangeSegment: 'NSE_EQ',
    name: 'Tata Consultancy Services Ltd',
    tickSize: 0.1,
    lotSize: 1,
  },
  { symbol: 'INFY', securityId: '1594', exchangeSegment: 'NSE_EQ', name: 'Infosys Ltd', tickSize: 0.1, lotSize: 1 },
  {
    symbol: 'HDFCBANK',
    securityId: '1333',
    exchangeSegment: 'NSE_EQ',
    name: 'HDFC Bank Ltd',
    tickSize: 0.05,
    lotSize: 1,
  },
  {
    symbol: 'ICICIBANK',
    securityId: '4963',
    exchangeSegment: 'NSE_EQ',
    name: 'ICICI Bank Ltd',
    tickSize: 0.1,
    lotSize: 1,
  },
];

export const SYMBOLS: readonly string[] = INSTRUMENTS.map((i) => i.symbol);

export function instrumentOf(symbol: string): Instrument | undefined {
  return INSTRUMENTS.find((i) => i.symbol === symbol);
}
