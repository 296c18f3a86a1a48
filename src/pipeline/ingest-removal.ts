import type { InboundItem } from '../domain/source.js';
import { writeAudit } from '../store/audit.js';
import { markMessageCardsChanged } from '../store/card-model.js';
import type { Db } from '../store/db.js';
import { markMessageRemoved } from '../store/messages.js';
import { NOTHING, type PipelineOutcome } from './pipeline-types.js';

/** A comment removed on the platform: recorded, and when its author removed it, its cards say so. */
export const ingestRemoval = async (trx: Db, item: Extract<InboundItem, { type: 'remove' }>): Promise<PipelineOutcome> => {
  const removed = await markMessageRemoved(trx, { platform: item.platform, externalId: item.externalId, at: item.at });
  if (!removed) return NOTHING;
  await writeAudit(trx, [
    { actor: 'system', action: 'message_removed', subjectType: 'message', subjectId: removed.id, detail: { byAuthor: removed.byAuthor } },
  ]);
  // Our own delete coming back changes nothing more: the delete action updates the cards itself.
  if (!removed.byAuthor) return NOTHING;
  const cards = await markMessageCardsChanged(trx, removed.id);
  return { ...NOTHING, cardUpdates: cards.map((card) => ({ cardId: card.id, version: card.version })) };
};
