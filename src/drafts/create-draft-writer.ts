import { errorMessage } from '../errors.js';
import type { CompiledPlaybook } from '../engine/compiled.js';
import type { Draft, DraftRequest, DraftWriter } from './draft-writer.js';
import { checkDraft } from './guardrails.js';
import { allowedByRule } from './llm-prompt.js';
import { createLlmWrite, type OpenAiOptions } from './llm-writer.js';

export interface DraftWriterOptions {
  openai?: OpenAiOptions;
  playbook: CompiledPlaybook;
}

const templateDraft = (request: DraftRequest): Draft => ({
  text: request.decision.text ?? '',
  source: request.decision.source ?? 'template',
});

const withNote = (draft: Draft, note: string): Draft => ({ ...draft, note: draft.note ? `${note}; ${draft.note}` : note });

/**
 * Drafts for the card. A decision whose rule asked for an LLM draft (`draft: { llm: true }`,
 * visible as `detail.llm`) goes to the model when one is configured; every draft passes the
 * guardrails, and whatever fails falls back to the template text with a note saying why.
 */
export const createDraftWriter = (options: DraftWriterOptions): DraftWriter => {
  const { guardrails } = options.playbook.drafts;
  const llm = options.openai ? createLlmWrite(options.openai, options.playbook) : null;
  const guardTemplate = (draft: Draft, decision: DraftRequest['decision']): Draft => {
    const problems = checkDraft(draft.text, guardrails, allowedByRule(decision));
    return problems.length === 0 ? draft : withNote(draft, `template draft needs a look: ${problems.join('; ')}`);
  };
  return {
    async write(request) {
      const fallback = templateDraft(request);
      if (request.decision.detail?.llm !== true || llm === null) return guardTemplate(fallback, request.decision);
      let text: string;
      try {
        text = await llm(request.message, request.decision);
      } catch (error) {
        return guardTemplate(withNote(fallback, `LLM draft unavailable (${errorMessage(error)}), template used`), request.decision);
      }
      const problems = checkDraft(text, guardrails, allowedByRule(request.decision));
      if (problems.length > 0) {
        return guardTemplate(withNote(fallback, `LLM draft rejected: ${problems.join('; ')}; template used`), request.decision);
      }
      return { text, source: 'llm' };
    },
  };
};
