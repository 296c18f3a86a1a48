import type { ButtonPress, MayPress, PressResult } from '../domain/press.js';
import { writeAudit } from '../store/audit.js';
import { findOverlay, lockRuleLevel, setOverlay } from '../store/autonomy-overlays.js';
import { decideSuggestion, findSuggestion, findSuggestionPosts, type Suggestion } from '../store/autonomy-suggestions.js';
import type { Db } from '../store/db.js';
import type { LevelBook } from './level-book.js';
import { topLevel } from './overlay-levels.js';

export interface SuggestionDeps {
  db: Db;
  mayPress: MayPress;
  levels: LevelBook;
  /** How long Not now keeps the rule's suggestions away. */
  notNowMs: number;
  now?: () => Date;
}

/** The refusal when the rule moved since the suggestion was made; the suggestion is withdrawn then, and redrawn. */
export const NO_LONGER_APPLIES = 'this suggestion no longer applies';

const WHAT: Record<Suggestion['state'], string> = {
  open: 'is deciding it',
  promoted: 'promoted the rule',
  declined: 'chose Not now',
  withdrawn: 'changed the rule’s level first; this suggestion no longer applies',
};

const refuse = async (db: Db, press: ButtonPress, reason: string): Promise<PressResult> => {
  await writeAudit(db, [
    {
      actor: press.actor,
      action: `refused:${press.button}`,
      subjectType: 'rule',
      subjectId: `suggestion:${press.cardId}`,
      detail: { reason, suggestionId: press.cardId, channel: press.channel ?? null, messageId: press.messageId ?? null },
    },
  ]);
  return { outcome: 'refused', reason };
};

/** A suggestion's buttons count only on its own messages. */
const misplaced = async (db: Db, press: ButtonPress): Promise<boolean> => {
  const posts = await findSuggestionPosts(db, press.cardId);
  return !posts.some((post) => post.channel === press.channel && (post.message_id === null || post.message_id === press.messageId));
};

/**
 * Promote or Not now on a suggestion, decided once in Postgres: the suggestion moves out of 'open' by a
 * conditional update under the rule's level lock, so two presses (in two chats) give one outcome and the
 * second person is told who decided. Promote stores the level as an overlay on the playbook file's, audited
 * with who, why and the figures; Not now keeps the rule's suggestions away for `notNowMs`.
 */
export const pressSuggestion = async (deps: SuggestionDeps, press: ButtonPress): Promise<PressResult> => {
  const permission = await deps.mayPress(press, 'playbook');
  if (!permission.ok) return refuse(deps.db, press, permission.reason);
  if (!/^\d+$/u.test(press.cardId)) return refuse(deps.db, press, 'This button is not one of ours.');
  if (await misplaced(deps.db, press))
    return refuse(deps.db, press, 'This button was not pressed on its own suggestion; use the one there.');
  const now = deps.now?.() ?? new Date();
  const decided = await deps.db.transaction().execute(async (trx) => decide(trx, deps, press, now));
  if (decided.outcome === 'refused') return refuse(deps.db, press, decided.reason);
  if (decided.outcome === 'accepted' && press.button === 'promote') deps.levels.invalidate();
  return decided;
};

const decide = async (trx: Db, deps: SuggestionDeps, press: ButtonPress, now: Date): Promise<PressResult> => {
  const found = await findSuggestion(trx, press.cardId);
  if (!found) return { outcome: 'refused', reason: 'This suggestion is no longer known.' };
  await lockRuleLevel(trx, found.rule);
  const promote = press.button === 'promote';
  const file = deps.levels.file.get(found.rule);
  if (promote && !file) return { outcome: 'refused', reason: `The playbook has no rule ${found.rule} any more.` };
  const overlay = await findOverlay(trx, found.rule);
  // The rule moved since the suggestion was made (a demotion, an earlier Promote): its figures no longer apply.
  const stale = file !== undefined && (overlay?.level ?? topLevel(file)) !== found.from_level;
  const decided = await decideSuggestion(trx, found.id, {
    state: stale ? 'withdrawn' : promote ? 'promoted' : 'declined',
    by: press.actor,
    at: now,
    ...(promote || stale ? {} : { quietUntil: new Date(now.getTime() + deps.notNowMs) }),
  });
  if (!decided) {
    const again = (await findSuggestion(trx, found.id)) ?? found;
    return { outcome: 'too_late', by: again.decided_by ?? 'someone', what: WHAT[again.state], at: again.decided_at ?? again.created_at };
  }
  if (stale) return { outcome: 'refused', reason: `Rule ${found.rule} is no longer at ${found.from_level}: ${NO_LONGER_APPLIES}.` };
  const detail = { suggestionId: found.id, was: found.from_level, figures: found.figures };
  if (promote && file) {
    const why = `promoted from chat on its figures: ${found.figures}`;
    await setOverlay(trx, {
      rule: found.rule,
      level: found.to_level,
      fileLevel: file.level,
      setBy: press.actor,
      why,
      figures: found.figures,
      since: now,
    });
    await writeAudit(trx, [
      {
        actor: press.actor,
        action: 'autonomy:promote',
        subjectType: 'rule',
        subjectId: found.rule,
        detail: { ...detail, now: found.to_level, why },
      },
    ]);
  } else {
    const why = 'chose Not now on the suggestion';
    await writeAudit(trx, [
      {
        actor: press.actor,
        action: 'autonomy:not_now',
        subjectType: 'rule',
        subjectId: found.rule,
        detail: { ...detail, why, quietUntil: decided.quiet_until },
      },
    ]);
  }
  const note = promote ? `promoted rule ${found.rule} to ${found.to_level}` : `chose not to promote rule ${found.rule} now`;
  return { outcome: 'accepted', cardId: found.id, actionId: undefined, escalationIds: [], note };
};
