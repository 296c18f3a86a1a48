import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { Chat, ChatFactory } from '../../src/command-center/chat-entry.js';
import { discordChat } from './discord/index.js';
import { slackChat } from './slack/index.js';

export type { Chat, ChatFactory, ChatServices } from '../../src/command-center/chat-entry.js';

/** Every chat Switchboard can work in, one line each; a chat the configuration leaves out is skipped. */
const CHATS: readonly ChatFactory[] = [slackChat, discordChat];

export const createChats = (config: Readonly<Config>, deps: { logger: Logger }): Chat[] =>
  CHATS.flatMap((create) => create(config, deps) ?? []);
