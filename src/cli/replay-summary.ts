import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';

const EXAMPLES = 2;

interface Tally {
  count: number;
  examples: string[];
}

/** Counts one more under `key`; the tally when it still wants an example (so a message's example is quoted only then), else null. */
const bump = (map: Map<string, Tally>, key: string): Tally | null => {
  let tally = map.get(key);
  if (tally === undefined) {
    tally = { count: 0, examples: [] };
    map.set(key, tally);
  }
  tally.count += 1;
  return tally.examples.length < EXAMPLES ? tally : null;
};

const addExample = (tally: Tally, text: string): void => {
  if (!tally.examples.includes(text)) tally.examples.push(text);
};

const quote = (text: string): string => {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return `"${flat.length > 70 ? `${flat.slice(0, 69)}…` : flat}"`;
};

/** Whether decision `index` is the first of its kind (`by` "kind") or of its rule (`by` "rule"). */
const isFirst = (decisions: readonly Decision[], index: number, by: 'kind' | 'rule'): boolean => {
  const value = (decisions[index] as Decision)[by];
  for (let other = 0; other < index; other += 1) if ((decisions[other] as Decision)[by] === value) return false;
  return true;
};

/** The kinds of the rule's decisions, in order: "hide, handoff". */
const kindsOf = (decisions: readonly Decision[], rule: string): string =>
  decisions
    .filter((decision) => decision.rule === rule)
    .map((decision) => decision.kind)
    .join(', ');

/** Counts per decision kind, rule, platform and language, with a few examples of each. */
export class ReplaySummary {
  messages = 0;
  invalid = 0;
  undecided = 0;
  readonly kinds = new Map<string, Tally>();
  readonly rules = new Map<string, Tally>();
  readonly platforms = new Map<string, Tally>();
  readonly languages = new Map<string, Tally>();

  /** "platform kind" keys by platform, then kind: the key is not composed again for every message. */
  private readonly platformKeys = new Map<string, Map<string, string>>();

  // Plain loops and no closures: this runs once per message of a replay.
  add(message: Message, language: string, decisions: readonly Decision[]): void {
    this.messages += 1;
    const platform = bump(this.platforms, this.platformKey(message));
    if (platform !== null) addExample(platform, quote(message.text));
    const spoken = bump(this.languages, language);
    if (spoken !== null) addExample(spoken, quote(message.text));
    if (decisions.length === 0) this.undecided += 1;
    for (let index = 0; index < decisions.length; index += 1) {
      const { kind, rule } = decisions[index] as Decision;
      // Each kind and rule once per message: count it at its first decision.
      if (isFirst(decisions, index, 'kind')) {
        const tally = bump(this.kinds, kind);
        if (tally !== null) addExample(tally, quote(message.text));
      }
      if (isFirst(decisions, index, 'rule')) {
        const tally = bump(this.rules, rule);
        if (tally !== null) addExample(tally, `${quote(message.text)} → ${kindsOf(decisions, rule)}`);
      }
    }
  }

  private platformKey(message: Message): string {
    let byKind = this.platformKeys.get(message.platform);
    if (byKind === undefined) this.platformKeys.set(message.platform, (byKind = new Map()));
    let key = byKind.get(message.kind);
    if (key === undefined) byKind.set(message.kind, (key = `${message.platform} ${message.kind}`));
    return key;
  }

  /** The plain-text report; stable order (by count, then name) so it can be diffed and golden-tested. */
  render(title: string, options: { examples?: boolean } = {}): string {
    const lines = [title, ''];
    const section = (name: string, map: Map<string, Tally>, withExamples: boolean): void => {
      lines.push(name);
      const entries = [...map.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
      const width = Math.max(8, ...entries.map(([key]) => key.length));
      for (const [key, tally] of entries) {
        const share = this.messages === 0 ? 0 : (100 * tally.count) / this.messages;
        lines.push(`  ${key.padEnd(width)} ${String(tally.count).padStart(7)}  ${share.toFixed(1).padStart(5)}%`);
        if (withExamples && options.examples !== false) for (const example of tally.examples) lines.push(`      e.g. ${example}`);
      }
      lines.push('');
    };
    lines.push(
      `messages ${this.messages}, no decision ${this.undecided}${this.invalid > 0 ? `, unreadable lines ${this.invalid}` : ''}`,
      '',
    );
    section('Decisions (messages with at least one)', this.kinds, false);
    section('Rules', this.rules, true);
    section('Platforms', this.platforms, false);
    section('Languages', this.languages, true);
    return lines.join('\n');
  }
}
