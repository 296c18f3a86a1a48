import { z } from 'zod';
import type { InboundItem } from '../domain/source.js';
import type { PollResult } from '../domain/polling-source.js';

// The items' own shape is checked where they are processed (src/pipeline/inbound-item.ts);
// here only what storing them and saving the cursor rely on.
const pollResultSchema = z.object({
  items: z.array(z.looseObject({ type: z.enum(['message', 'edit', 'remove', 'ignored']), dedupeKey: z.string().min(1) })),
  cursor: z.string().nullable(),
  unitsUsed: z.number().int().nonnegative(),
  quotaExceeded: z.string().min(1).optional(),
});

/** A source adapter's answer, checked before anything is stored; throws with words if it is malformed. */
export const parsePollResult = (source: string, result: unknown): PollResult => {
  const parsed = pollResultSchema.safeParse(result);
  if (!parsed.success) {
    throw new Error(`the ${source} poller returned a malformed result: ${z.prettifyError(parsed.error)}`);
  }
  const { quotaExceeded, ...read } = parsed.data;
  return { ...read, items: parsed.data.items as InboundItem[], ...(quotaExceeded === undefined ? {} : { quotaExceeded }) };
};
