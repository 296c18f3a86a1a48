import { z } from 'zod';
import type { CHAT_NAMES } from '../domain/chat.js';

// Account and channel ids are text: a Page or Discord id as a YAML number would lose its last digits.
const quotedId = (what: string) =>
  z
    .string({ error: `expected ${what} as a quoted string, e.g. "104857600000001"` })
    .regex(/^\S+$/u, { error: `expected ${what} without spaces` });

const channels = z.strictObject({
  slack: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/u, { error: 'expected a Slack channel id such as C0123ABCD' })
    .optional(),
  discord: z
    .string({ error: 'expected a Discord channel id as a quoted string' })
    .regex(/^\d{15,21}$/u, {
      error: 'expected a Discord channel id (digits, quoted), e.g. "1100000000000000001"',
    })
    .optional(),
} satisfies Record<(typeof CHAT_NAMES)[number], z.ZodOptional<z.ZodString>>);

/** One brand account: who it is, where its token is, and where its cards go. */
const accountSchema = z.strictObject({
  /** facebook (a Page, and its Messenger), instagram, whatsapp, youtube, x, or a generic source's platform name. */
  platform: z.string().regex(/^[a-z][a-z0-9_-]*$/u, { error: 'expected a platform name such as facebook, instagram or tiktok' }),
  /** The Page id, Instagram account id, WhatsApp phone number id, YouTube channel id, X user id or generic account_id. */
  id: quotedId('the account id'),
  name: z.string().min(1).optional(),
  /** The environment variable that holds this account's token: the playbook never holds a token. */
  token_env: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/u, {
      error: 'expected the name of an environment variable that holds the token, such as META_TOKEN_SHOP2 (never the token itself)',
    })
    .optional(),
  /** This account's card channels, instead of the chat's default (SLACK_CHANNEL, DISCORD_CHANNEL_ID). */
  card_channels: channels.optional(),
});

export const accountsSchema = z.array(accountSchema, { error: 'expected a list of accounts' }).superRefine((accounts, ctx) => {
  const seen = new Set<string>();
  accounts.forEach((account, index) => {
    const key = `${account.platform === 'messenger' ? 'facebook' : account.platform}:${account.id}`;
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `expected each account once, ${account.platform} ${account.id} is listed twice`,
      });
    seen.add(key);
  });
});

export type AccountSpec = z.infer<typeof accountSchema>;
