import { z } from 'zod';
import { parseDuration } from '../domain/playbook-vocabulary.js';
import { durationSchema } from './schema-conditions.js';

const DAY = 86_400_000;

// Shorter than a day would erase what a person is still looking at on an open card.
const keptFor = durationSchema.refine((value) => (parseDuration(value) ?? 0) >= DAY, { error: 'expected at least 1d, such as "30d"' });

/** How long what people wrote is kept; rows and timestamps stay, so counts and KPIs do not change. */
export const retentionSchema = z.strictObject({
  /** The platforms' raw webhook payloads (default 30d). */
  raw_payloads: keptFor.optional(),
  /** Message texts, drafts, matched words and authors' names (default 395d, about 13 months). */
  texts: keptFor.optional(),
});

export type RetentionSpec = z.infer<typeof retentionSchema>;
