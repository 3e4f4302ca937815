/** Position sizing: min(risk-based, buying-power-based) quantity, with a reason when a trade is skipped. */
export {
  MIN_STOP_TICKS,
  positionSize,
  stopSideProblem,
  type SizingInput,
  type SizingResult,
  type SizingSkip,
} from './position-size';
