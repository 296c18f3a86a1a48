import type { PlatformActionResult } from '../domain/source.js';
import type { Db } from '../store/db.js';
import { recordFirstResponse } from '../store/conversations.js';
import { findMessageRow, markMessageDeleted, recordSentMessage, setMessageHidden } from '../store/messages.js';
import type { Action } from '../store/schema.js';

/** What a succeeded action changes in our own records: the reply as a message, first response, hidden flags. */
export const recordActionEffects = async (trx: Db, action: Action, result: PlatformActionResult, now: () => Date): Promise<void> => {
  if (!action.message_id) return;
  const original = await findMessageRow(trx, action.message_id);
  if (!original) return;

  if (['reply', 'send_dm', 'private_reply', 'send_template'].includes(action.kind)) {
    // A template's words live in WhatsApp Manager, not here: the thread says which kind of message went.
    const payloadText = (action.payload as { text?: string | null }).text ?? (action.kind === 'send_template' ? '(approved template)' : '');
    if (result.externalId) {
      await recordSentMessage(trx, original, {
        externalId: result.externalId,
        kind: action.kind === 'reply' ? 'reply' : 'dm',
        text: payloadText,
        createdAt: now(),
      });
    }
    await recordFirstResponse(trx, original.conversation_id, action.requested_by.startsWith('rule:') ? 'automation' : 'human');
  }
  if (action.kind === 'hide' || action.kind === 'unhide') {
    await setMessageHidden(trx, original.id, action.kind === 'hide');
  }
  if (action.kind === 'delete') {
    await markMessageDeleted(trx, original.id);
  }
};
