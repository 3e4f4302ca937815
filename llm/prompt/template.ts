import { type DecisionContext } from '../context';

/** One released prompt: a fixed system text and a pure rendering of the cycle's context. */
export interface PromptTemplate {
  /** Stored with every invocation, e.g. `trade-v1`. */
  readonly version: string;
  readonly system: string;
  renderUser(context: DecisionContext): string;
}
