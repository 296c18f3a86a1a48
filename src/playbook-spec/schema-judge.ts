import { z } from 'zod';
import { conditionSchema } from './schema-conditions.js';

/**
 * The optional model judge: which messages the rules may misread (sarcasm, quotes, "really 🙃"),
 * and how long and how many to wait for. The model is asked only when OPENAI_API_KEY is set; the
 * rules' answer stands whenever it does not answer in time or answers nonsense.
 */
export const judgeSchema = z.strictObject({
  /** A condition on the message alone: counters and business hours are not known when the model is asked. */
  unsure_when: conditionSchema,
  timeout_ms: z.number().int().min(50).max(60_000).optional(),
  batch_wait_ms: z.number().int().min(0).max(5_000).optional(),
  max_batch: z.number().int().min(1).max(100).optional(),
  cache_size: z.number().int().min(0).max(100_000).optional(),
});

export type JudgeSpec = z.infer<typeof judgeSchema>;
