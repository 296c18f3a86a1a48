import type { ButtonPress, MayPress, PermissionAnswer } from '../domain/press.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { findButtonHomes, misplacedPress } from './press-binding.js';

/**
 * Whether this press counts: the person may press this button (workspace, membership, role) and
 * pressed it on the card's own message. Every refusal is audited with its reason and where it came from.
 */
export const authorizePress = async (db: Db, press: Omit<ButtonPress, 'text'>, mayPress: MayPress): Promise<PermissionAnswer> => {
  const permission = await mayPress(press, press.button);
  const reason = permission.ok ? misplacedPress(press, await findButtonHomes(db, press.cardId)) : permission.reason;
  if (reason === undefined) return { ok: true };
  await writeAudit(db, [
    {
      actor: press.actor,
      action: `refused:${press.button}`,
      subjectType: 'card',
      subjectId: press.cardId,
      detail: {
        reason,
        version: press.version,
        workspace: press.workspace ?? null,
        channel: press.channel ?? null,
        messageId: press.messageId ?? null,
      },
    },
  ]);
  return { ok: false, reason };
};
