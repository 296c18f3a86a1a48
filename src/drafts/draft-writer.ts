import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';

export interface DraftRequest {
  message: Message;
  /** A `draft` (or held `auto_reply`) decision from the engine, carrying the template text. */
  decision: Decision;
}

export interface Draft {
  text: string;
  /** A template id, or 'llm'. */
  source: string;
  /** Why the template was used instead of the LLM, or what a guardrail found; shown on the card. */
  note?: string;
}

export interface DraftWriter {
  write(request: DraftRequest): Promise<Draft>;
}
