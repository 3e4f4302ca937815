/** Every workflow the worker registers. Deterministic code only: no I/O, no wall clock, no randomness. */
export { accountWorkflow } from './account';
export { cycleWorkflow } from './cycle';
export { backtestWorkflow } from './backtest';
