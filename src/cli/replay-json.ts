import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { AutonomyEvent } from './replay-autonomy.js';

interface Out {
  write(chunk: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

const FLUSH_AT = 1 << 16;

const FIRST_KEYS = ['kind', 'rule', 'matched'];

/** Whether a decision's keys already start with kind, rule, matched (as the engine builds them). */
const startsInOrder = (decision: Decision): boolean => {
  let index = 0;
  for (const key in decision) {
    if (key !== FIRST_KEYS[index]) return false;
    index += 1;
    if (index === FIRST_KEYS.length) return true;
  }
  return false;
};

const reordered = (decision: Decision): Decision => {
  if (startsInOrder(decision)) return decision;
  const { kind, rule, matched, ...rest } = decision;
  return { kind, rule, matched, ...rest };
};

// Kind, rule and matched first: the fields a reader scans for. Most decisions already are in
// that order, and are written as they are: the list itself is copied only when one is not.
const record = (decisions: readonly Decision[]): readonly Decision[] => {
  for (const decision of decisions) if (!startsInOrder(decision)) return decisions.map(reordered);
  return decisions;
};

/**
 * `--json`: one line per message, streamed to stdout in chunks of about 64 KiB, waiting for
 * the stream to drain when it asks, so a replay piped into a slow reader stays in bounded memory.
 */
export const createJsonOutput = (out: Out) => {
  let chunk = '';
  return {
    add(
      message: Message,
      language: string,
      decisions: readonly Decision[],
      others?: readonly Decision[],
      changed?: boolean,
      autonomy?: AutonomyEvent,
    ): void {
      const line: Record<string, unknown> = {
        id: message.externalId,
        platform: message.platform,
        kind: message.kind,
        language,
        decisions: record(decisions),
      };
      if (others) Object.assign(line, { changed, other_decisions: record(others) });
      if (autonomy)
        line.autonomy = { rule: autonomy.rule, verdict: autonomy.verdict, from: autonomy.from, to: autonomy.to, figures: autonomy.figures };
      chunk += `${JSON.stringify(line)}\n`;
    },
    /** Writes what is gathered once it is worth a write, or all of it at the end. */
    async flush(end = false): Promise<void> {
      if (chunk.length === 0 || (!end && chunk.length < FLUSH_AT)) return;
      const ok = out.write(chunk);
      chunk = '';
      if (!ok && out.once) await new Promise<void>((resolve) => out.once?.('drain', resolve));
    },
  };
};
