import { Client, Events, type GatewayDispatchPayload, Routes } from 'discord.js';
import { z } from 'zod';
import type { ChatConnection } from '../../../src/command-center/chat-entry.js';
import { pressFailedWords } from '../../../src/command-center/explain-press.js';
import type { Logger } from '../../../src/logger.js';
import type { DiscordInteractionHandler, DiscordInteractionResponse } from './interaction-handler.js';

export interface DiscordGatewayOptions {
  /** The bot token (DISCORD_BOT_TOKEN). */
  token: string;
  /** The REST base without version (DISCORD_API_URL); the gateway's URL is asked from it (`GET /gateway/bot`). */
  apiUrl: string;
  handler: DiscordInteractionHandler;
  logger: Logger;
}

/** What the callback URL needs; everything else is the handler's to read. */
const interactionSchema = z.looseObject({ id: z.string().min(1), token: z.string().min(1), type: z.number().int() });

const CHANNEL_MESSAGE = 4;
const EPHEMERAL = 64;

/** The handler's answer, or, when it failed, a private line saying so: Discord shows "interaction failed" otherwise. */
const answerFor = async (handler: DiscordInteractionHandler, raw: unknown, logger: Logger): Promise<DiscordInteractionResponse> => {
  try {
    return await handler.handle(raw);
  } catch (error) {
    logger.error({ err: error }, 'a Discord interaction from the gateway failed');
    return { type: CHANNEL_MESSAGE, data: { content: pressFailedWords(error), flags: EPHEMERAL, allowed_mentions: { parse: [] } } };
  }
};

/** Interactions that came over the gateway are answered over HTTP (the gateway has no command for it). */
const respond = async (client: Client, options: DiscordGatewayOptions, raw: unknown): Promise<void> => {
  const parsed = interactionSchema.safeParse(raw);
  if (!parsed.success) {
    options.logger.warn({ problem: parsed.error.issues[0]?.message }, 'ignored an INTERACTION_CREATE without an id, token or type');
    return;
  }
  const response = await answerFor(options.handler, raw, options.logger);
  await client.rest
    .post(Routes.interactionCallback(parsed.data.id, parsed.data.token), { body: response, auth: false })
    .catch((error: unknown) => options.logger.warn({ err: error }, 'could not answer a Discord interaction from the gateway'));
};

/**
 * discord.js also builds its own objects from each packet and throws, outside any promise we hold,
 * on one it cannot read. We read the raw JSON (validated above) and need none of them: such a
 * packet is logged rather than allowed to end the process.
 */
const surviveUnreadablePackets = (client: Client, logger: Logger): void => {
  const manager = client.ws as unknown as { handlePacket: (packet?: unknown, shard?: unknown) => boolean };
  const handle = manager.handlePacket.bind(manager);
  manager.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (error) {
      logger.warn({ err: error, event: (packet as { t?: unknown } | undefined)?.t }, 'discord.js could not read a gateway event');
      return false;
    }
  };
};

const watch = (client: Client, options: DiscordGatewayOptions): void => {
  surviveUnreadablePackets(client, options.logger);
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t === 'INTERACTION_CREATE') void respond(client, options, packet.d);
  });
  client.on(Events.Error, (error) => options.logger.warn({ err: error }, 'Discord gateway error'));
  client.on(Events.ShardReconnecting, () => options.logger.info('Discord gateway connection lost; resuming'));
  client.on(Events.ShardDisconnect, (event) =>
    options.logger.error({ code: event.code }, 'Discord closed the gateway for good — check DISCORD_BOT_TOKEN and the bot’s intents'),
  );
};

/**
 * Interactions over the gateway (DISCORD_GATEWAY=true): a discord.js `Client`, no public URL. The
 * raw INTERACTION_CREATE goes to the same handler as `/discord/interactions`, and its initial
 * response to the callback endpoint. Resolves once Discord said READY; rejects when it refused.
 */
export const startDiscordGateway = async (options: DiscordGatewayOptions): Promise<ChatConnection> => {
  // No intents: interactions are always sent, and nothing else is wanted (no guild cache to wait for).
  const client = new Client({ intents: [], rest: { api: options.apiUrl } });
  watch(client, options);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token).catch((error: unknown) => {
    throw new Error(
      `the Discord gateway refused the bot: ${error instanceof Error ? error.message : String(error)} — check DISCORD_BOT_TOKEN`,
      { cause: error },
    );
  });
  // login() resolves on READY; the client is ready (and says so) a moment later.
  await ready;
  options.logger.info({ bot: client.user?.username }, 'Discord gateway connected');
  return {
    ready: async () => {
      if (!client.isReady()) throw new Error('the Discord gateway connection is not open');
    },
    close: () => client.destroy(),
  };
};
