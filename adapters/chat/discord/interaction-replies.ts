import type { REST } from '@discordjs/rest';
import { type APIInteractionResponse, type APIInteractionResponseCallbackData, InteractionResponseType, Routes } from 'discord.js';
import type { CommandCenter } from '../../../src/command-center/command-center.js';
import type { Logger } from '../../../src/logger.js';
import { NO_PINGS } from './discord-mention.js';
import { fitSlice, LIMITS } from './discord-text.js';

export const EPHEMERAL = 64;

/** What every interaction is handled with. */
export interface InteractionContext {
  center: CommandCenter;
  /** Interaction webhooks (follow-ups, edits of the original answer); they need no bot token. */
  rest: REST;
  applicationId: string;
  /** DISCORD_GUILD_ID: the only guild whose presses count. */
  homeGuild: string | undefined;
  logger: Logger;
  /** How long to wait before answering "deferred" and following up; Discord gives up after 3 s. */
  budgetMs: number;
}

/** Our own words for one person (refusals, "someone was first"); mentions and dates in them show but never ping. */
export const privateWords = (text: string): APIInteractionResponseCallbackData => ({
  flags: EPHEMERAL,
  content: fitSlice(text, LIMITS.content),
  allowed_mentions: NO_PINGS,
});

export const answerPrivately = (text: string): APIInteractionResponse => ({
  type: InteractionResponseType.ChannelMessageWithSource,
  data: privateWords(text),
});

export const DEFERRED_UPDATE: APIInteractionResponse = { type: InteractionResponseType.DeferredMessageUpdate };

/** A private follow-up after a deferred answer; a failure is logged (the person may press again). */
export const followUpPrivately = async (ctx: InteractionContext, token: string, text: string): Promise<void> => {
  await ctx.rest
    .post(Routes.webhook(ctx.applicationId, token), { body: privateWords(text), auth: false })
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not send a private follow-up to a Discord interaction'));
};

export const editOriginal = async (ctx: InteractionContext, token: string, body: object): Promise<void> => {
  await ctx.rest
    .patch(Routes.webhookMessage(ctx.applicationId, token, '@original'), { body, auth: false })
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not edit the answer to a Discord interaction'));
};
