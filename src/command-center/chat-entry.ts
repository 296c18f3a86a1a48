import type { Express } from 'express';
import type { Command, CommandContext } from '../../commands/command.js';
import type { CommandCenter } from './command-center.js';
import type { Config } from '../config.js';
import type { ChatAdapter, ChatName } from '../domain/chat.js';
import type { Logger } from '../logger.js';
import type { GroupsOf } from '../roles/may-press.js';

/** What a chat's routes act on; built after the chats, since roles (and so the command center) need their groups. */
export interface ChatServices {
  commandCenter: CommandCenter;
  /** Slash commands (/sla, /kpi) and what they run against. */
  commands: readonly Command[];
  kpiContext: CommandContext;
  logger: Logger;
}

/** A connection a chat opens itself (Slack Socket Mode, the Discord gateway), so that it needs no public URL. */
export interface ChatConnection {
  /** Resolves while connected; rejects, saying so, while not (readiness). */
  ready: () => Promise<void>;
  /** Disconnects for good: no reconnection after this. */
  close: () => Promise<void>;
}

/** One configured chat, as the composition root wires it. */
export interface Chat {
  name: ChatName;
  adapter: ChatAdapter;
  /** Where handoff cards are posted; undefined: none are. */
  cardChannel: string | undefined;
  escalationChannel: string | undefined;
  /** Who escalations ping, in the chat's own syntax. */
  escalationMention: string | undefined;
  /** The chat's groups (or roles) a person belongs to, for the playbook's team roles. */
  groupsOf: GroupsOf;
  /** The chat's routes on the web server (Slack's Events API), prepared when the web server starts. */
  mount: (services: ChatServices) => Promise<(app: Express) => void>;
  /** Opens the chat's own connection, when it is configured to use one; opened with the web server, closed first on shutdown. */
  connect?: (services: ChatServices) => Promise<ChatConnection>;
}

/** A chat's registry entry: undefined when the configuration does not set it up. */
export type ChatFactory = (config: Readonly<Config>, deps: { logger: Logger }) => Chat | undefined;
