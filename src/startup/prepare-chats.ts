import type { Express } from 'express';
import type { Chat, ChatConnection, ChatServices } from '../command-center/chat-entry.js';
import type { ReadinessCheck } from '../http/app.js';

export interface PreparedChats {
  /** The chats' routes on the web server (Slack's Events API, Discord's interactions). */
  mounts: ((app: Express) => void)[];
  /** One readiness check per connection a chat keeps itself, named after the chat. */
  readiness: ReadinessCheck[];
  closeConnections: () => Promise<void>;
}

type Open = { name: string; connection: ChatConnection }[];

const closeAll = async (open: Open) => {
  await Promise.all(open.map(({ connection }) => connection.close()));
};

/** Each chat's routes, and the connections of those that keep their own (Socket Mode, the gateway). */
export const prepareChats = async (chats: readonly Chat[], services: ChatServices): Promise<PreparedChats> => {
  const mounts: PreparedChats['mounts'] = [];
  const open: Open = [];
  try {
    for (const chat of chats) {
      mounts.push(await chat.mount(services));
      if (chat.connect) open.push({ name: chat.name, connection: await chat.connect(services) });
    }
  } catch (error) {
    // One chat refused (a wrong token): the connections already open must not outlive the failed start.
    await closeAll(open);
    throw error;
  }
  return {
    mounts,
    readiness: open.map(({ name, connection }) => ({ name, check: connection.ready })),
    closeConnections: () => closeAll(open),
  };
};
