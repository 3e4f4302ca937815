/** The simulator's order and trade records, and their Dhan wire shapes. */
import { type Instrument } from '../../../core/instruments';
import { roundPaise } from '../../../core/ticks';
import { type OrderType, type ProductType, type Side } from '../../../core/types';
import { formatIstDateTime } from '../../dhan/dates';

export type SimOrderStatus = 'TRANSIT' | 'PENDING' | 'PART_TRADED' | 'TRADED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

/** Statuses in which an order can still fill, be modified or be cancelled. */
export const WORKING: ReadonlySet<SimOrderStatus> = new Set(['TRANSIT', 'PENDING', 'PART_TRADED']);

export interface SimOrder {
  readonly orderId: string;
  readonly correlationId?: string;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly product: ProductType;
  orderType: OrderType;
  validity: 'DAY' | 'IOC';
  quantity: number;
  /** 0 for MARKET and STOP_LOSS_MARKET. */
  price: number;
  /** 0 when the order type has no trigger. */
  triggerPrice: number;
  disclosedQuantity: number;
  status: SimOrderStatus;
  filledQty: number;
  filledValue: number;
  /** A stop order whose trigger was reached (it now works as a limit or market order). */
  triggered: boolean;
  modifications: number;
  exchangeOrderId?: string;
  readonly createTime: number;
  updateTime: number;
  exchangeTime?: number;
  omsErrorDescription?: string;
  /** Decided at placement, applied when the order leaves TRANSIT (Dhan accepts, then rejects). */
  pendingRejection?: string;
  /** Wall-clock time of placement, for the TRANSIT delay. */
  readonly placedWall: number;
  /** Margin blocked per unfilled share while the order works. */
  marginPerShare: number;
  /** Placed by the exchange itself (the 15:20 auto square-off). */
  readonly system: boolean;
}

export interface SimTrade {
  readonly tradeId: string;
  readonly order: SimOrder;
  readonly quantity: number;
  readonly price: number;
  readonly time: number;
}

const istOrEmpty = (t: number | undefined) => (t === undefined ? '' : formatIstDateTime(t));

/** The order as `GET /orders` shows it. */
export function orderToWire(o: SimOrder, clientId: string) {
  return {
    dhanClientId: clientId,
    orderId: o.orderId,
    exchangeOrderId: o.exchangeOrderId ?? '',
    correlationId: o.correlationId ?? '',
    orderStatus: o.status,
    transactionType: o.side,
    exchangeSegment: o.instrument.exchangeSegment,
    productType: o.product,
    orderType: o.orderType,
    validity: o.validity,
    tradingSymbol: o.instrument.symbol,
    securityId: o.instrument.securityId,
    quantity: o.quantity,
    disclosedQuantity: o.disclosedQuantity,
    price: o.price,
    triggerPrice: o.triggerPrice,
    afterMarketOrder: false,
    boProfitValue: 0,
    boStopLossValue: 0,
    legName: 'NA',
    createTime: formatIstDateTime(o.createTime),
    updateTime: formatIstDateTime(o.updateTime),
    exchangeTime: istOrEmpty(o.exchangeTime),
    drvExpiryDate: '0001-01-01 00:00:00',
    drvOptionType: null,
    drvStrikePrice: 0,
    omsErrorCode: o.omsErrorDescription ? 'RMS' : '',
    omsErrorDescription: o.omsErrorDescription ?? '',
    algoId: '',
    remainingQuantity: o.quantity - o.filledQty,
    averageTradedPrice: o.filledQty > 0 ? roundPaise(o.filledValue / o.filledQty) : 0,
    filledQty: o.filledQty,
  };
}

/** The trade as `GET /trades` shows it. */
export function tradeToWire(t: SimTrade, clientId: string) {
  const o = t.order;
  return {
    dhanClientId: clientId,
    orderId: o.orderId,
    exchangeOrderId: o.exchangeOrderId ?? '',
    exchangeTradeId: t.tradeId,
    transactionType: o.side,
    exchangeSegment: o.instrument.exchangeSegment,
    productType: o.product,
    orderType: o.orderType,
    tradingSymbol: o.instrument.symbol,
    customSymbol: o.instrument.name,
    securityId: o.instrument.securityId,
    tradedQuantity: t.quantity,
    tradedPrice: t.price,
    createTime: formatIstDateTime(t.time),
    updateTime: formatIstDateTime(t.time),
    exchangeTime: formatIstDateTime(t.time),
    drvExpiryDate: '0001-01-01 00:00:00',
    drvOptionType: null,
    drvStrikePrice: 0,
  };
}
