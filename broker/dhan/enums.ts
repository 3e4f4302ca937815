/**
 * Dhan v2 enum values, spelled as on the wire (see ../shared/reference/dhan-api-v2.md §2, §6.3).
 * Shared by the client (to validate what it sends) and the simulator (to validate what it receives).
 */
export const TRANSACTION_TYPES = ['BUY', 'SELL'] as const;

/** Orderable segments (IDX_I is data-only). Classic docs add the currency segments; the portal adds NSE_COMM. */
export const ORDER_SEGMENTS = [
  'NSE_EQ',
  'BSE_EQ',
  'NSE_FNO',
  'BSE_FNO',
  'MCX_COMM',
  'NSE_CURRENCY',
  'BSE_CURRENCY',
  'NSE_COMM',
] as const;

/** Segments the chart endpoints accept. */
export const CHART_SEGMENTS = ['NSE_EQ', 'NSE_FNO', 'BSE_EQ', 'BSE_FNO', 'MCX_COMM', 'IDX_I'] as const;

/** Every segment key a market-quote request may use. */
export const QUOTE_SEGMENTS: readonly string[] = [...new Set([...ORDER_SEGMENTS, ...CHART_SEGMENTS])];

export const PRODUCT_TYPES = ['CNC', 'INTRADAY', 'MARGIN', 'MTF', 'CO', 'BO'] as const;

export const ORDER_TYPES = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'] as const;

export const VALIDITIES = ['DAY', 'IOC'] as const;

export const AMO_TIMES = ['PRE_OPEN', 'OPEN', 'OPEN_30', 'OPEN_60'] as const;

export const LEG_NAMES = ['ENTRY_LEG', 'TARGET_LEG', 'STOP_LOSS_LEG', 'NA'] as const;

export const INSTRUMENT_TYPES = [
  'EQUITY',
  'INDEX',
  'FUTIDX',
  'OPTIDX',
  'FUTSTK',
  'OPTSTK',
  'FUTCOM',
  'OPTFUT',
] as const;

/**
 * Intraday chart intervals in minutes. Classic docs and the SDK list 25, the portal lists 30;
 * both are accepted here so the client never refuses what one of Dhan's own pages allows.
 */
export const INTRADAY_INTERVALS = [1, 5, 15, 25, 30, 60] as const;
export type DhanIntradayInterval = (typeof INTRADAY_INTERVALS)[number];
