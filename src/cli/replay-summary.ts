import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';

const EXAMPLES = 2;

interface Tally {
  count: number;
  examples: string[];
}

const bump = (map: Map<string, Tally>, key: string, example: () => string): void => {
  let tally = map.get(key);
  if (tally === undefined) {
    tally = { count: 0, examples: [] };
    map.set(key, tally);
  }
  tally.count += 1;
  if (tally.examples.length < EXAMPLES) {
    const text = example();
    if (!tally.examples.includes(text)) tally.examples.push(text);
  }
};

const quote = (text: string): string => {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return `"${flat.length > 70 ? `${flat.slice(0, 69)}…` : flat}"`;
};

/** Counts per decision kind, rule, platform and language, with a few examples of each. */
export class ReplaySummary {
  messages = 0;
  invalid = 0;
  undecided = 0;
  readonly kinds = new Map<string, Tally>();
  readonly rules = new Map<string, Tally>();
  readonly platforms = new Map<string, Tally>();
  readonly languages = new Map<string, Tally>();

  add(message: Message, language: string, decisions: readonly Decision[]): void {
    this.messages += 1;
    const example = () => quote(message.text);
    bump(this.platforms, `${message.platform} ${message.kind}`, example);
    bump(this.languages, language, example);
    if (decisions.length === 0) this.undecided += 1;
    decisions.forEach((decision, index) => {
      // Each kind and rule once per message: count it at its first decision.
      if (decisions.findIndex((d) => d.kind === decision.kind) === index) bump(this.kinds, decision.kind, example);
      const { rule } = decision;
      if (decisions.findIndex((d) => d.rule === rule) === index) {
        bump(
          this.rules,
          rule,
          () =>
            `${example()} → ${decisions
              .filter((d) => d.rule === rule)
              .map((d) => d.kind)
              .join(', ')}`,
        );
      }
    });
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
