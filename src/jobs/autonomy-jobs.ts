import type { GraduationPolicy } from '../autonomy/graduation-bar.js';
import type { LevelBook } from '../autonomy/level-book.js';
import { reviewRule } from '../autonomy/review-rule.js';
import { postDemotion, postSuggestion, refreshSuggestion } from '../cards/post-suggestion.js';
import type { ChatAdapter, ChatName } from '../domain/chat.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { findCardRules } from '../store/autonomy-evidence.js';
import { findUndo } from '../store/autonomy-undos.js';
import type { Db } from '../store/db.js';
import type { JobPayload } from './queues.js';

export interface AutonomyJobDeps {
  db: Db;
  queues: WorkQueue;
  chats: ReadonlyMap<string, ChatAdapter>;
  /** Every configured chat's card channel: where suggestions and demotions are posted. */
  targets: readonly { chat: ChatName; channel: string }[];
  levels: LevelBook;
  policy: GraduationPolicy;
  now: () => Date;
}

export type AutonomyJob = Extract<JobPayload<'chat'>, { op: 'review' | 'suggestion' | 'demoted' }>;

/** The rules whose figures a review job is about: the card's, or the undone action's. */
const rulesOf = async (deps: AutonomyJobDeps, job: AutonomyJob & { op: 'review' }): Promise<string[]> => {
  if (job.cardId) return findCardRules(deps.db, job.cardId);
  const undo = job.undoId ? await findUndo(deps.db, job.undoId) : undefined;
  return undo ? [undo.undo.rule] : [];
};

/** Reviews the rules, then hands on what came of it: a suggestion to post, a demotion to announce and its cards to redraw. */
const review = async (deps: AutonomyJobDeps, job: AutonomyJob & { op: 'review' }): Promise<string> => {
  const outcomes: string[] = [];
  for (const rule of await rulesOf(deps, job)) {
    const outcome = await reviewRule(deps, rule);
    outcomes.push(`${rule}: ${outcome.kind}`);
    if (outcome.kind === 'suggested')
      await deps.queues.enqueue('chat', [{ op: 'suggestion', suggestionId: outcome.suggestion.id, state: 'post' }]);
    if (outcome.kind === 'demoted') {
      const at = deps.now().getTime();
      const notice = { rule, from: outcome.from, figures: outcome.figures, countdownsEnded: outcome.cards.length, at };
      // One job per card channel: each chat's notice is posted, and retried, on its own.
      await deps.queues.enqueue('chat', [
        ...outcome.cards.map((card) => ({ op: 'update' as const, cardId: card.id, version: card.version })),
        ...deps.targets.map((target) => ({ op: 'demoted' as const, ...notice, ...target })),
      ]);
    }
  }
  return outcomes.join(', ') || 'no rules';
};

/** The chat jobs of earned autonomy: reviews after an outcome, suggestions posted and redrawn, demotions announced. */
export const runAutonomyJob = async (deps: AutonomyJobDeps | undefined, job: AutonomyJob): Promise<string> => {
  if (!deps) return 'off';
  switch (job.op) {
    case 'review':
      return review(deps, job);
    case 'suggestion':
      return job.state === 'post' ? postSuggestion(deps, job.suggestionId) : refreshSuggestion(deps, job.suggestionId);
    case 'demoted':
      return postDemotion(deps, job);
  }
};
