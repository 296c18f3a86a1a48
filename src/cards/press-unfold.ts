import type { ButtonPress, PressResult } from '../domain/press.js';
import { writeAudit } from '../store/audit.js';
import { markCardPressed } from '../store/cards.js';
import type { Db } from '../store/db.js';
import type { Card } from '../store/schema.js';
import { unfoldStormPlacements } from '../store/storm-folds.js';
import { PRESS_WORDS } from './button-effects.js';
import { tooLateAnswer } from './press-rules.js';

/**
 * Post as cards (Unfold) on a storm card, under its row lock: every folded card still open is marked to be
 * posted on its own by one conditional update, so a second press (or a press in the other chat) finds none
 * left and is told who was first. It acts on the folds as they are now, whatever version was seen, and also
 * on a resolved storm card: resolving it leaves the folded cards open. The posts go through the usual chat jobs.
 */
export const pressUnfold = async (trx: Db, card: Card, press: ButtonPress): Promise<PressResult> => {
  const posts = await unfoldStormPlacements(trx, card.id);
  if (posts.length === 0) {
    if (card.last_action === 'unfold') return tooLateAnswer(card);
    return { outcome: 'refused', reason: 'No folded cards are waiting on this card.' };
  }
  await markCardPressed(trx, card.id, { state: card.state, button: 'unfold', actor: press.actor });
  await writeAudit(trx, [
    {
      actor: press.actor,
      action: 'pressed:unfold',
      subjectType: 'card',
      subjectId: card.id,
      detail: { version: press.version, posted: posts.length },
    },
  ]);
  return { outcome: 'accepted', cardId: card.id, actionId: undefined, escalationIds: [], note: PRESS_WORDS.unfold, posts };
};
