import type { Decision, DecisionKind } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { PRIORITY_RANK, type CompiledPlaybook } from './compiled.js';
import type { EngineContext } from './context.js';
import { formatDuration } from './windows.js';
import { withFields } from './with-fields.js';

/** Rule ids of the always-on safety rails, as they appear on decisions and cards. */
export const SAFETY_RULES = {
  ownMessage: 'safety:own-message',
  teamAuthor: 'safety:team-author',
  authorCap: 'safety:author-reply-cap',
  postCap: 'safety:post-reply-cap',
} as const;

/** The brand's own messages and its team's are recorded, never acted on. */
export const exemption = (message: Message, context: EngineContext): Decision[] | null => {
  if (message.fromSelf) return [{ kind: 'ignore', rule: SAFETY_RULES.ownMessage, matched: [] }];
  if (context.author.isTeam) return [{ kind: 'ignore', rule: SAFETY_RULES.teamAuthor, matched: [] }];
  return null;
};

const NEEDS_PERSON: ReadonlySet<DecisionKind> = new Set(['hide', 'delete', 'escalate', 'handoff']);
const ACTS: ReadonlySet<DecisionKind> = new Set([
  'auto_reply',
  'draft',
  'hide',
  'delete',
  'propose_block',
  'funnel',
  'handoff',
  'escalate',
]);
// A funnel is a conversation the author chose to have: its steps are not "triggers".
const TRIGGERS: ReadonlySet<DecisionKind> = new Set(['auto_reply', 'draft', 'hide', 'delete', 'propose_block', 'handoff', 'escalate']);

/** A person will look at this message: handed off, hidden, deleted or escalated (not by a funnel step or a post card). */
export const needsPerson = (decisions: readonly Decision[]): boolean =>
  decisions.some(
    (decision) => NEEDS_PERSON.has(decision.kind) && decision.detail?.funnel === undefined && decision.detail?.scope !== 'post',
  );

/** One decision per kind (per tag for tags); of several handoffs the first, at the highest priority. */
const dedupe = (decisions: readonly Decision[]): Decision[] => {
  const kept: Decision[] = [];
  for (const decision of decisions) {
    let twin: Decision | undefined;
    for (const other of kept) {
      if (other.kind === decision.kind && (decision.kind !== 'tag' || other.tag === decision.tag)) {
        twin = other;
        break;
      }
    }
    if (twin === undefined) {
      kept.push(decision);
      continue;
    }
    if ((decision.kind === 'handoff' || decision.kind === 'escalate') && decision.priority && twin.priority) {
      const merged = { ...twin };
      if (PRIORITY_RANK[decision.priority] > PRIORITY_RANK[twin.priority]) merged.priority = decision.priority;
      const also = (twin.detail?.alsoRules as string[] | undefined) ?? [];
      if (decision.rule !== twin.rule && !also.includes(decision.rule)) {
        merged.detail = withFields(twin.detail, { alsoRules: [...also, decision.rule] });
      }
      kept[kept.indexOf(twin)] = merged;
    }
  }
  return kept;
};

const toDraft = (decision: Decision, why: string, extra?: { cap: string }): Decision => {
  const detail = withFields(decision.detail, { downgradedFrom: 'auto_reply', why });
  if (extra !== undefined) detail.cap = extra.cap;
  return withFields(decision, { kind: 'draft', detail });
};

const overCap = (playbook: CompiledPlaybook, message: Message, context: EngineContext) => {
  const { author, post } = playbook.caps;
  const byAuthor = context.author.recentAutoReplies.countWithin(context.now.getTime(), author.windowMs);
  if (byAuthor >= author.max) return { rule: SAFETY_RULES.authorCap, cap: 'author', count: byAuthor, ...author };
  if (message.post === undefined) return null;
  const onPost = context.post.recentAutoReplies.countWithin(context.now.getTime(), post.windowMs);
  if (onPost >= post.max) return { rule: SAFETY_RULES.postCap, cap: 'post', count: onPost, ...post };
  return null;
};

/**
 * The rails every playbook runs under: a message a person will look at gets no automatic
 * reply (the reply waits on the card as a draft, and a running funnel pauses: its decisions
 * are dropped and its state stays); automatic replies are capped per author and per post;
 * "ignore" only stands alone.
 */
export const applySafety = (raw: readonly Decision[], message: Message, context: EngineContext, playbook: CompiledPlaybook): Decision[] => {
  let decisions = dedupe(raw);
  if (needsPerson(decisions)) {
    decisions = decisions
      .filter((decision) => decision.detail?.funnel === undefined)
      .map((decision) => (decision.kind === 'auto_reply' ? toDraft(decision, 'a person reviews this message') : decision));
  }
  const autoReply = decisions.find((decision) => decision.kind === 'auto_reply');
  if (autoReply !== undefined) {
    const cap = overCap(playbook, message, context);
    if (cap !== null) {
      const why = `over the ${cap.cap} cap of ${cap.max} automatic replies in ${formatDuration(cap.windowMs)}`;
      decisions = decisions.map((decision) => (decision === autoReply ? toDraft(decision, why, { cap: cap.cap }) : decision));
      decisions.push({
        kind: 'handoff',
        rule: cap.rule,
        matched: [],
        priority: 'normal',
        detail: { reason: why, replyRule: autoReply.rule },
      });
    }
  }
  decisions = dedupe(decisions);
  if (decisions.some((decision) => ACTS.has(decision.kind))) decisions = decisions.filter((decision) => decision.kind !== 'ignore');
  return decisions;
};

/** Whether a message counts as having triggered automation, for `author_triggers` windows. */
export const isTrigger = (decisions: readonly Decision[]): boolean =>
  decisions.some((decision) => TRIGGERS.has(decision.kind) && decision.detail?.funnel === undefined);
