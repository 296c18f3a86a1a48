import { createDraftWriter, createLlmSentiment } from '../drafts/index.js';
import type { Config } from '../config.js';
import { z } from 'zod';
import { decide, eventsFrom, messageSignals, type EngineContext, type FunnelState } from '../engine/index.js';
import type { Message } from '../domain/message.js';
import { loadPlaybook, type CompiledPlaybook } from '../playbook/index.js';
import type { DraftRewriter } from './pipeline-types.js';
import type { LoadedHistory } from './load-context.js';
import type { DecideFn, KnownFeatures, SignalsFn } from './pipeline-types.js';

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
    recentMessages: eventsFrom(history.recentMessages),
    recentTriggers: eventsFrom(history.recentTriggers),
    recentHandoffs: eventsFrom(history.recentHandoffs),
    recentAutoReplies: eventsFrom(history.recentAutoReplies),
  },
  post: { recentComments: eventsFrom(history.postRecentComments), recentAutoReplies: eventsFrom(history.postRecentAutoReplies) },
  conversation: { funnel: parseFunnel(history.funnel) },
  recentPhrasings: history.recentPhrasings,
});

/** The pure engine and the draft writer, bound to the configured playbook (a broken playbook stops start-up here). */
export interface Engine {
  playbook: CompiledPlaybook;
  decide: DecideFn;
  signals: SignalsFn;
  rewriteDraft: DraftRewriter;
  classifySentiment: ((text: string) => Promise<number | undefined>) | undefined;
  /** What an operator should know about how the engine was set up (a setting that cannot take effect). */
  warnings: string[];
}

// exactOptionalPropertyTypes: an absent override must be absent, not undefined.
const definedOnly = (known: KnownFeatures): KnownFeatures => ({
  ...(known.language === undefined ? {} : { language: known.language }),
  ...(known.sentiment === undefined ? {} : { sentiment: known.sentiment }),
});

export const createEngine = (config: Readonly<Config>, random: () => number = Math.random): Engine => {
  const playbook = loadPlaybook(config.playbookPath);
  const openai = config.openai
    ? { apiKey: config.openai.apiKey, model: config.openai.model, ...(config.openai.baseUrl ? { baseUrl: config.openai.baseUrl } : {}) }
    : undefined;
  const writer = createDraftWriter({ playbook, ...(openai ? { openai } : {}) });
  const wantsLlmSentiment = playbook.sentimentClassifier === 'llm';
  const warnings =
    wantsLlmSentiment && !openai
      ? [`the playbook asks for sentiment.classifier: llm, but OPENAI_API_KEY is not set: the offline lexicon scores sentiment`]
      : [];
  return {
    playbook,
    decide: (message, history, now, known) =>
      decide(message, { ...toEngineContext(message, history, now, random), ...definedOnly(known) }, playbook),
    signals: (message, known) => messageSignals(message, playbook, definedOnly(known)),
    rewriteDraft: (input) => writer.write(input),
    classifySentiment: wantsLlmSentiment && openai ? createLlmSentiment(openai) : undefined,
    warnings,
  };
};
