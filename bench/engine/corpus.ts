import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../../src/domain/message.js';
import { parseLine } from '../../src/cli/replay-input.js';
import { packageRoot } from '../../src/playbook/package-root.js';

/** The sample inbox's messages: realistic texts in eight languages. */
export const inboxMessages = (): Message[] =>
  readFileSync(join(packageRoot(), 'examples', 'inbox.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .flatMap((line) => {
      const parsed = parseLine(line);
      return parsed.ok ? [parsed.message] : [];
    });

/** Deterministic pseudo-random integers, so every run measures the same work. */
export const counter = (seed: number) => {
  let state = seed >>> 0;
  return (below: number): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
};
