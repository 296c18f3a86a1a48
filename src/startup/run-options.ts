import type { Chat } from '../command-center/chat-entry.js';
import type { Config } from '../config.js';
import type { QueueName } from '../jobs/queues.js';
import type { Logger } from '../logger.js';

export interface RunOptions {
  config: Readonly<Config>;
  web: boolean;
  worker: boolean;
  /** Which queues this worker takes (all by default). */
  queues?: readonly QueueName[];
  migrate?: boolean;
  logger?: Logger;
  now?: () => Date;
  /** Job lock length; a dead worker's job is retried after about this long. */
  lockDurationMs?: number;
  /** Where the playbook's `token_env` names are looked up (process.env by default). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The chats to work in instead of the registry's, given them (a test adds a chat through the chat port). */
  chats?: (registered: Chat[]) => Chat[];
}

export interface Running {
  url: string | undefined;
  stop: () => Promise<void>;
}
