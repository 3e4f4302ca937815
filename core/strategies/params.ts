/** Strategy parameters: one zod schema per strategy gives the type, the defaults and the validation. */
import { z } from 'zod';
import { type StrategyId } from '../types';

export const timeframeSchema = z.enum(['1m', '5m', '15m', '1h', '1d']);

/** A fraction of price such as 0.002 (0.2 %): positive and below 5 %. */
export const priceFraction = z.number().positive().max(0.05);

/** Thrown for parameters that do not fit a strategy's schema. */
export class StrategyParamsError extends Error {
  constructor(id: StrategyId, error: z.ZodError) {
    super(`invalid parameters for strategy '${id}':\n${z.prettifyError(error)}`);
    this.name = 'StrategyParamsError';
  }
}

/**
 * Validates `input` (partial parameters; missing ones take the defaults) and returns frozen params.
 *
 * @example parseParams('vwap', vwapParamsSchema, { rewardRisk: 3 })
 */
export function parseParams<S extends z.ZodType<object>>(
  id: StrategyId,
  schema: S,
  input: unknown,
): Readonly<z.output<S>> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new StrategyParamsError(id, parsed.error);
  return Object.freeze(parsed.data);
}
