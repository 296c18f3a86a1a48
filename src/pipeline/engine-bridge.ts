import { createDraftWriter, createLlmJudge, createLlmSentiment, type OpenAiOptions } from '../drafts/index.js';
import type { Config } from '../config.js';
import { z } from 'zod';
import { decide, eventsFrom, messageSignals, type EngineContext, type FunnelState } from '../engine/index.js';
import type { Message } from '../domain/message.js';
import { loadPlaybook, type CompiledPlaybook } from '../playbook/index.js';
import { applyAutonomy } from '../autonomy/apply-autonomy.js';
import { createLevelBook, type LevelBook } from '../autonomy/level-book.js';
import { compileAutonomy } from '../autonomy/levels.js';
import { createBatchedJudge } from './judge-batch.js';
import { unsureMarkers, type MessageJudge } from './judge-message.js';
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
  /** The model judge, when the playbook has a `judge:` section and an LLM is configured. */
  judge: MessageJudge | undefined;
  /** What an operator should know about how the engine was set up (a setting that cannot take effect). */
  warnings: string[];
  /** The rules' autonomy levels: the playbook file's, under the overlays set from chat (refreshed before deciding). */
  levels: LevelBook;
}

// exactOptionalPropertyTypes: an absent override must be absent, not undefined.
const definedOnly = (known: KnownFeatures): KnownFeatures => ({
  ...(known.language === undefined ? {} : { language: known.language }),
  ...(known.sentiment === undefined ? {} : { sentiment: known.sentiment }),
});

/** The playbook's judge over the configured model: batched, cached, never waited for past its timeout. */
const createJudge = (playbook: CompiledPlaybook, openai: OpenAiOptions | undefined): MessageJudge | undefined => {
  const settings = playbook.judge;
  if (settings === undefined || openai === undefined) return undefined;
  const ask = createBatchedJudge(createLlmJudge({ ...openai, timeoutMs: settings.timeoutMs }), {
    waitMs: settings.batchWaitMs,
    maxBatch: settings.maxBatch,
    cacheSize: settings.cacheSize,
    timeoutMs: settings.timeoutMs,
  });
  return { unsure: (message, known) => unsureMarkers(playbook, message, known), ask };
};

/** The rules' autonomy levels in force (the file's, under chat-set overlays) over the engine's decisions; all at draft, left as they are. */
const withAutonomy = (playbook: CompiledPlaybook, levels: LevelBook, decideFn: DecideFn): DecideFn => {
  return (message, history, now, known) => {
    const decisions = decideFn(message, history, now, known);
    const { autonomies, allDraft, byLanguage } = levels.current();
    if (allDraft) return decisions;
    const language = byLanguage ? (known.language ?? messageSignals(message, playbook, definedOnly(known)).language) : undefined;
    return applyAutonomy(decisions, autonomies, { platform: message.platform, language });
  };
};

export const createEngine = (config: Readonly<Config>, random: () => number = Math.random): Engine => {
  const playbook = loadPlaybook(config.playbookPath);
  const openai = config.openai
    ? { apiKey: config.openai.apiKey, model: config.openai.model, ...(config.openai.baseUrl ? { baseUrl: config.openai.baseUrl } : {}) }
    : undefined;
  const writer = createDraftWriter({ playbook, ...(openai ? { openai } : {}) });
  const wantsLlmSentiment = playbook.sentimentClassifier === 'llm';
  const warnings = [
    ...(wantsLlmSentiment && !openai
      ? ['the playbook asks for sentiment.classifier: llm, but OPENAI_API_KEY is not set: the offline lexicon scores sentiment']
      : []),
    ...(playbook.judge && !openai ? ['the playbook has a judge: section, but OPENAI_API_KEY is not set: the rules decide alone'] : []),
  ];
  const levels = createLevelBook(compileAutonomy(playbook.spec));
  return {
    playbook,
    levels,
    decide: withAutonomy(playbook, levels, (message, history, now, known) =>
      decide(message, { ...toEngineContext(message, history, now, random), ...definedOnly(known) }, playbook),
    ),
    signals: (message, known) => messageSignals(message, playbook, definedOnly(known)),
    rewriteDraft: (input) => writer.write(input),
    classifySentiment: wantsLlmSentiment && openai ? createLlmSentiment(openai) : undefined,
    judge: createJudge(playbook, openai),
    warnings,
  };
};
