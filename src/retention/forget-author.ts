import type { WorkQueue } from '../domain/work-queue.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { forgetContact, type ForgottenCounts } from '../store/forget.js';

export interface ForgetDeps {
  db: Db;
  queues: Pick<WorkQueue, 'enqueue'>;
}

export interface ForgetRequest {
  platform: string;
  authorId: string;
  /** Who asked: 'cli:<user>'. */
  actor: string;
}

export interface ForgetOutcome {
  found: boolean;
  counts: ForgottenCounts;
  /** Cards whose chat message was queued for an update saying "removed at the author's request". */
  cardsQueued: number;
}

/**
 * Erases a person everywhere (one transaction), records that it happened — counts, never text —
 * and queues an update for each of their cards so the chat no longer shows what they wrote.
 */
export const forgetAuthor = async (deps: ForgetDeps, request: ForgetRequest): Promise<ForgetOutcome> => {
  const forgotten = await forgetContact(deps.db, request.platform, request.authorId);
  await writeAudit(deps.db, [
    {
      actor: request.actor,
      action: 'erased',
      subjectType: 'contact',
      subjectId: forgotten.contactId ?? 'unknown',
      detail: { platform: request.platform, reason: 'author_request', found: forgotten.contactId !== undefined, ...forgotten.counts },
    },
  ]);
  await deps.queues.enqueue(
    'chat',
    forgotten.cards.map((card) => ({ op: 'update' as const, cardId: card.id, version: card.version })),
  );
  return { found: forgotten.contactId !== undefined, counts: forgotten.counts, cardsQueued: forgotten.cards.length };
};
