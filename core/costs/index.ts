/** Indian equity charges (Dhan, NSE cash): intraday and delivery, itemised per fill. */
export { DHAN_NSE_EQUITY_RATES, type ChargeRates, type ProductRates } from './rates';
export {
  addCharges,
  fillCharges,
  NO_CHARGES,
  orderCharges,
  roundTripCharges,
  type ExecutedOrder,
  type FillOfOrder,
  type RoundTrip,
} from './charges';
