import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { buildPrompt, llmDraftSchema } from './llm-prompt.js';

export interface OpenAiOptions {
  apiKey: string;
  /** Any OpenAI-compatible server; the SDK's default when absent. */
  baseUrl?: string;
  model: string;
  timeoutMs?: number;
}

export type LlmWrite = (message: Message, decision: Decision) => Promise<string>;

/** One chat completion with a zod-validated structured answer; throws on refusal or timeout. */
export const createLlmWrite = (options: OpenAiOptions, playbook: CompiledPlaybook): LlmWrite => {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs ?? 15_000,
    // A draft that is late is useless on a card that already shows the template text.
    maxRetries: 0,
  });
  return async (message, decision) => {
    const completion = await client.chat.completions.parse({
      model: options.model,
      messages: buildPrompt(playbook, message, decision),
      response_format: zodResponseFormat(llmDraftSchema, 'draft'),
      temperature: 0.4,
    });
    const choice = completion.choices[0];
    if (choice?.message.refusal) throw new Error(`the model refused: ${choice.message.refusal}`);
    const parsed = choice?.message.parsed;
    if (!parsed) throw new Error('the model returned no draft');
    return parsed.reply.trim();
  };
};
