/**
 * Versioned prompt templates. The prompt is a pure function of the `DecisionContext` and a version
 * id; every released version stays registered so a stored invocation can be re-rendered and
 * replayed exactly, or compared against a newer version on the same cycles.
 */
import { type ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { type DecisionContext } from '../context';
import { type PromptTemplate } from './template';
import { TRADE_V1 } from './v1';

export type { PromptTemplate } from './template';

/** Every released version, by id. Add new versions; never edit or remove old ones. */
export const PROMPT_TEMPLATES: Readonly<Record<string, PromptTemplate>> = {
  [TRADE_V1.version]: TRADE_V1,
};

/** The version new invocations use. */
export const CURRENT_PROMPT_VERSION = TRADE_V1.version;

export interface BuiltPrompt {
  readonly promptVersion: string;
  readonly messages: ChatCompletionMessageParam[];
}

/**
 * Renders the system and user messages of one cycle.
 *
 * @throws RangeError for a version that is not registered (names the ones that are).
 */
export function buildPrompt(context: DecisionContext, version: string = CURRENT_PROMPT_VERSION): BuiltPrompt {
  const template = PROMPT_TEMPLATES[version];
  if (!template) {
    throw new RangeError(
      `unknown prompt version ${JSON.stringify(version)}; known: ${Object.keys(PROMPT_TEMPLATES).join(', ')}`,
    );
  }
  return {
    promptVersion: template.version,
    messages: [
      { role: 'system', content: template.system },
      { role: 'user', content: template.renderUser(context) },
    ],
  };
}
