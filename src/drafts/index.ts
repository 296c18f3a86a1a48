export { createDraftWriter, type DraftWriterOptions } from './create-draft-writer.js';
export type { Draft, DraftRequest, DraftWriter } from './draft-writer.js';
export { checkDraft } from './guardrails.js';
export type { OpenAiOptions } from './llm-writer.js';
export { createLlmSentiment } from './llm-sentiment.js';
export { createLlmJudge, type JudgeVerdict, type LlmJudge } from './llm-judge.js';
