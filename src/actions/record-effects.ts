import { sql } from 'kysely';
import type { PlatformActionResult } from '../domain/source.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';

/** What a succeeded action changes in our own records: the reply as a message, first response, hidden flags. */
export const recordActionEffects = async (trx: Db, action: Action, result: PlatformActionResult): Promise<void> => {
  if (!action.message_id) return;
  const original = await trx.selectFrom('messages').selectAll().where('id', '=', action.message_id).executeTakeFirst();
  if (!original) return;

  if (action.kind === 'reply' || action.kind === 'send_dm' || action.kind === 'private_reply') {
    const payloadText = (action.payload as { text?: string | null }).text ?? '';
    if (result.externalId) {
      await trx
        .insertInto('messages')
        .values({
          platform: original.platform,
          external_id: result.externalId,
          direction: 'outbound',
          kind: action.kind === 'reply' ? 'reply' : 'dm',
          account_id: original.account_id,
          contact_id: original.contact_id,
          conversation_id: original.conversation_id,
          text: payloadText,
          post_id: original.post_id,
          post_url: original.post_url,
          parent_external_id: original.external_id,
          from_self: true,
          created_at: new Date(),
        })
        .onConflict((conflict) => conflict.columns(['platform', 'external_id']).doNothing())
        .execute();
    }
    const by = action.requested_by.startsWith('rule:') ? 'automation' : 'human';
    await trx
      .updateTable('conversations')
      .set({ first_response_at: sql`now()`, first_response_by: by, updated_at: sql`now()` })
      .where('id', '=', original.conversation_id)
      .where('first_response_at', 'is', null)
      .execute();
  }
  if (action.kind === 'hide' || action.kind === 'unhide') {
    await trx
      .updateTable('messages')
      .set({ hidden: action.kind === 'hide' })
      .where('id', '=', original.id)
      .execute();
  }
  if (action.kind === 'delete') {
    await trx.updateTable('messages').set({ deleted_at: sql`now()` }).where('id', '=', original.id).execute();
  }
};
