import { settleByDelivery } from '../actions/settle-by-delivery.js';
import type { EscalationDeps } from '../escalation/escalate.js';
import { createIngestBatcher, DEFAULT_INGEST_BATCH } from '../jobs/ingest-batch.js';
import { followUpIngest, type ProcessorDeps } from '../jobs/processors.js';
import { processBatch } from '../pipeline/process-batch.js';
import type { PipelineDeps } from '../pipeline/pipeline-types.js';
import { weeklyDigest } from '../kpi/digest.js';
import { cardRoutes } from '../playbook/card-routes.js';
import { stormRules } from '../playbook/storm-rules.js';
import { DEFAULT_FOLD_FLUSH_MS } from '../cards/fold-into-storm.js';
import { compileGraduation } from '../autonomy/graduation-bar.js';
import type { Assembled } from './assemble.js';
import { cardRouting } from './wire-chats.js';

export const escalationDeps = (app: Assembled): EscalationDeps => ({
  db: app.db,
  chats: app.chats.adapters,
  queues: app.queues,
  supports: app.supports,
  policy: app.policies.escalation,
  mentionFor: app.chats.mentionFor,
  now: app.now,
});

/** The digest goes wherever cards go. */
const postDigest = (app: Assembled) => async () => {
  const report = await weeklyDigest(app.kpiContext);
  for (const target of app.chats.targets) await app.chats.adapters.get(target.chat)?.postReport(target.channel, report);
};

const pipelineDeps = (app: Assembled): PipelineDeps => ({
  db: app.db,
  decide: app.engine.decide,
  signals: app.engine.signals,
  platformClients: app.sources.platformClients,
  cardRouting: cardRouting(app.chats, cardRoutes(app.engine.playbook.spec), app.accounts.cardChannel),
  escalationChannel: app.chats.escalationChannel,
  sla: app.policies.sla,
  now: app.now,
  accountIds: new Map(),
  judge: app.engine.judge,
  classifySentiment: app.engine.classifySentiment,
  settleDelivery: (trx, status) => settleByDelivery(trx, status, app.now),
  refreshLevels: app.engine.levels.refresh,
});

/** What the job processors need: the pipeline (ingest batched), platform actions, card posting, escalations and the digest. */
export const processorDeps = (app: Assembled): ProcessorDeps => {
  const pipeline = pipelineDeps(app);
  const deps: ProcessorDeps = {
    db: app.db,
    queues: app.queues,
    logger: app.logger,
    metrics: app.metrics,
    pipeline,
    actions: { db: app.db, platformClients: app.sources.platformClients, now: app.now },
    cards: {
      db: app.db,
      chats: app.chats.adapters,
      supports: app.supports,
      now: app.now,
      storm: { rules: stormRules(app.engine.playbook.spec), flushDelayMs: DEFAULT_FOLD_FLUSH_MS },
    },
    escalations: escalationDeps(app),
    rewriteDraft: app.engine.rewriteDraft,
    postDigest: postDigest(app),
    autonomy: {
      db: app.db,
      queues: app.queues,
      chats: app.chats.adapters,
      targets: app.chats.targets,
      levels: app.engine.levels,
      policy: compileGraduation(app.engine.playbook.spec),
      now: app.now,
    },
  };
  // A batch of one is the plain path: one transaction per event, no gathering wait.
  if (app.config.ingestBatch <= 1) return deps;
  const batcher = createIngestBatcher(
    (eventIds) => processBatch(pipeline, eventIds),
    { ...DEFAULT_INGEST_BATCH, maxBatch: app.config.ingestBatch },
    (outcomes) => followUpIngest(deps, outcomes),
  );
  return { ...deps, ingestEvent: batcher.submit };
};
