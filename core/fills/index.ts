/** Paper fill model: how orders and bracketed positions fill against the next bars. */
export { barReaches, slippedPrice, type FillModelOptions, type ModelFill } from './model';
export { fillMarketAt, fillOnBar, fillOnBars, type BarOutcome, type PaperOrder } from './orders';
export { exitOnBar, type Bracket, type BracketExit } from './exits';
export {
  DEFAULT_SLIPPAGE_BPS,
  DEFAULT_SPREAD_BPS,
  immediateMarketFill,
  touchPrice,
  type ImmediateFillOptions,
} from './immediate';
