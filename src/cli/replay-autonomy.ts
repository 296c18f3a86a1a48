import { compileGraduation, type GraduationBar, type GraduationPolicy } from '../autonomy/graduation-bar.js';
import { describePeriod, type GraduationVerdict, judgeGraduation } from '../autonomy/graduation.js';
import { type AutonomyLevel, compileAutonomy } from '../autonomy/levels.js';
import { topLevel } from '../autonomy/overlay-levels.js';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

/** What became of a message's draft or automatic action, as an input line may record it (`outcome`). */
export const REPLAY_OUTCOMES = ['approved', 'edited', 'rejected', 'vetoed', 'undone'] as const;
export type ReplayOutcome = (typeof REPLAY_OUTCOMES)[number];

const OUTCOMES: ReadonlySet<unknown> = new Set(REPLAY_OUTCOMES);

export const OUTCOME_ERROR = `outcome: expected ${REPLAY_OUTCOMES.join(', ')}`;

/** Most lines have no outcome: one shared, read-only answer for them rather than a new `{}` per line. */
const NO_OUTCOME: { readonly outcome?: ReplayOutcome } = Object.freeze({});

/** A line's optional `outcome`: `{}` without one, false when it is not one of ours. */
export const readOutcome = (json: unknown): { readonly outcome?: ReplayOutcome } | false => {
  const outcome = typeof json === 'object' && json !== null ? (json as { outcome?: unknown }).outcome : undefined;
  if (outcome === undefined) return NO_OUTCOME;
  return OUTCOMES.has(outcome) ? { outcome: outcome as ReplayOutcome } : false;
};

/** A level change replay finds on the file's history, at the message whose outcome brought it. */
export interface AutonomyEvent {
  rule: string;
  verdict: 'promote' | 'demote';
  from: AutonomyLevel;
  to: AutonomyLevel;
  figures: string;
  at: Date;
  message: string;
}

interface Outcome {
  at: number;
  outcome: ReplayOutcome;
}

/**
 * One rule's record at its level, since that level began: the outcomes in its window (a queue read
 * from `head`, so old ones leave in constant time), their counts, and the latest few for demotion.
 */
interface RuleTrack {
  level: AutonomyLevel;
  since: number;
  queue: Outcome[];
  head: number;
  total: number;
  approved: number;
  undone: number;
  recent: Outcome[];
}

const newTrack = (level: AutonomyLevel, since: number): RuleTrack => ({
  level,
  since,
  queue: [],
  head: 0,
  total: 0,
  approved: 0,
  undone: 0,
  recent: [],
});

const count = (track: RuleTrack, outcome: ReplayOutcome, by: 1 | -1) => {
  track.total += by;
  if (outcome === 'approved') track.approved += by;
  if (outcome === 'undone') track.undone += by;
};

/** Outcomes past the window are never counted again (a file is replayed in time order). */
const forgetBefore = (track: RuleTrack, from: number) => {
  while (track.head < track.queue.length && (track.queue[track.head] as Outcome).at < from) {
    count(track, (track.queue[track.head] as Outcome).outcome, -1);
    track.head += 1;
  }
  if (track.head > 1024 && track.head * 2 > track.queue.length) {
    track.queue = track.queue.slice(track.head);
    track.head = 0;
  }
};

/** What the outcomes mean at the rule's level: at draft, drafts' fates; above it, good (sent, kept) or bad (stopped, undone, changed). */
const figuresOf = (track: RuleTrack, from: number, bar: GraduationBar, now: number) => {
  const bad = track.total - track.approved;
  return {
    level: track.level,
    period: describePeriod(bar.windowMs, from === now - bar.windowMs ? undefined : new Date(from)),
    drafts: track.level === 'draft' ? track.total - track.undone : 0,
    approved: track.level === 'draft' ? track.approved : 0,
    vetoSent: track.level === 'veto' ? track.approved : 0,
    vetoed: track.level === 'veto' ? bad : 0,
    automatic: track.level === 'auto' ? track.total : 0,
    undone: track.level === 'auto' ? bad : 0,
    recent: track.recent
      .filter((entry) => entry.at >= from)
      .reverse()
      .map((entry) => entry.outcome !== 'approved'),
  };
};

/** The rule an outcome belongs to: the message's draft (or, for an undo, its automatic action). */
const ruleOf = (decisions: readonly Decision[], outcome: ReplayOutcome): string | undefined => {
  const kinds = outcome === 'undone' ? ['auto_reply', 'hide', 'draft'] : ['draft', 'auto_reply'];
  return decisions.find((decision) => kinds.includes(decision.kind))?.rule;
};

/**
 * Replays earned autonomy on a file's recorded outcomes with the same pure judge as the running system:
 * each rule starts at the playbook file's level; a suggestion is taken as accepted (the rule moves up
 * at that message), and a demotion happens at once. Memory stays bounded by each rule's window.
 */
export class ReplayAutonomy {
  readonly events: AutonomyEvent[] = [];
  outcomes = 0;
  unattributed = 0;
  private readonly policy: GraduationPolicy;
  private readonly tracks = new Map<string, RuleTrack>();
  private readonly fileLevels: ReadonlyMap<string, AutonomyLevel>;

  constructor(spec: PlaybookSpec) {
    this.policy = compileGraduation(spec);
    this.fileLevels = new Map([...compileAutonomy(spec).values()].map((autonomy) => [autonomy.rule, topLevel(autonomy)]));
  }

  /** Counts one message's outcome against its rule; returns the level change it brings, if any. */
  add(message: Message, decisions: readonly Decision[], outcome: ReplayOutcome): AutonomyEvent | undefined {
    this.outcomes += 1;
    const rule = ruleOf(decisions, outcome);
    const bar = rule === undefined ? undefined : this.policy.bars.get(rule);
    if (rule === undefined || !bar) {
      this.unattributed += 1;
      return undefined;
    }
    const now = message.createdAt.getTime();
    const track = this.tracks.get(rule) ?? newTrack(this.fileLevels.get(rule) ?? 'draft', Number.NEGATIVE_INFINITY);
    this.tracks.set(rule, track);
    const entry = { at: now, outcome };
    track.queue.push(entry);
    count(track, outcome, 1);
    track.recent.push(entry);
    if (track.recent.length > bar.demoteAfter.ofLast) track.recent.shift();
    const from = Math.max(track.since, now - bar.windowMs);
    forgetBefore(track, from);
    const verdict = judgeGraduation(figuresOf(track, from, bar, now), bar);
    return verdict.verdict === 'hold' ? undefined : this.move(rule, verdict, message, now);
  }

  private move(rule: string, verdict: Exclude<GraduationVerdict, { verdict: 'hold' }>, message: Message, now: number) {
    const event: AutonomyEvent = { rule, ...verdict, at: message.createdAt, message: message.externalId };
    this.events.push(event);
    // The new level's record starts with the next outcome.
    this.tracks.set(rule, newTrack(verdict.to, now));
    return event;
  }

  /** The summary's section: every promotion and demotion, in order, with its figures. */
  render(): string {
    const lines = [`Earned autonomy (from the outcome field of ${this.outcomes} messages; each suggestion taken as accepted):`];
    if (this.events.length === 0) lines.push('  no rule would be promoted or demoted');
    for (const event of this.events) {
      const word = event.verdict === 'promote' ? 'promoted' : 'demoted';
      lines.push(
        `  ${event.rule}: ${word} ${event.from} → ${event.to} at ${event.at.toISOString().slice(0, 16).replace('T', ' ')} UTC (message ${event.message}): ${event.figures}`,
      );
    }
    if (this.unattributed > 0)
      lines.push(`  ${this.unattributed} outcomes on messages without a draft or automatic action were not counted`);
    return lines.join('\n');
  }
}
