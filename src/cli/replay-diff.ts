import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';

const SHOWN = 15;
/** Changed messages kept for the HTML report's message-by-message table. */
const KEPT = 200;

/** One message the two playbooks decide differently. */
export interface DiffChange {
  id: string;
  text: string;
  before: readonly Decision[];
  after: readonly Decision[];
}

export const signature = (decisions: readonly Decision[]): string =>
  decisions
    .map((decision) => `${decision.kind}(${decision.rule})`)
    .sort()
    .join(' ') || '(nothing)';

/** What changes between two playbooks on the same messages. */
export class ReplayDiff {
  messages = 0;
  changed = 0;
  readonly kindsBefore = new Map<string, number>();
  readonly kindsAfter = new Map<string, number>();
  /** "before  →  after" signatures, and how many messages made that change. */
  readonly transitions = new Map<string, number>();
  /** The first changed messages, in file order. */
  readonly changes: DiffChange[] = [];

  add(message: Message, before: readonly Decision[], after: readonly Decision[]): boolean {
    this.messages += 1;
    for (const kind of new Set(before.map((decision) => decision.kind))) this.kindsBefore.set(kind, (this.kindsBefore.get(kind) ?? 0) + 1);
    for (const kind of new Set(after.map((decision) => decision.kind))) this.kindsAfter.set(kind, (this.kindsAfter.get(kind) ?? 0) + 1);
    const from = signature(before);
    const to = signature(after);
    if (from === to) return false;
    this.changed += 1;
    const transition = `${from}  →  ${to}`;
    this.transitions.set(transition, (this.transitions.get(transition) ?? 0) + 1);
    if (this.changes.length < KEPT) this.changes.push({ id: message.externalId, text: message.text, before, after });
    return true;
  }

  render(before: string, after: string): string {
    const lines = [`Diff: ${before} → ${after}`, '', `${this.changed} of ${this.messages} messages would be decided differently`, ''];
    lines.push('Messages per decision kind');
    const kinds = [...new Set([...this.kindsBefore.keys(), ...this.kindsAfter.keys()])].sort();
    for (const kind of kinds) {
      const a = this.kindsBefore.get(kind) ?? 0;
      const b = this.kindsAfter.get(kind) ?? 0;
      const delta = b - a;
      lines.push(
        `  ${kind.padEnd(14)} ${String(a).padStart(7)} → ${String(b).padStart(7)}  ${delta === 0 ? '' : delta > 0 ? `+${delta}` : String(delta)}`,
      );
    }
    lines.push('', 'Most common changes');
    const sorted = [...this.transitions.entries()].sort((x, y) => y[1] - x[1]).slice(0, 10);
    for (const [transition, count] of sorted) lines.push(`  ${String(count).padStart(6)}  ${transition}`);
    const examples = this.changes.slice(0, SHOWN).map(({ id, text, before: from, after: to }) => {
      const flat = text.replace(/\s+/gu, ' ').slice(0, 60);
      return `  ${id} "${flat}"\n      ${signature(from)}\n    → ${signature(to)}`;
    });
    if (examples.length > 0) lines.push('', 'Examples', ...examples);
    return lines.join('\n');
  }
}
