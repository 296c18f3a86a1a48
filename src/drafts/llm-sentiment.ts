import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { OpenAiOptions } from './llm-writer.js';
import { DATA_RULE, dataBlock } from './untrusted-data.js';

const sentimentSchema = z.object({
  score: z.number().min(-1).max(1).describe('-1 very negative, 0 neutral, 1 very positive'),
});

const SYSTEM = ['Rate the sentiment of a social media message to a brand, from -1 (very negative) to 1 (very positive).', DATA_RULE].join(
  '\n',
);

/**
 * The optional LLM sentiment classifier. The shell calls it before `decide` and passes the
 * score as `context.sentiment`; on any failure it answers undefined and the engine's offline
 * lexicon decides, so a slow model never holds a message up for long.
 */
export const createLlmSentiment = (options: OpenAiOptions): ((text: string) => Promise<number | undefined>) => {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs ?? 5_000,
    maxRetries: 0,
  });
  return async (text) => {
    try {
      const completion = await client.chat.completions.parse({
        model: options.model,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: dataBlock({ message: text }) },
        ],
        response_format: zodResponseFormat(sentimentSchema, 'sentiment'),
        temperature: 0,
      });
      return completion.choices[0]?.message.parsed?.score;
    } catch {
      return undefined;
    }
  };
};
