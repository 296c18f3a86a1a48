import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { OpenAiOptions } from './llm-writer.js';
import { DATA_RULE, dataBlock } from './untrusted-data.js';

/** What the model must answer for a batch: one verdict per message id (zod-checked by the SDK). */
const verdictsSchema = z.object({
  verdicts: z.array(
    z.object({
      id: z.string(),
      needs_person: z.boolean().describe('true when a person from the team should answer it'),
      reason: z.string().describe('A few words for the team saying why, e.g. "sarcastic: the service was bad".'),
    }),
  ),
});

export interface JudgeVerdict {
  needsPerson: boolean;
  reason: string;
}

/** Several messages, one model call: id → verdict (a message the model left out has none). */
export type LlmJudge = (items: readonly { id: string; text: string }[]) => Promise<Map<string, JudgeVerdict>>;

const SYSTEM = [
  'You review social media comments and DMs to a brand that automatic rules may have misread: sarcasm and irony',
  '("amazing customer service guys, really 🙃"), quoting what someone else said, praise that hides a complaint, a complaint',
  'that is really a joke. For each message, decide whether a person from the team should answer it (needs_person: true:',
  'a complaint, criticism, anger, a problem, a legal or safety matter) or whether it is what it looks like on the surface',
  '(needs_person: false). Answer exactly one verdict per message id.',
  DATA_RULE,
].join('\n');

// A long paste says nothing more about sarcasm than its first lines, and costs tokens.
const MAX_CHARS = 1_000;

/** The judge's model call; throws on a timeout, an error or an answer that does not fit the schema. */
export const createLlmJudge = (options: OpenAiOptions): LlmJudge => {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs ?? 3_000,
    // The rules' answer stands on a failure; a retry would only come after the judge stopped waiting.
    maxRetries: 0,
  });
  return async (items) => {
    const completion = await client.chat.completions.parse({
      model: options.model,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: dataBlock({ messages: items.map((item) => ({ id: item.id, text: item.text.slice(0, MAX_CHARS) })) }) },
      ],
      response_format: zodResponseFormat(verdictsSchema, 'verdicts'),
      temperature: 0,
    });
    const parsed = completion.choices[0]?.message.parsed;
    if (!parsed) throw new Error(completion.choices[0]?.message.refusal ? 'the model refused' : 'the model returned no verdicts');
    return new Map(parsed.verdicts.map((verdict) => [verdict.id, { needsPerson: verdict.needs_person, reason: verdict.reason }]));
  };
};
