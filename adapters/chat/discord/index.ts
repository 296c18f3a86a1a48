import type { REST } from '@discordjs/rest';
import { type APIGuild, Routes } from 'discord.js';
import type { ChatFactory, ChatServices } from '../../../src/command-center/chat-entry.js';
import type { Config } from '../../../src/config.js';
import type { Logger } from '../../../src/logger.js';
import { createDiscordChat } from './discord-chat.js';
import { createDiscordRoles, type DiscordRoles } from './discord-people.js';
import { createDiscordRest } from './discord-rest.js';
import { startDiscordGateway } from './gateway-transport.js';
import { createDiscordInteractionHandler, type DiscordInteractionHandler } from './interaction-handler.js';
import { mountInteractionRoute } from './interaction-route.js';
import { discordPublicKey } from './verify-signature.js';

export type DiscordConfig = NonNullable<Config['discord']>;

/** DISCORD_GUILD_ID, or the bot's only guild; with several and none configured, nothing counts (and the log says why). */
const learnHomeGuild = async (discord: DiscordConfig, rest: REST, logger: Logger): Promise<string | undefined> => {
  if (discord.guildId) return discord.guildId;
  const guilds = (await rest.get(Routes.userGuilds()).catch(() => undefined)) as APIGuild[] | undefined;
  if (guilds?.length === 1) return guilds[0]?.id;
  logger.warn(
    { guilds: guilds?.length },
    'DISCORD_GUILD_ID is not set and the bot is not in exactly one server: every Discord press and command will be refused until it is set',
  );
  return undefined;
};

/** The one interaction handler of this chat, for the HTTP route here and for the gateway transport. */
export const createDiscordHandler = async (
  discord: DiscordConfig,
  services: ChatServices,
  roles: DiscordRoles,
): Promise<DiscordInteractionHandler> => {
  const rest = createDiscordRest({ apiUrl: discord.apiUrl, botToken: discord.botToken, forQueue: false });
  return createDiscordInteractionHandler({
    ...services,
    rest,
    applicationId: discord.applicationId,
    homeGuild: await learnHomeGuild(discord, rest, services.logger),
    roles,
  });
};

export const discordChat: ChatFactory = (config, { logger }) => {
  const discord = config.discord;
  if (!discord) return undefined;
  // Checked at start-up: a key that cannot verify would refuse every interaction.
  const publicKey = discordPublicKey(discord.publicKey);
  const rest = createDiscordRest({ apiUrl: discord.apiUrl, botToken: discord.botToken, forQueue: true });
  const roles = createDiscordRoles();
  // One handler for both ways in (HTTP and the gateway), made when the web server starts.
  let handler: Promise<DiscordInteractionHandler> | undefined;
  const handlerFor = (services: ChatServices) => (handler ??= createDiscordHandler(discord, services, roles));
  if (!discord.channelId) logger.warn('Discord is configured but DISCORD_CHANNEL_ID is not set: no handoff cards will be posted there');
  return {
    name: 'discord',
    adapter: createDiscordChat(rest, { guildId: discord.guildId }),
    cardChannel: discord.channelId,
    escalationChannel: discord.escalationChannelId,
    escalationMention: discord.escalationMention,
    groupsOf: roles.groupsOf,
    // Signed requests are verified either way; with the gateway Discord simply sends none.
    mount: async (services) => {
      const handler = await handlerFor(services);
      return (app) => mountInteractionRoute(app, { handler, publicKey, logger });
    },
    ...(discord.gateway
      ? {
          connect: async (services) =>
            startDiscordGateway({ token: discord.botToken, apiUrl: discord.apiUrl, handler: await handlerFor(services), logger }),
        }
      : {}),
  };
};
