import type { Decision } from '../domain/decision.js';
import { OUTCOMES, type LabelledMessage, type Outcome } from './eval-labels.js';

/** What the playbook did with a message, in the evaluation's four outcomes; hiding outranks a card, a card a reply. */
export const outcomeOf = (decisions: readonly Decision[]): Outcome => {
  let outcome: Outcome = 'none';
  for (const decision of decisions) {
    if (decision.kind === 'hide' || decision.kind === 'delete') return 'hide';
    // A card about a comment storm is about the post, not this message.
    if ((decision.kind === 'handoff' || decision.kind === 'escalate') && decision.detail?.scope !== 'post') outcome = 'handoff';
    else if (outcome === 'none' && (decision.kind === 'auto_reply' || decision.kind === 'draft' || decision.kind === 'funnel')) {
      outcome = 'reply';
    }
  }
  return outcome;
};

/** The decisions as the report explains them: each rule with what it did and what it matched, and what was not counted. */
export const explain = (decisions: readonly Decision[]): string => {
  const byRule = new Map<string, { kinds: string[]; matched: string[] }>();
  const notes: string[] = [];
  for (const decision of decisions) {
    for (const note of (decision.detail?.notCounted as string[] | undefined) ?? []) if (!notes.includes(note)) notes.push(note);
    if (decision.kind === 'ignore' && decision.detail?.notCounted !== undefined) continue;
    const entry = byRule.get(decision.rule) ?? { kinds: [], matched: [] };
    if (!entry.kinds.includes(decision.kind)) entry.kinds.push(decision.kind);
    for (const term of decision.matched) if (!entry.matched.includes(term)) entry.matched.push(term);
    byRule.set(decision.rule, entry);
  }
  const rules = [...byRule].map(
    ([rule, { kinds, matched }]) => `${rule}: ${kinds.join('+')}${matched.length > 0 ? ` [${matched.join(', ')}]` : ''}`,
  );
  const said = rules.length > 0 ? rules.join('; ') : 'no rule acted';
  return notes.length > 0 ? `${said} — ${notes.join('; ')}` : said;
};

// How much a wrong outcome costs: hiding what a person wrote is worst, then a person not called.
const severity = (label: Outcome, got: Outcome): number => {
  if (got === 'hide') return 4;
  if (label === 'handoff') return 3;
  if (label === 'hide') return got === 'handoff' ? 1 : 2;
  return got === 'handoff' ? 1 : 0.5;
};

export interface Miss {
  item: LabelledMessage;
  got: Outcome;
  explanation: string;
  severity: number;
}

export interface SourceFigures {
  messages: number;
  /** Messages labelled hide, and how many of them were hidden. */
  toHide: number;
  toHideHidden: number;
  /** Every other message, and how many of them were hidden anyway. */
  others: number;
  othersHidden: number;
}

export interface LabelFigures {
  labelled: number;
  decided: number;
  correct: number;
  precision: number | null;
  recall: number | null;
}

const zeroRow = (): Record<Outcome, number> => ({ hide: 0, handoff: 0, reply: 0, none: 0 });

/** Tallies of one evaluation: per source, per label, the confusion, and every miss. */
export class EvalScore {
  readonly confusion: Record<Outcome, Record<Outcome, number>> = { hide: zeroRow(), handoff: zeroRow(), reply: zeroRow(), none: zeroRow() };
  readonly sources = new Map<string, SourceFigures>();
  /** Source names per folder, to sum a collection spread over several files. */
  readonly groups = new Map<string, string[]>();
  readonly misses: Miss[] = [];
  messages = 0;

  add(item: LabelledMessage, decisions: readonly Decision[]): void {
    const got = outcomeOf(decisions);
    this.messages += 1;
    this.confusion[item.label][got] += 1;
    const figures = this.sources.get(item.source) ?? { messages: 0, toHide: 0, toHideHidden: 0, others: 0, othersHidden: 0 };
    figures.messages += 1;
    if (item.label === 'hide') {
      figures.toHide += 1;
      if (got === 'hide') figures.toHideHidden += 1;
    } else {
      figures.others += 1;
      if (got === 'hide') figures.othersHidden += 1;
    }
    this.sources.set(item.source, figures);
    const members = this.groups.get(item.group) ?? [];
    if (!members.includes(item.source)) this.groups.set(item.group, [...members, item.source]);
    if (got !== item.label) this.misses.push({ item, got, explanation: explain(decisions), severity: severity(item.label, got) });
  }

  /** The figures of these sources (every source when none are named) summed. */
  total(names: readonly string[] = [...this.sources.keys()]): SourceFigures {
    const sum: SourceFigures = { messages: 0, toHide: 0, toHideHidden: 0, others: 0, othersHidden: 0 };
    for (const name of names) {
      const figures = this.sources.get(name);
      if (figures === undefined) continue;
      for (const key of Object.keys(sum) as (keyof SourceFigures)[]) sum[key] += figures[key];
    }
    return sum;
  }

  labels(): Record<Outcome, LabelFigures> {
    const entries = OUTCOMES.map((label): [Outcome, LabelFigures] => {
      const labelled = OUTCOMES.reduce((sum, got) => sum + this.confusion[label][got], 0);
      const decided = OUTCOMES.reduce((sum, expected) => sum + this.confusion[expected][label], 0);
      const correct = this.confusion[label][label];
      return [
        label,
        { labelled, decided, correct, precision: decided > 0 ? correct / decided : null, recall: labelled > 0 ? correct / labelled : null },
      ];
    });
    return Object.fromEntries(entries) as Record<Outcome, LabelFigures>;
  }

  /** The costliest misses first; among equals, in file order. */
  worst(count: number): Miss[] {
    return this.misses
      .map((miss, index) => ({ miss, index }))
      .sort((a, b) => b.miss.severity - a.miss.severity || a.index - b.index)
      .slice(0, count)
      .map(({ miss }) => miss);
  }
}
