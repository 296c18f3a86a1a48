import { createDraftWriter } from '../drafts/index.js';
import type { Config } from '../config.js';
import { z } from 'zod';
import { decide, type EngineContext, type FunnelState } from '../engine/index.js';
import type { Message } from '../domain/message.js';
import { loadPlaybook, type CompiledPlaybook } from '../playbook/index.js';
import type { DraftRewriter } from '../jobs/processors.js';
import type { LoadedHistory } from './load-context.js';
import type { DecideFn } from './process-event.js';

const funnelStateSchema = z.object({
  funnel: z.string(),
  step: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number()])),
  retries: z.number().int(),
  done: z.boolean(),
  updatedAt: z.coerce.date(),
});

/** A stored funnel state that no longer parses (an older shape) restarts the funnel rather than failing. */
const parseFunnel = (stored: unknown): FunnelState | null => {
  const parsed = funnelStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
};

export const toEngineContext = (message: Message, history: LoadedHistory, now: Date, random: () => number): EngineContext => ({
  now,
  random,
  author: {
    tags: history.tags,
    isTeam: message.fromSelf || message.author.id === message.accountId,
    recentMessages: history.recentMessages,
    recentTriggers: history.recentTriggers,
    recentHandoffs: history.recentHandoffs,
    recentAutoReplies: history.recentAutoReplies,
  },
  post: { recentComments: history.postRecentComments, recentAutoReplies: history.postRecentAutoReplies },
  conversation: { funnel: parseFunnel(history.funnel) },
  recentPhrasings: history.recentPhrasings,
});

/** The pure engine and the draft writer, bound to the configured playbook (a broken playbook stops start-up here). */
export interface Engine {
  playbook: CompiledPlaybook;
  decide: DecideFn;
  rewriteDraft: DraftRewriter;
}

export const createEngine = (config: Readonly<Config>, random: () => number = Math.random): Engine => {
  const playbook = loadPlaybook(config.playbookPath);
  const writer = createDraftWriter({
    playbook,
    ...(config.openai ? { openai: { apiKey: config.openai.apiKey, model: config.openai.model, ...(config.openai.baseUrl ? { baseUrl: config.openai.baseUrl } : {}) } } : {}),
  });
  return {
    playbook,
    decide: (message, history, now) => decide(message, toEngineContext(message, history, now, random), playbook),
    rewriteDraft: (input) => writer.write(input),
  };
};
