import { type APIUser, type RESTGetAPIGatewayBotResult, Routes } from 'discord.js';
import type { Config } from '../../../src/config.js';
import { createDiscordRest } from './discord-rest.js';
import { toPlatformError } from './discord-errors.js';

type DiscordConfig = NonNullable<Config['discord']>;

const CHANNELS: { name: string; of: (discord: DiscordConfig) => string | undefined }[] = [
  { name: 'DISCORD_CHANNEL_ID', of: (discord) => discord.channelId },
  { name: 'DISCORD_ESCALATION_CHANNEL_ID', of: (discord) => discord.escalationChannelId },
];

/** With DISCORD_GATEWAY=true: the gateway's address, and how many new sessions Discord still allows today (1,000 a day; over it the token is reset). */
const checkGateway = async (rest: ReturnType<typeof createDiscordRest>): Promise<string> => {
  const answer = (await rest.get(Routes.gatewayBot()).catch((error: unknown) => {
    throw new Error(`GET /gateway/bot failed: ${toPlatformError(error).message} — the gateway (DISCORD_GATEWAY=true) cannot be reached`);
  })) as RESTGetAPIGatewayBotResult;
  return `gateway at ${answer.url}, ${answer.session_start_limit.remaining} of ${answer.session_start_limit.total} session starts left today`;
};

/** `doctor`'s Discord line: the token (GET /users/@me), then each channel the bot must see (GET /channels/{id}). */
export const checkDiscord = async (discord: DiscordConfig): Promise<string> => {
  const rest = createDiscordRest({ apiUrl: discord.apiUrl, botToken: discord.botToken, forQueue: true });
  const me = (await rest.get(Routes.user('@me')).catch((error: unknown) => {
    throw new Error(`GET /users/@me failed: ${toPlatformError(error).message} — check DISCORD_BOT_TOKEN and DISCORD_API_URL`);
  })) as APIUser;
  const seen: string[] = [];
  for (const { name, of } of CHANNELS) {
    const id = of(discord);
    if (!id || seen.includes(id)) continue;
    await rest.get(Routes.channel(id)).catch((error: unknown) => {
      throw new Error(`the bot cannot see ${name} ${id}: ${toPlatformError(error).message}`);
    });
    seen.push(id);
  }
  const channels =
    seen.length > 0
      ? `sees channel${seen.length > 1 ? 's' : ''} ${seen.join(', ')}`
      : 'DISCORD_CHANNEL_ID is not set, so no cards will be posted';
  const gateway = discord.gateway ? `; ${await checkGateway(rest)}` : '';
  const guild = discord.guildId
    ? `presses count from guild ${discord.guildId}`
    : 'DISCORD_GUILD_ID is not set (learnt at start-up if the bot is in one server)';
  return `authenticated as ${me.username} (${me.id}); ${channels}; ${guild}${gateway}`;
};
