import { AllowedMentionsTypes, type APIAllowedMentions } from 'discord.js';
import type { ChatWording } from '../../../src/command-center/explain-press.js';
import { discordDate } from './discord-text.js';

/** Our actor id as a Discord mention: 'discord:123' → '<@123>', 'here' → '@here'; anything else as it is. */
export const discordMention = (actor: string): string => {
  if (actor === 'here') return '@here';
  const [chat, id] = actor.split(':');
  return chat === 'discord' && id && /^\d+$/u.test(id) ? `<@${id}>` : actor;
};

/** Who a mention string (`<@1> <@&2>`) pings, as Discord's `allowed_mentions` names them: exactly these, nobody else. */
export type AllowedMentions = APIAllowedMentions;

export const NO_PINGS: AllowedMentions = { parse: [] };

export const allowedMentionsOf = (mention: string | undefined): AllowedMentions => {
  if (!mention) return NO_PINGS;
  const users = [...mention.matchAll(/<@!?(\d+)>/gu)].map(([, id]) => id as string);
  const roles = [...mention.matchAll(/<@&(\d+)>/gu)].map(([, id]) => id as string);
  return {
    parse: mention.includes('@here') ? [AllowedMentionsTypes.Everyone] : [],
    ...(users.length > 0 ? { users } : {}),
    ...(roles.length > 0 ? { roles } : {}),
  };
};

/** Mentions ping only where allowed_mentions says so; dates show in each reader's own zone. */
export const DISCORD_WORDING: ChatWording = {
  mention: discordMention,
  formatDate: (at) => discordDate(at),
};
