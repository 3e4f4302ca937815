/**
 * Dhan v2 enum values, spelled as on the wire (see ../shared/reference/dhan-api-v2.md §2, §6.3).
 * Shared by the client (to validate what it sends) and the simulator (to validate what it receives).
 */
export const TRANSACTION_TYPES = ['BUY', 'SELL'] as const;
export type DhanTransactionType = (typeof TRANSACTION_TYPES)[number];

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
export type DhanOrderSegment = (typeof ORDER_SEGMENTS)[number];

/** Segments the chart endpoints accept. */
export const CHART_SEGMENTS = ['NSE_EQ', 'NSE_FNO', 'BSE_EQ', 'BSE_FNO', 'MCX_COMM', 'IDX_I'] as const;
export type DhanChartSegment = (typeof CHART_SEGMENTS)[number];

/** Every segment key a market-quote request may use. */
export type DhanQuoteSegment = DhanOrderSegment | DhanChartSegment;
export const QUOTE_SEGMENTS: readonly DhanQuoteSegment[] = [...new Set([...ORDER_SEGMENTS, ...CHART_SEGMENTS])];

export const PRODUCT_TYPES = ['CNC', 'INTRADAY', 'MARGIN', 'MTF', 'CO', 'BO'] as const;
export type DhanProductType = (typeof PRODUCT_TYPES)[number];

export const ORDER_TYPES = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'] as const;
export type DhanOrderType = (typeof ORDER_TYPES)[number];

export const VALIDITIES = ['DAY', 'IOC'] as const;
export type DhanValidity = (typeof VALIDITIES)[number];

export const AMO_TIMES = ['PRE_OPEN', 'OPEN', 'OPEN_30', 'OPEN_60'] as const;

export const LEG_NAMES = ['ENTRY_LEG', 'TARGET_LEG', 'STOP_LOSS_LEG', 'NA'] as const;

/** Order states; the portal's list plus the super/forever-order ones. Unknown values are still decoded. */
export const ORDER_STATUSES = [
  'TRANSIT',
  'PENDING',
  'PART_TRADED',
  'TRADED',
  'REJECTED',
  'CANCELLED',
  'EXPIRED',
  'MODIFIED',
  'TRIGGERED',
  'INACTIVE',
  'CLOSED',
  'CONFIRM',
] as const;
export type DhanOrderStatus = (typeof ORDER_STATUSES)[number];

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
export type DhanInstrumentType = (typeof INSTRUMENT_TYPES)[number];

/**
 * Intraday chart intervals in minutes. Classic docs and the SDK list 25, the portal lists 30;
 * both are accepted here so the client never refuses what one of Dhan's own pages allows.
 */
export const INTRADAY_INTERVALS = [1, 5, 15, 25, 30, 60] as const;
export type DhanIntradayInterval = (typeof INTRADAY_INTERVALS)[number];

export const POSITION_TYPES = ['LONG', 'SHORT', 'CLOSED'] as const;
