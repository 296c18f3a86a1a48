import { z } from 'zod';

/** The approved message template a card offers once WhatsApp's 24-hour customer-service window has closed. */
const templateSchema = z.strictObject({
  /** As WhatsApp Manager lists it (only approved templates are accepted). */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/u, { error: 'expected the template name as WhatsApp Manager shows it, e.g. order_follow_up' }),
  /** The approved translation's code. */
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/u, { error: 'expected a language code such as en or en_US' }),
  /** The body's {{1}}, {{2}}… in order, when the template has any. */
  params: z.array(z.string().min(1)).optional(),
});

/** WhatsApp-only settings. */
export const whatsappSchema = z.strictObject({
  template: templateSchema.optional(),
});

export type WhatsAppSpec = z.infer<typeof whatsappSchema>;
